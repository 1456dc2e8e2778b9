package org.gridprint.allocation.rules;

import static org.gridprint.allocation.rules.Fixture.share;
import static org.gridprint.allocation.rules.Fixture.windowEnergy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationShare;
import org.junit.jupiter.api.Test;

/** One hand-computed case per method; expected values worked out in the comments, not by the code under test. */
class AllocationMethodsTest {

    private static void assertShare(Allocation a, String target, long wh, long locG, long mktG, long recWh) {
        var s = share(a, target);
        assertEquals(wh, s.energyWh(), target + " Wh");
        assertEquals(locG, s.locationCo2eGrams(), target + " location g");
        assertEquals(mktG, s.marketCo2eGrams(), target + " market g");
        assertEquals(recWh, s.recWh(), target + " REC Wh");
    }

    private static void assertAddsUp(Allocation a) {
        assertEquals(a.totalEnergyWh(), a.shares().stream().mapToLong(AllocationShare::energyWh).sum());
        assertEquals(a.totalLocationCo2eGrams(), a.shares().stream().mapToLong(AllocationShare::locationCo2eGrams).sum());
        assertEquals(a.totalMarketCo2eGrams(), a.shares().stream().mapToLong(AllocationShare::marketCo2eGrams).sum());
        assertEquals(a.totalRecWh(), a.shares().stream().mapToLong(AllocationShare::recWh).sum());
    }

    @Test
    void submeterAssignsEachTaggedMeterAndLeavesTheRestUnallocated() {
        // M (main) 10 kWh + 4 kWh; A (Finance) 3 + 1; B (Operations) 5 + 2; L untagged: stays in M's remainder.
        var f = new Fixture().meter("M", null, "").meter("A", "M", "Finance").meter("B", "M", "Operations")
                .meter("L", "M", "")
                .hour("M", 0, "10", "4000", "3000", "2").hour("A", 0, "3", "1200", "900", "0.6")
                .hour("B", 0, "5", "2000", "1500", "1").hour("L", 0, "1", "400", "300", "0")
                .hour("M", 1, "4", "1600", "1200", "0").hour("A", 1, "1", "400", "300", "0")
                .hour("B", 1, "2", "800", "600", "0")
                .rule("sub", "method", "submeter");
        var a = f.allocate(2);
        assertShare(a, "Finance", 4000, 1600, 1200, 600);
        assertShare(a, "Operations", 7000, 2800, 2100, 1000);
        // remainder M − A − B: hour 0 2 kWh, 800 g, 600 g, 0.4 kWh; hour 1 1 kWh, 400 g, 300 g, 0
        assertShare(a, AllocationShare.UNALLOCATED, 3000, 1200, 900, 400);
        assertTrue(share(a, AllocationShare.UNALLOCATED).basis().contains("remainder of M (no remainder rule)"),
                share(a, AllocationShare.UNALLOCATED).basis());
        assertEquals("submeter A", share(a, "Finance").basis());
        assertEquals(14000, a.totalEnergyWh());
        assertAddsUp(a);
    }

