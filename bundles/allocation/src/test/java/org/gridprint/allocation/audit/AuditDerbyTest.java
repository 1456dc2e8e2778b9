package org.gridprint.allocation.audit;

import static org.gridprint.allocation.StoreFixture.G;
import static org.gridprint.allocation.StoreFixture.KWH;
import static org.gridprint.allocation.StoreFixture.Q;
import static org.gridprint.allocation.StoreFixture.location;
import static org.gridprint.allocation.StoreFixture.market;
import static org.gridprint.allocation.StoreFixture.meter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.allocation.StoreFixture;
import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.AuditFinding.Verdict;
import org.gridprint.api.allocation.AuditRequest;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit on a real Derby store, every figure computed by hand in the comments. */
class AuditDerbyTest {

    @TempDir
    Path dir;
    DerbyStore store;

    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final long LOC = 400 * G; // 400 g/kWh location-based
    static final long MKT = 300 * G; // 300 g/kWh market-based

    @BeforeEach
    void open() {
        store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Instant w(int i) {
        return T0.plus(Q.multipliedBy(i));
    }

    /** Both methods of one window; energy in tenths of a kWh. */
    private static void both(List<EmissionWindow> out, String meter, int i, long tenthsKwh, boolean withMarket) {
        long nano = tenthsKwh * KWH / 10;
        out.add(location(meter, "hq", w(i), nano, tenthsKwh * LOC / 10));
        if (withMarket) {
            out.add(market(meter, "hq", w(i), nano, tenthsKwh * MKT / 10, 0));
        }
    }

    private void fill() {
        var ws = new ArrayList<EmissionWindow>();
        // main vs ahu + light:
        // w0: 10 vs 4 + 5   -> r = +1.0 (10 %: over)
        // w1: 10 vs 4 + 5.8 -> r = +0.2 (under the 0.5 kWh floor)   light has no market twin
        // w2: 10 vs 6 + 5   -> r = -1.0 (negative, over)
        // w3: 10 vs 4 + (light missing) -> incomplete
        both(ws, "main", 0, 100, true);
        both(ws, "main", 1, 100, true);
        both(ws, "main", 2, 100, true);
        both(ws, "main", 3, 100, true);
        both(ws, "ahu", 0, 40, true);
        both(ws, "ahu", 1, 40, true);
        both(ws, "ahu", 2, 60, true);
        both(ws, "ahu", 3, 40, true);
        both(ws, "light", 0, 50, true);
        both(ws, "light", 1, 58, false);
        both(ws, "light", 2, 50, true);
        // b2main vs b2sub: 5 vs 6 -> r = -1.0 (negative over the period)
        both(ws, "b2main", 0, 50, true);
        both(ws, "b2sub", 0, 60, true);
        // c/main vs c/sub: 10 vs 8 in w0..w3 -> +2 each (20 %)
        for (int i = 0; i < 4; i++) {
            both(ws, "c/main", i, 100, true);
            both(ws, "c/sub", i, 80, true);
        }
        store.storeWindows(ws, "computed");
    }

    private static final StoreFixture.Events NO_EVENTS = new StoreFixture.Events();

    private AuditServiceImpl service(List<Alarm> alarms, List<UtilityBill> bills) {
        var registry = StoreFixture.registry(meter("main", "hq", null), meter("ahu", "hq", "main"),
                meter("light", "hq", "main"), meter("b2main", "hq", null), meter("b2sub", "hq", "b2main"),
                meter("c/main", "hq", null), meter("c/sub", "hq", "c/main"), meter("loop-a", "hq", "loop-b"),
                meter("loop-b", "hq", "loop-a"));
        var billService = bills == null ? null : new FakeBills(bills);
        var s = new AuditServiceImpl(registry, store, null, billService, alarms::add, Clock.systemUTC());
        s.addSettings(new AuditSettings("hq", new BigDecimal("5"), new BigDecimal("0.5"), 2, Optional.of(ZoneOffset.UTC),
                "test"));
        return s;
    }

    private static AuditFinding find(List<AuditFinding> fs, String parent) {
        return fs.stream().filter(f -> f.parent().equals(parent)).findFirst().orElseThrow();
    }

    @Test
    void perWindowAndPeriodFiguresByHand() {
        fill();
        var report = service(new ArrayList<>(), null).audit(new AuditRequest("hq", LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 3)));
        var main = find(report.findings(), "main");
        assertEquals(List.of("ahu", "light"), main.children());
        assertEquals(3, main.windowsCompared());
        assertEquals(1, main.windowsIncomplete());
        assertEquals(30 * KWH, main.parentNano());
        assertEquals(298 * KWH / 10, main.childrenNano()); // 9 + 9.8 + 11
        assertEquals(2 * KWH / 10, main.unmeteredNano());
        assertEquals(new BigDecimal("0.67"), main.unmeteredPercent().orElseThrow()); // 0.2 / 30
        assertEquals(2, main.windowsOverThreshold()); // w0 (+1, 10 %) and w2 (-1)
        assertEquals(1, main.windowsNegative()); // w2
        assertEquals(Verdict.NEGATIVE_WINDOWS, main.verdict());
        assertEquals(80 * G, main.unmeteredLocationMicrograms()); // 0.2 kWh x 400 g
        assertEquals(Optional.empty(), main.unmeteredMarketMicrograms()); // light's w1 has no market twin

        var b2 = find(report.findings(), "b2main");
        assertEquals(Verdict.NEGATIVE_REMAINDER, b2.verdict());
        assertEquals(-1 * KWH, b2.unmeteredNano());
        assertEquals(new BigDecimal("-20.00"), b2.unmeteredPercent().orElseThrow()); // -1 / 5
        assertEquals(Optional.of(-300 * G), b2.unmeteredMarketMicrograms()); // -1 kWh x 300 g
        assertTrue(b2.note().contains("1.000 kWh more than the parent"), b2.note());

        var c = find(report.findings(), "c/main");
        assertEquals(Verdict.OVER_THRESHOLD, c.verdict());
        assertEquals(8 * KWH, c.unmeteredNano()); // 4 x 2
        assertEquals(new BigDecimal("20.00"), c.unmeteredPercent().orElseThrow());
        assertEquals(Optional.of(4 * 2 * MKT), c.unmeteredMarketMicrograms());

        // worst first: NEGATIVE_REMAINDER, OVER_THRESHOLD, NEGATIVE_WINDOWS
        assertEquals(List.of("b2main", "c/main", "main"), report.findings().stream().map(AuditFinding::parent).toList());
        // the loop is refused and named
        assertEquals(List.of("loop-a", "loop-b"), report.problems().stream().map(p -> p.meterId()).toList());
        assertTrue(report.problems().get(0).reason().contains("cycle loop-a -> loop-b -> loop-a"));
        assertInstanceOf(VerificationReport.Intact.class, store.verify());
    }

