package org.gridprint.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.ReadingStore;

/**
 * A year (2025) of hourly counter readings and the hourly emission records computed from them, per meter: what the
 * export phase exports. The readings are stored too, so the store holds the year the records describe (an export
 * reads only the part of its period that the data held covers).
 */
final class EmissionYear {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

    private EmissionYear() {
    }

    /** Stores the year's readings and emission records for each meter given; returns how many records were stored. */
    static long prefill(ReadingStore readings, EmissionStore store, List<String> meterIds) {
        var factor = new EmissionFactor(400.0, "g CO2e/kWh", "bench factor", "2025", "AR5", "bench-grid",
                Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
        long stored = 0;
        var computedAt = Instant.now();
        for (var id : meterIds) {
            var records = new ArrayList<EmissionRecord>(8760);
            var counters = new ArrayList<Reading>(1000);
            double counter = 1000.0;
            for (var t = START; t.isBefore(END); t = t.plusSeconds(3600)) {
                counters.add(new Reading(id, Quantity.ACTIVE_ENERGY_IMPORT, t, counter, Quality.GOOD, "bench/year"));
                if (counters.size() == 1000) {
                    readings.append("bench/year", List.copyOf(counters));
                    counters.clear();
                }
                double kwh = 2.0 + (t.getEpochSecond() / 3600 % 24) * 0.125;
                var interval = new EnergyInterval(id, Quantity.ACTIVE_ENERGY_IMPORT, t, t.plusSeconds(3600), counter,
                        counter + kwh, kwh, Quality.GOOD, Set.of());
                counter += kwh;
                records.add(new EmissionRecord(interval, "load", factor, kwh * factor.gramsCo2ePerUnit(), computedAt));
            }
            counters.add(new Reading(id, Quantity.ACTIVE_ENERGY_IMPORT, END, counter, Quality.GOOD, "bench/year"));
            readings.append("bench/year", List.copyOf(counters));
            stored += store.store(records);
        }
        return stored;
    }
}
