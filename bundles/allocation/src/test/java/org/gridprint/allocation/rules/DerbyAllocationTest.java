package org.gridprint.allocation.rules;

import static org.gridprint.allocation.rules.Fixture.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service on a real Derby store: windows and readings in, stored periods and rule versions out, verify intact. */
class DerbyAllocationTest {

    @TempDir
    Path dir;

    private static Fixture site(DerbyStore store) {
        // M main 20 kWh an hour (8 g location, 6 g market, 5 kWh covered); A Finance 4 kWh; B Operations 6 kWh;
        // chiller C 6 kWh split by fan-coil runtime (fcu-3 0.75 h, fcu-4 0.25 h each hour → 3:1 → 4.5 / 1.5 kWh);
        // remainder 20 − 4 − 6 − 6 = 4 kWh split by area 1:1 → 2 / 2 kWh.
        var f = new Fixture(store, store, store).meter("M", null, "").meter("A", "M", "Finance")
                .meter("B", "M", "Operations").meter("C", "M", "HVAC").meter("fcu-3", null, "")
                .meter("fcu-4", null, "");
        for (int h = 0; h < 4; h++) {
            f.hour("M", h, "20", "8", "6", "5").hour("A", h, "4", "1.6", "1.2", "1")
                    .hour("B", h, "6", "2.4", "1.8", "1.5").hour("C", h, "6", "2.4", "1.8", "1.5");
        }
        return f.rule("sub", "method", "submeter")
                .rule("chiller", "method", "runtime", "pool", "C", "runtime", "Finance:fcu-3, Operations:fcu-4")
                .rule("rest", "method", "area", "pool", "remainder", "area", "Finance:1500, Operations:1500");
    }

    private static void runtime(DerbyStore store) {
        var readings = new java.util.ArrayList<Reading>();
        for (int h = 0; h <= 4; h++) {
            var t = Fixture.T0.plusSeconds(3600L * h);
            readings.add(Reading.good("fcu-3", Quantity.RUNTIME, t, 1000 + 0.75 * h, "test"));
            readings.add(Reading.good("fcu-4", Quantity.RUNTIME, t, 200 + 0.25 * h, "test"));
        }
        store.append("test", readings);
    }

    @Test
    void allocatesStoresVersionsAndVerifies() {
        var db = dir.resolve("db");
        Fixture f;
        try (var store = DerbyStore.open(db, Clock.systemUTC(), StoreOptions.defaults())) {
            runtime(store);
            f = site(store);
            var a = f.allocate(4);
            // Finance per hour: 4 + 4.5 + 2 = 10.5 kWh; Operations 6 + 1.5 + 2 = 9.5 kWh; 4 hours
            assertEquals(42000, share(a, "Finance").energyWh());
            assertEquals(38000, share(a, "Operations").energyWh());
            // location g per hour: Finance 1.6 + 1.8 + 0.8 = 4.2; Operations 2.4 + 0.6 + 0.8 = 3.8
            assertEquals(17, share(a, "Finance").locationCo2eGrams()); // 16.8 g → 17 (largest remainder)
            assertEquals(15, share(a, "Operations").locationCo2eGrams()); // 15.2 g → 15
            // market g per hour: Finance 1.2 + 1.35 + 0.6 = 3.15; Operations 1.8 + 0.45 + 0.6 = 2.85 → 12.6 / 11.4
            assertEquals(13, share(a, "Finance").marketCo2eGrams());
            assertEquals(11, share(a, "Operations").marketCo2eGrams());
            // covered kWh per hour: Finance 1 + 1.125 + 0.5 = 2.625; Operations 1.5 + 0.375 + 0.5 = 2.375
            assertEquals(10500, share(a, "Finance").recWh());
            assertEquals(9500, share(a, "Operations").recWh());
            assertEquals(80000, a.totalEnergyWh());
            assertEquals(32, a.totalLocationCo2eGrams());
            assertEquals(20000, a.totalRecWh());
            assertEquals(1, a.version());
            assertEquals(false, a.shares().stream().anyMatch(s -> s.target().equals(AllocationShare.UNALLOCATED)));
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        try (var store = DerbyStore.open(db, Clock.systemUTC(), StoreOptions.defaults())) {
            var f2 = site(store);
            var again = f2.allocate(4);
            assertEquals(1, again.version());
            assertEquals(42000, share(again, "Finance").energyWh());
            assertEquals(4 * 2, again.windows().size(), "2 targets x 4 hours: windows recomputed with the stored rule version match");
            f2.service().setRules(List.of(RuleConfiguration.of("x", java.util.Map.of("site", "s", "method", "fixed",
                    "pool", "remainder", "shares", "Finance:1"))));
            var recalculated = f2.service().allocate(Fixture.request(4, true, "everything to Finance"));
            assertEquals(2, recalculated.version());
            assertEquals(80000, share(recalculated, "Finance").energyWh());
            assertEquals(2, store.history(RuleSet.REGISTER, "s/department").size());
            assertEquals(2, store.history(StoredAllocation.REGISTER, StoredAllocation.key("s", "department",
                    Fixture.T0, Fixture.T0.plusSeconds(4 * 3600))).size());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }
}
