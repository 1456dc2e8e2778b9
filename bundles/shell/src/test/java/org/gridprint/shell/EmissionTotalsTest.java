package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;

class EmissionTotalsTest {

    static EmissionRecord record(String meter, double kwh, double gPerKwh, AccountingMethod method) {
        return record(meter, Instant.parse("2026-11-25T10:00:00Z"), kwh, gPerKwh, method, "2026");
    }

    /** A 15-minute interval starting at {@code start}, its factor from edition {@code edition}. */
    static EmissionRecord record(String meter, Instant start, double kwh, double gPerKwh, AccountingMethod method,
            String edition) {
        var interval = new EnergyInterval(meter, Quantity.ACTIVE_ENERGY_IMPORT, start, start.plusSeconds(900), 100,
                100 + kwh, kwh, Quality.GOOD, Set.of());
        var factor = new EmissionFactor(gPerKwh, "g CO2e/kWh", "test", edition, "AR5", "hq", Scope.SCOPE_2, method);
        return new EmissionRecord(interval, "hq", factor, kwh * gPerKwh, start);
    }

    @Test
    void totalsPerMethodDoNotDoubleCount() {
        var records = List.of(record("a", 10, 400, AccountingMethod.LOCATION_BASED),
                record("b", 5, 400, AccountingMethod.LOCATION_BASED),
                record("a", 10, 0, AccountingMethod.MARKET_BASED));
        var totals = EmissionTotals.byMethod(records);
        assertEquals(2, totals.size());
        assertEquals(new EmissionTotals.Total(AccountingMethod.LOCATION_BASED, 2, 15, 6.0), totals.get(0));
        assertEquals(new EmissionTotals.Total(AccountingMethod.MARKET_BASED, 1, 10, 0.0), totals.get(1));
    }
}
