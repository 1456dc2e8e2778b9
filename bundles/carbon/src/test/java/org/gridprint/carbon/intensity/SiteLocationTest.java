package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.carbon.SiteLocation;
import org.junit.jupiter.api.Test;

/** Site locations: validated field by field, ledgered in the register {@code site-location}, read back. */
class SiteLocationTest {

    private static SiteLocation loc(String sub, Integer uk, Double lat, Double lon) {
        return new SiteLocation("hq", sub, "CA", "US", "US-CAL-CISO", "CAISO_NORTH", Optional.ofNullable(uk),
                Optional.ofNullable(lat), Optional.ofNullable(lon));
    }

    @Test
    void fieldsAreCheckedAndErrorsNameThem() {
        var f = new Fixtures(Instant.EPOCH, Fixtures.catalogKnowing("CAMX", "ERCT"));
        var e = assertThrows(IllegalArgumentException.class, () -> f.service.setLocation(loc("", 18, null, null)));
        assertTrue(e.getMessage().contains("site-location of site 'hq': ukRegionId = '18'")
                && e.getMessage().contains("1..17"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.service.setLocation(loc("", null, 91.0, 0.0)));
        assertTrue(e.getMessage().contains("latitude = '91.0'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.service.setLocation(loc("", null, 10.0, 181.0)));
        assertTrue(e.getMessage().contains("longitude = '181.0'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.service.setLocation(loc("", null, 10.0, null)));
        assertTrue(e.getMessage().contains("longitude"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.service.setLocation(loc("NWPP", null, null, null)));
        assertTrue(e.getMessage().contains("egridSubregion = 'NWPP'") && e.getMessage().contains("catalog"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.service.setLocation(loc("camx", null, null, null)));
        assertTrue(e.getMessage().contains("egridSubregion = 'camx'"), e.getMessage());
        assertTrue(f.register.list(SiteLocations.REGISTER).isEmpty(), "nothing stored for a refused location");
    }

    @Test
    void storedInTheRegisterAndReadBackByAnotherInstance() {
        var f = new Fixtures(Instant.EPOCH, Fixtures.catalogKnowing("CAMX"));
        f.service.setLocation(loc("CAMX", null, 37.77, -122.42));
        var rec = f.register.get(SiteLocations.REGISTER, "hq").orElseThrow();
        assertEquals("""
                country=US
                egridSubregion=CAMX
                latitude=37.77
                longitude=-122.42
                siteId=hq
                state=CA
                wattTimeRegion=CAISO_NORTH
                zone=US-CAL-CISO
                """, rec.text());
        f.service.setLocation(loc("CAMX", null, 37.77, -122.42));
        assertEquals(1, f.register.history(SiteLocations.REGISTER, "hq").size(), "the same location again: no version");

        var again = new IntensityServiceImpl(f.store, f.register, null, null, f.clock);
        assertEquals(Optional.of(loc("CAMX", null, 37.77, -122.42)), again.location("hq"));
        assertTrue(again.location("other").isEmpty());
    }
}
