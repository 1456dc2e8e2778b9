package org.gridprint.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionStore;

/** A year (2025) of hourly emission records per meter: what the export phase exports. */
final class EmissionYear {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

    private EmissionYear() {
    }

    /** Stores the year for each meter given; returns how many records were stored. */
    static long prefill(EmissionStore store, List<String> meterIds) {
        var factor = new EmissionFactor(400.0, "g CO2e/kWh", "bench factor", "2025", "AR5", "bench-grid",
                Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
        long stored = 0;
        var computedAt = Instant.now();
        for (var id : meterIds) {
            var records = new ArrayList<EmissionRecord>(8760);
            double counter = 1000.0;
            for (var t = START; t.isBefore(END); t = t.plusSeconds(3600)) {
                double kwh = 2.0 + (t.getEpochSecond() / 3600 % 24) * 0.125;
                var interval = new EnergyInterval(id, Quantity.ACTIVE_ENERGY_IMPORT, t, t.plusSeconds(3600), counter,
                        counter + kwh, kwh, Quality.GOOD, Set.of());
                counter += kwh;
                records.add(new EmissionRecord(interval, "load", factor, kwh * factor.gramsCo2ePerUnit(), computedAt));
            }
            stored += store.store(records);
        }
        return stored;
    }
}