    @Test
    void fixedSharesSplitEveryComponentWithTheSameKeysAndRoundToTheGram() {
        // C 10 kWh (1.000001 g loc, 0.5 g mkt) and 7 kWh by 40:60.
        // hour 0: 4 / 6 kWh; 1,000,001 µg → 400,000.4 / 600,000.6 → floors 400,000 / 600,000, the unit left to the
        // larger remainder: 400,000 / 600,001 µg; 500,000 µg → 200,000 / 300,000. hour 1: 2.8 / 4.2 kWh.
        // Period: 6,800 / 10,200 Wh; location 1,000,001 µg → 1 g (half-up), floors 0 / 0, the gram to Operations
        // (remainder 0.600001 > 0.4); market 0.5 g → 1 g, floors 0 / 0, the gram to Operations (0.3 > 0.2).
        var f = new Fixture().meter("M", null, "").meter("C", "M", "HVAC")
                .hour("M", 0, "10", "1.000001", "0.5", "0").hour("C", 0, "10", "1.000001", "0.5", "0")
                .hour("M", 1, "7").hour("C", 1, "7")
                .rule("chiller", "method", "fixed", "pool", "C", "shares", "Finance:40, Operations:60");
        var a = f.allocate(2);
        assertShare(a, "Finance", 6800, 0, 0, 0);
        assertShare(a, "Operations", 10200, 1, 1, 0);
        assertFalse(a.shares().stream().anyMatch(s -> s.target().equals(AllocationShare.UNALLOCATED)), a.shares()
                .toString());
        var h0 = a.windows().stream().filter(w -> w.start().equals(Fixture.T0)).toList();
        assertEquals(400_000, h0.stream().filter(w -> w.target().equals("Finance")).findFirst().orElseThrow()
                .locationCo2eMicrograms());
        assertEquals(600_001, h0.stream().filter(w -> w.target().equals("Operations")).findFirst().orElseThrow()
                .locationCo2eMicrograms());
        assertEquals(6_800_000_000L, windowEnergy(a, "Finance"));
        assertEquals("C: fixed 40 of 100", share(a, "Finance").basis());
        assertAddsUp(a);
    }

    @Test
    void areaSplitsTheRemainderOfTheMain() {
        // M 10 kWh (5 g, 2 g, 1 kWh covered), A (Finance) 4 kWh (2 g, 0.8 g, 0.4 kWh).
        // remainder 6 kWh, 3 g, 1.2 g, 0.6 kWh by 1200:1800 = 2:3 → Finance 2.4 kWh, 1.2 g, 0.48 g, 0.24 kWh.
        // Finance 6.4 kWh, 3.2 g, 1.28 g, 0.64 kWh; Operations 3.6 kWh, 1.8 g, 0.72 g, 0.36 kWh.
        // grams: location 5 → floors 3 / 1, the gram left to Operations (0.8 > 0.2); market 2 → floors 1 / 0, the
        // gram to Operations (0.72 > 0.28).
        var f = new Fixture().meter("M", null, "").meter("A", "M", "Finance")
                .hour("M", 0, "10", "5", "2", "1").hour("A", 0, "4", "2", "0.8", "0.4")
                .rule("sub", "method", "submeter")
                .rule("rest", "method", "area", "pool", "remainder", "area", "Finance:1200, Operations:1800");
        var a = f.allocate(1);
        assertShare(a, "Finance", 6400, 3, 1, 640);
        assertShare(a, "Operations", 3600, 2, 1, 360);
        assertEquals("submeter A; remainder: area 1200 of 3000 m2", share(a, "Finance").basis());
        assertAddsUp(a);
    }

    @Test
    void headcountGivesTheLeftoverUnitsToTheLargestRemainder() {
        // 10 kWh by 1:2 → 3,333,333,333.33 / 6,666,666,666.67 nano-kWh → 3,333,333,333 / 6,666,666,667;
        // period: 3,333.333333 / 6,666.666667 Wh → floors 3,333 / 6,666, the Wh left to Operations → 3,333 / 6,667.
        var f = new Fixture().meter("C", null, "").hour("C", 0, "10")
                .rule("c", "method", "headcount", "pool", "C", "headcount", "Finance:1, Operations:2");
        var a = f.allocate(1);
        assertEquals(3_333_333_333L, windowEnergy(a, "Finance"));
        assertEquals(6_666_666_667L, windowEnergy(a, "Operations"));
        assertShare(a, "Finance", 3333, 0, 0, 0);
        assertShare(a, "Operations", 6667, 0, 0, 0);
        assertAddsUp(a);
    }

