package org.gridprint.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.market.InstrumentServiceImpl;
import org.gridprint.carbon.market.MarketPricingImpl;
import org.gridprint.carbon.market.VintageRule;
import org.gridprint.carbon.plausibility.PlausibilityServiceImpl;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.SiteConfiguration;
import org.gridprint.carbon.site.SitesImpl;
import org.gridprint.carbon.testkit.FakeFactorCatalog;
import org.gridprint.carbon.testkit.FakeIntensityService;
import org.gridprint.carbon.testkit.FakeMeters;
import org.gridprint.carbon.testkit.FakeReadings;
import org.gridprint.carbon.testkit.FakeRecordRegister;
import org.gridprint.carbon.testkit.FakeWindowStore;
import org.gridprint.carbon.testkit.MutableClock;
import org.gridprint.carbon.testkit.RecordingEventAdmin;
import org.junit.jupiter.api.Test;

/**
 * Regression: an ACCEPTED spike window counts in totals, so its MARKET_BASED twin must be priced with the site's
 * instruments like any counted window. The engine used to apply the operator's decisions after market pricing, so a
 * recalculation left the accepted twin without certificate coverage (MarketPricing skips uncounted windows).
 */
class AcceptedSpikeMarketTest {

    private static final Instant Y2022 = Instant.parse("2022-01-01T00:00:00Z");
    private static final Instant Y2024 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void anAcceptedSpikesMarketTwinDrawsOnTheRecAfterRecalculation() {
        var register = new FakeRecordRegister();
        var catalog = new FakeFactorCatalog(register);
        catalog.add("op/x", FakeFactorCatalog.grid("op/x/v1", "X", "100", Y2022, Y2024, "v1"));
        var store = new FakeWindowStore();
        var readings = new FakeReadings();
        var meters = new FakeMeters();
        var events = new RecordingEventAdmin();
        var clock = new MutableClock(Instant.parse("2023-03-02T00:00:00Z"));
        var alarms = new ArrayList<org.gridprint.api.Alarm>();
        var market = new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, alarms::add, clock);
        // a REC large enough for the spike: 2,000,000 MWh = 2 x 10^18 nano-kWh
        new InstrumentServiceImpl(register).register(new Instrument("REC-2023", "REC", new BigDecimal("2000000"),
                LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), "US", "WREGIS", "RET-9", "s",
                BigDecimal.ZERO, "test"));
        var sites = new SitesImpl(List.of(), events);
        sites.addConfiguration(SiteConfiguration.of(new Site("s", "s", ZoneId.of("UTC"), "AR5",
                Duration.ofMinutes(60), List.of("op/x"), "", "US", "", "", Map.of(), new BigDecimal("7"), Map.of(),
                Duration.ofMinutes(15), List.of(), List.of(), "")));
        meters.add(Meter.of("s/m", "s"));
        Object[] tv = { "2023-03-01T10:00:00Z", 100.0, "2023-03-01T10:00:05Z", 100.007, "2023-03-01T10:00:10Z",
                1_000_000_099.707, "2023-03-01T11:00:00Z", 1_000_000_104.707, "2023-03-01T12:00:00Z",
                1_000_000_109.707 };
        for (var i = 0; i < tv.length; i += 2) {
            readings.add(new Reading("s/m", Quantity.ACTIVE_ENERGY_IMPORT, Instant.parse((String) tv[i]),
                    ((Number) tv[i + 1]).doubleValue(), Quality.GOOD, "test"));
        }
        var engine = new CarbonEngineImpl(readings, store, meters, sites, catalog, market, new FakeIntensityService(),
                events, clock, Runnable::run);
        engine.recompute("s/m");

        var spike = market(store).get(0);
        assertTrue(spike.flags().contains(WindowFlag.SUSPECT_SPIKE));
        assertEquals(0, spike.coveredNano(), "an unaccepted spike never drains a certificate");
        // the 11:00 window (5 kWh) is counted and covered by the REC
        assertEquals(5_000_000_000L, market(store).get(1).coveredNano());

        var plausibility = new PlausibilityServiceImpl(store, catalog, market, sites, engine, clock);
        var lb = store.windows(query(AccountingMethod.LOCATION_BASED));
        plausibility.accept(lb.get(0).key(), "confirmed by the utility");
        engine.recalculate(Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-02T00:00:00Z"),
                Optional.empty(), "after acceptance");

        var twin = market(store).get(0);
        assertTrue(twin.flags().containsAll(Set.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.ACCEPTED)), twin.toString());
        assertTrue(twin.counted());
        // counted like any window: the REC covers all of it, at 0 g/kWh
        assertEquals(twin.amountNano(), twin.coveredNano(), twin.toString());
        assertNotEquals(0, twin.instrumentRef());
        assertEquals(0, twin.co2eMicrograms());
        // the location-based window stays accepted with its amount and CO2e
        var lbAfter = store.windows(query(AccountingMethod.LOCATION_BASED)).get(0);
        assertTrue(lbAfter.flags().contains(WindowFlag.ACCEPTED));
        assertEquals(lb.get(0).amountNano(), lbAfter.amountNano());
        // the REC's remaining quantity went down by the spike and the 5 kWh hour, exactly
        var remainingNano = new BigDecimal("2000000").movePointRight(12)
                .subtract(BigDecimal.valueOf(twin.amountNano() + 5_000_000_000L));
        assertEquals(0, remainingNano.movePointLeft(12).compareTo(new InstrumentServiceImpl(register)
                .remainingMwh("REC-2023")));
    }

    private static WindowQuery query(AccountingMethod method) {
        return new WindowQuery(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"), Set.of("s/m"), "",
                Optional.of(Scope.SCOPE_2), Optional.of(method));
    }

    private static List<EmissionWindow> market(FakeWindowStore store) {
        return store.windows(query(AccountingMethod.MARKET_BASED));
    }
}
