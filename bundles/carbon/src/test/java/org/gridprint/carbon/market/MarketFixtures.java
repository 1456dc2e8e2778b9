package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.site.Site;

/** Sites, windows and instruments for the market tests. */
final class MarketFixtures {

    static final long NANO_PER_KWH = 1_000_000_000L;

    private MarketFixtures() {
    }

    static Site site(String id, String market, String supplierSeries, String residualSeries) {
        return site(id, market, supplierSeries, residualSeries, ZoneId.of("UTC"));
    }

    static Site site(String id, String market, String supplierSeries, String residualSeries, ZoneId zone) {
        return new Site(id, id, zone, "AR4", Duration.ofHours(1), List.of("egrid/subregion/CAMX/co2e"), "", market,
                supplierSeries, residualSeries, Map.of(), new BigDecimal("1000"), Map.of(), Duration.ofMinutes(15),
                List.of(), List.of(), "");
    }

    /** A LOCATION_BASED Scope 2 window of {@code kwh} (whole kWh) priced with {@code factorRef} at co2e µg. */
    static EmissionWindow loc(String meter, String site, Instant start, long kwh, long factorRef, long co2eMicro,
            WindowFlag... flags) {
        return new EmissionWindow(meter, site, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, start, start.plus(Duration.ofHours(1)), kwh * NANO_PER_KWH, co2eMicro,
                factorRef, 0, 0, Quality.GOOD, flags.length == 0 ? Set.of() : Set.of(flags), start.minusSeconds(7),
                start.plusSeconds(3600 + 5), 1, Instant.EPOCH);
    }

    static Instrument rec(String id, String mwh, LocalDate from, LocalDate to, String market, String siteId) {
        return new Instrument(id, "REC", new BigDecimal(mwh), from, to, market, "WREGIS", "RET-" + id, siteId,
                BigDecimal.ZERO, "test REC");
    }
}