    @Test
    void occupancyWeighsPeopleByTheirHoursInEachWindow() {
        // Monday, UTC. Finance 2 people 08:00-10:00 on weekdays, Operations 1 person 09:00-11:00 daily; 6 kWh an hour.
        // 08h: Finance only → 6; 09h: 7,200 : 3,600 person-seconds → 4 / 2; 10h: Operations → 6; 11h: nobody →
        // unallocated 6. Finance 10 kWh, Operations 8 kWh, unallocated 6 kWh.
        var f = new Fixture().meter("C", null, "");
        for (int h = 8; h <= 11; h++) {
            f.hour("C", h, "6");
        }
        f.rule("c", "method", "occupancy", "pool", "C", "occupancy",
                "Finance:2 Mon-Fri 08:00-10:00, Operations:1 daily 09:00-11:00");
        var a = f.allocate(12);
        assertShare(a, "Finance", 10000, 0, 0, 0);
        assertShare(a, "Operations", 8000, 0, 0, 0);
        assertShare(a, AllocationShare.UNALLOCATED, 6000, 0, 0, 0);
        assertTrue(share(a, AllocationShare.UNALLOCATED).basis().contains("C: 1 windows without weights (6.000 kWh)"),
                share(a, AllocationShare.UNALLOCATED).basis());
        assertAddsUp(a);
    }

    @Test
    void occupancyOnASaturdayLeavesTheWeekdayTeamOut() {
        // Saturday 2026-11-07 09h: Finance (Mon-Fri) 0, Operations (daily) 3,600 → all 6 kWh to Operations.
        var f = new Fixture().meter("C", null, "").hour("C", 5 * 24 + 9, "6")
                .rule("c", "method", "occupancy", "pool", "C", "occupancy",
                        "Finance:2 Mon-Fri 08:00-10:00, Operations:1 daily 09:00-11:00");
        var a = f.allocate(6 * 24);
        assertShare(a, "Operations", 6000, 0, 0, 0);
        assertShare(a, "Finance", 0, 0, 0, 0);
    }

    @Test
    void runtimeSplitsTheChillerByTheFanCoilsHourCounters() {
        // fcu-3: 100.0 h at 00:00, 100.5 at 00:30, 101.0 at 02:00 → hour 0: 0.5 + round(0.5 × 30/90) = 0.666666667 h,
        // hour 1: 0.333333333 h. fcu-4: 50 → 51 over two hours → 0.5 h each.
        // hour 0: 7 kWh by 666,666,667 : 500,000,000 → 4,000,000,000.857 / 2,999,999,999.143 → 4,000,000,001 /
        // 2,999,999,999 nano-kWh; hour 1: 3 kWh by 333,333,333 : 500,000,000 → 1,199,999,999.28 / 1,800,000,000.72 →
        // 1,199,999,999 / 1,800,000,001. Finance 5,200,000,000 = 5,200 Wh; Operations 4,800 Wh.
        var f = new Fixture().meter("C", null, "").meter("fcu-3", null, "").meter("fcu-4", null, "")
                .hour("C", 0, "7").hour("C", 1, "3")
                .rule("chiller", "method", "runtime", "pool", "C", "runtime", "Finance:fcu-3, Operations:fcu-4");
        f.readings.add("fcu-3", Quantity.RUNTIME, "2026-11-02T00:00:00Z", 100.0);
        f.readings.add("fcu-3", Quantity.RUNTIME, "2026-11-02T00:30:00Z", 100.5);
        f.readings.add("fcu-3", Quantity.RUNTIME, "2026-11-02T02:00:00Z", 101.0);
        f.readings.add("fcu-4", Quantity.RUNTIME, "2026-11-02T00:00:00Z", 50.0);
        f.readings.add("fcu-4", Quantity.RUNTIME, "2026-11-02T02:00:00Z", 51.0);
        var a = f.allocate(2);
        var h0 = a.windows().stream().filter(w -> w.start().equals(Fixture.T0)).toList();
        assertEquals(4_000_000_001L, h0.stream().filter(w -> w.target().equals("Finance")).findFirst().orElseThrow()
                .energyNano());
        assertEquals(2_999_999_999L, h0.stream().filter(w -> w.target().equals("Operations")).findFirst().orElseThrow()
                .energyNano());
        assertEquals(5_200_000_000L, windowEnergy(a, "Finance"));
        assertShare(a, "Finance", 5200, 0, 0, 0);
        assertShare(a, "Operations", 4800, 0, 0, 0);
        assertEquals("C: runtime fcu-3 1.000 of 2.000 h", share(a, "Finance").basis());
        assertAddsUp(a);
    }

