package org.gridprint.shell.carbon;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;

/** Windows and factors for the console tests (values by hand in the tests). */
final class Windows {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private Windows() {
    }

    static EmissionWindow window(String meter, Quantity q, Scope scope, AccountingMethod method, Instant start,
            long amountNano, long micrograms, long factorRef, Set<WindowFlag> flags) {
        var end = start.plus(Duration.ofHours(1));
        return new EmissionWindow(meter, "sf", q, scope, method, start, end, amountNano, micrograms, factorRef, 0, 0,
                flags.contains(WindowFlag.SUSPECT_SPIKE) ? Quality.SUSPECT : Quality.GOOD, flags, start, end, 1, end);
    }

    static EmissionWindow energy(String meter, Scope scope, AccountingMethod method, Instant start, long amountNano,
            long micrograms, long factorRef, WindowFlag... flags) {
        return window(meter, Quantity.ACTIVE_ENERGY_IMPORT, scope, method, start, amountNano, micrograms, factorRef,
                flags.length == 0 ? Set.of() : Set.of(flags));
    }

    /** eGRID2022 CAMX CO2e: 499.3 lb/MWh = 226.478670341 g/kWh (499.3 × 0.45359237). */
    static FactorVersion camx() {
        return new FactorVersion("egrid2022/subregion/CAMX/co2e", FactorKind.GRID_AVERAGE, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, "CAMX", new BigDecimal("499.3"), "lb/MWh",
                new BigDecimal("226.478670341"), "kWh", "as published",
                "US EPA, eGRID2022 summary tables, Table 1 subregion output emission rates, CAMX total output CO2e",
                "eGRID2022 (2024-01-30)", Instant.parse("2022-01-01T00:00:00Z"), Instant.MAX, "catalog", false, "");
    }
}
