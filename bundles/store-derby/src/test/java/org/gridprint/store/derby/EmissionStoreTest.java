package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmissionStoreTest {

    @TempDir
    Path dir;

    private static final Instant H0 = Instant.parse("2026-03-01T00:00:00Z");

    private static EmissionRecord record(String meter, int hour, AccountingMethod method, double grams) {
        var interval = new EnergyInterval(meter, Quantity.ACTIVE_ENERGY_IMPORT, H0.plusSeconds(3600L * hour),
                H0.plusSeconds(3600L * (hour + 1)), 100 + hour, 101.5 + hour, 1.5, Quality.ESTIMATED,
                Set.of(IntervalFlag.ROLLOVER, IntervalFlag.DEGRADED_INPUT));
        var factor = new EmissionFactor(400.5, "g CO2e/kWh", "US EPA eGRID2022, RFCE", "eGRID2022 (2024-01-30)", "AR5",
                "RFCE", Scope.SCOPE_2, method);
        return new EmissionRecord(interval, "hq", factor, grams, Instant.parse("2026-03-02T10:00:00.123Z"));
    }

    /** Stores two records of meter a (hours 0 and 1); returns how many were new. */
    static int store(DerbyStore store) {
        return store.store(List.of(record("a", 0, AccountingMethod.LOCATION_BASED, 10),
                record("a", 1, AccountingMethod.LOCATION_BASED, 20)));
    }

    @Test
    void storesEachIntervalOncePerMethodAndKeepsEveryField() {
        try (var store = Fixtures.open(dir)) {
            var loc = record("a", 0, AccountingMethod.LOCATION_BASED, 600.75);
            assertEquals(3, store.store(List.of(loc, record("a", 0, AccountingMethod.MARKET_BASED, 10),
                    record("b", 1, AccountingMethod.LOCATION_BASED, 5), loc)));
            assertEquals(0, store.store(List.of(record("a", 0, AccountingMethod.LOCATION_BASED, 999))),
                    "insert-if-absent: the first record stays");
            assertEquals(1, store.store(List.of(record("a", 1, AccountingMethod.LOCATION_BASED, 1))));

            var a = store.emissions(List.of("a"), H0, H0.plusSeconds(7200));
            assertEquals(3, a.size());
            assertEquals(loc, a.get(0), "every field round-trips");
            assertEquals(600.75, a.get(0).gramsCo2e());
            assertEquals(AccountingMethod.MARKET_BASED, a.get(1).factor().method());
            assertEquals(4, store.emissions(List.of(), H0, H0.plusSeconds(7200)).size());
            assertEquals(2, store.emissions(List.of(), H0.plusSeconds(3600), H0.plusSeconds(7200)).size(),
                    "intervals ending at 'from' are excluded");
            assertEquals(H0.plusSeconds(7200), store.lastIntervalEnd("a", AccountingMethod.LOCATION_BASED).orElseThrow());
            assertEquals(H0.plusSeconds(3600), store.lastIntervalEnd("a", AccountingMethod.MARKET_BASED).orElseThrow());
            assertTrue(store.lastIntervalEnd("a", AccountingMethod.DIRECT).isEmpty());
        }
        try (var store = Fixtures.open(dir)) {
            assertEquals(4, store.emissions(List.of("a", "b"), H0, H0.plusSeconds(7200)).size());
        }
    }
}