    @Test
    void thermalSplitsByTheBtuMetersAndAWindowWithoutLoadStaysUnallocated() {
        // btu-3 +30 kWh th and btu-4 +10 in hour 0 → 3:1 of 8 kWh = 6 / 2; hour 1: no thermal load → 2 kWh unallocated.
        var f = new Fixture().meter("C", null, "").meter("btu-3", null, "").meter("btu-4", null, "")
                .hour("C", 0, "8").hour("C", 1, "2")
                .rule("chiller", "method", "thermal", "pool", "C", "thermal", "Finance:btu-3, Operations:btu-4");
        f.readings.add("btu-3", Quantity.THERMAL_ENERGY, "2026-11-02T00:00:00Z", 1000);
        f.readings.add("btu-3", Quantity.THERMAL_ENERGY, "2026-11-02T01:00:00Z", 1030);
        f.readings.add("btu-3", Quantity.THERMAL_ENERGY, "2026-11-02T02:00:00Z", 1030);
        f.readings.add("btu-4", Quantity.THERMAL_ENERGY, "2026-11-02T00:00:00Z", 200);
        f.readings.add("btu-4", Quantity.THERMAL_ENERGY, "2026-11-02T01:00:00Z", 210);
        f.readings.add("btu-4", Quantity.THERMAL_ENERGY, "2026-11-02T02:00:00Z", 210);
        var a = f.allocate(2);
        assertShare(a, "Finance", 6000, 0, 0, 0);
        assertShare(a, "Operations", 2000, 0, 0, 0);
        assertShare(a, AllocationShare.UNALLOCATED, 2000, 0, 0, 0);
        assertAddsUp(a);
    }

    @Test
    void aNegativeRemainderIsNamedAndNotSubtractedFromTheSubmeters() {
        // M 5 kWh but its submeter A (Finance) 6 kWh: A keeps its 6 kWh, the remainder is 0 (not −1), the finding is
        // in the unallocated basis.
        var f = new Fixture().meter("M", null, "").meter("A", "M", "Finance")
                .hour("M", 0, "5").hour("A", 0, "6")
                .rule("sub", "method", "submeter")
                .rule("rest", "method", "fixed", "pool", "remainder", "shares", "Finance:1");
        var a = f.allocate(1);
        assertShare(a, "Finance", 6000, 0, 0, 0);
        assertShare(a, AllocationShare.UNALLOCATED, 0, 0, 0, 0);
        assertTrue(share(a, AllocationShare.UNALLOCATED).basis().contains("negative remainder of M in 1 windows"
                + " (-1.000 kWh"), share(a, AllocationShare.UNALLOCATED).basis());
    }

    @Test
    void suspectSpikesAreLeftOutLikeInTheStoreTotals() {
        var f = new Fixture().meter("C", null, "").hour("C", 0, "4");
        var spike = Fixture.window("C", Fixture.T0.plusSeconds(3600), org.gridprint.api.carbon.AccountingMethod
                .LOCATION_BASED, 99_000_000_000L, 0, 0);
        f.windows.storeWindows(java.util.List.of(new org.gridprint.api.carbon.EmissionWindow(spike.meterId(),
                spike.siteId(), spike.quantity(), spike.scope(), spike.method(), spike.start(), spike.end(),
                spike.amountNano(), 0, 7, 0, 0, org.gridprint.api.Quality.SUSPECT,
                java.util.Set.of(org.gridprint.api.carbon.WindowFlag.SUSPECT_SPIKE), spike.start(), spike.end(), 1,
                Instant.EPOCH)), "spike");
        f.rule("c", "method", "fixed", "pool", "C", "shares", "Finance:1");
        var a = f.allocate(2);
        assertEquals(4000, a.totalEnergyWh());
    }
}