    @Test
    void billAgainstMainMeters() {
        fill();
        // the main meters (main, b2main, c/main) measured 40 + 5 + 40 = 85 kWh on 2026-11-02; billed 100 -> 15 unmetered
        var bill = new UtilityBill("hq", "ACC-1", "PowerCo", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2),
                new BigDecimal("100"), new BigDecimal("21.50"), "USD");
        var report = service(new ArrayList<>(), List.of(bill)).audit(new AuditRequest("hq", LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1)));
        var f = find(report.findings(), "PowerCo/ACC-1 2026-11-02..2026-11-02");
        assertEquals(AuditFinding.Kind.BILL, f.kind());
        assertEquals(100 * KWH, f.parentNano());
        assertEquals(85 * KWH, f.childrenNano());
        assertEquals(Verdict.OVER_THRESHOLD, f.verdict());
        assertEquals(List.of("b2main", "c/main", "main"), f.children());
    }

    @Test
    void unmeteredAlarmRaisedOnceAndClearedOnce() {
        fill();
        var alarms = new ArrayList<Alarm>();
        var s = service(alarms, null);
        // c/main over in w0..w3: raised at the second consecutive window (windowsToRaise 2), once
        s.watch(java.util.Set.of("c/sub"), w(0), w(4));
        s.watch(java.util.Set.of("c/sub"), w(0), w(4)); // the same windows again: nothing new
        var cAlarms = alarms.stream().filter(a -> a.meterIds().contains("c/main")).toList();
        assertEquals(1, cAlarms.size());
        assertEquals(AlarmKind.UNMETERED_ENERGY, cAlarms.get(0).kind());
        assertEquals(EventKeys.RAISED, cAlarms.get(0).details().get(EventKeys.ALARM_STATE));
        // w4: within (10 vs 9.9); w5: within -> cleared once, after two windows within
        var ws = new ArrayList<EmissionWindow>();
        both(ws, "c/main", 4, 100, true);
        both(ws, "c/sub", 4, 99, true);
        store.storeWindows(ws, "computed");
        s.watch(java.util.Set.of("c/sub"), w(4), w(5));
        assertEquals(1, alarms.stream().filter(a -> a.meterIds().contains("c/main")).count());
        ws.clear();
        both(ws, "c/main", 5, 100, true);
        both(ws, "c/sub", 5, 99, true);
        store.storeWindows(ws, "computed");
        s.watch(java.util.Set.of("c/main"), w(5), w(6));
        cAlarms = alarms.stream().filter(a -> a.meterIds().contains("c/main")).toList();
        assertEquals(2, cAlarms.size());
        assertEquals(EventKeys.CLEARED, cAlarms.get(1).details().get(EventKeys.ALARM_STATE));
        assertEquals(4L, cAlarms.get(1).details().get(EventKeys.COUNT)); // w0..w3 were over
    }

    @Test
    void windowsOfOneParentLargestRemaindersFirst() {
        fill();
        var s = service(new ArrayList<>(), null);
        var request = new AuditRequest("hq", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3));
        var ws = s.windows(request, "main", 2);
        // w0: +1 kWh, w2: -1 kWh (w1: +0.2 is smaller; w3 incomplete): equal sizes by start
        assertEquals(List.of(w(0), w(2)), ws.stream().map(x -> x.start()).toList());
        assertEquals(KWH, ws.get(0).unmeteredNano());
        assertEquals(-KWH, ws.get(1).unmeteredNano());
        assertEquals(11 * KWH, ws.get(1).childrenNano());
        assertTrue(ws.get(1).over());
        var e = assertThrows(IllegalArgumentException.class, () -> s.windows(request, "ahu", 5));
        assertTrue(e.getMessage().contains("'ahu' is not audited on site hq") && e.getMessage().contains("b2main, c/main,"
                + " main"), e.getMessage());
    }

    @Test
    void chunksOfSeveralDaysMissNoWindow() {
        // c/main 10 kWh vs c/sub 8 kWh in 4 windows a day for 10 days, read in chunks: the first of one day (8
        // windows of c/main and c/sub, location only), then 24 / 8 = 3 days each: 1 + 3 + 3 + 3 days
        var ws = new ArrayList<EmissionWindow>();
        for (int day = 0; day < 10; day++) {
            for (int k = 0; k < 4; k++) {
                var start = T0.plus(java.time.Duration.ofDays(day)).plus(Q.multipliedBy(k));
                ws.add(location("c/main", "hq", start, 10 * KWH, 10 * LOC));
                ws.add(location("c/sub", "hq", start, 8 * KWH, 8 * LOC));
            }
        }
        store.storeWindows(ws, "computed");
        var engine = new AuditEngine(store, org.gridprint.api.Quantity.ACTIVE_ENERGY_IMPORT, 24);
        var f = engine.audit("hq", List.of(Family.meter("c/main", List.of("c/sub"))), AuditSettings.defaults("hq"), T0,
                T0.plus(java.time.Duration.ofDays(10)), WindowObserver.NONE).get(0);
        assertEquals(40, f.windowsCompared());
        assertEquals(400 * KWH, f.parentNano());
        assertEquals(80 * KWH, f.unmeteredNano());
        assertEquals(80 * LOC, f.unmeteredLocationMicrograms());
        assertEquals(Optional.empty(), f.unmeteredMarketMicrograms()); // no market twins at all
    }

    @Test
    void unknownSiteNamesTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> service(new ArrayList<>(), null).audit(
                new AuditRequest("nowhere", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1))));
        assertTrue(e.getMessage().contains("site 'nowhere' has no declared meters; expected one of hq"), e.getMessage());
    }

    /** A UtilityBillService holding fixed bills (the contract's read side). */
    record FakeBills(List<UtilityBill> held) implements org.gridprint.api.allocation.UtilityBillService {
        @Override
        public org.gridprint.api.allocation.SubmitReport submitBills(List<UtilityBill> b, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.gridprint.api.allocation.SubmitReport submitBillsCsv(String f, java.io.Reader csv, String r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UtilityBill> bills(String siteId) {
            return held.stream().filter(b -> b.siteId().equals(siteId)).toList();
        }

        @Override
        public org.gridprint.api.allocation.SubmitReport importMeterLog(String f, String format, java.io.Reader csv) {
            throw new UnsupportedOperationException();
        }
    }
}
