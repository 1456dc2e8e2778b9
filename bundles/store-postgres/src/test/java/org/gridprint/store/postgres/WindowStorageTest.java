package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowTotal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL-specific window storage beyond the contract suite: bytes per window measured with
 * pg_total_relation_size, the block columns totals read (a changed pre-summed column is named by verify), a block
 * holding two sites, a changed superseded version, incremental verify over window entries.
 */
class WindowStorageTest {

    private static final Logger LOG = LoggerFactory.getLogger(WindowStorageTest.class);
    private static final Instant Y0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long KWH = 1_000_000_000L;

    @TempDir
    Path dir;

    private PostgresHarness harness;

    @BeforeEach
    void open() {
        harness = new PostgresHarness(getClass(), dir);
        harness.open();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private PostgresStore store() {
        return harness.store();
    }

    private static EmissionWindow hour(String meter, String site, AccountingMethod method, Instant start, long amount,
            long co2e, long factorRef) {
        var end = start.plusSeconds(3600);
        return new EmissionWindow(meter, site, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start, end,
                amount, co2e, factorRef, 0, 0, Quality.GOOD, Set.of(), start.minusSeconds(7), end.plusSeconds(3), 1,
                end.plusSeconds(60));
    }

    private long scalar(String sql) throws SQLException {
        var out = new long[1];
        try (var c = pool(); var st = c.createStatement(); var rs = st.executeQuery(sql.replace("$s",
                harness.options().schema()))) {
            rs.next();
            out[0] = rs.getLong(1);
        }
        return out[0];
    }

    private java.sql.Connection pool() throws SQLException {
        var server = TestServer.server();
        var p = new java.util.Properties();
        p.setProperty("user", server.user());
        p.setProperty("password", server.password());
        return new org.postgresql.Driver().connect(harness.options().url(), p);
    }

    /**
     * 20 meters × location + market × a year of hourly windows (350,400 windows), stored one day per call, as the
     * engine's daily recalculation would: the window tables with their indexes and TOAST hold at most 64 bytes per
     * window. The totals of the year by month are timed for the README (logged, not asserted) and checked against
     * the sum of every window.
     */
    @Test
    void aYearOfHourlyWindowsTakesAtMost64BytesEachOnDisk() throws Exception {
        int meters = Integer.getInteger("gridprint.windowMeters", 20); // larger runs: -Dgridprint.windowMeters=200
        long seed = 12345;
        for (int d = 0; d < 365; d++) {
            var day = new ArrayList<EmissionWindow>();
            for (int m = 0; m < meters; m++) {
                for (int h = 0; h < 24; h++) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    long amount = 5 * KWH + Math.floorMod(seed >>> 11, 40 * KWH); // 5..45 kWh, every nano-kWh
                    long location = amount / 1000 * 226_479 / 1000; // ≈ 226.479 g/kWh, in µg
                    var start = Y0.plusSeconds(86_400L * d + 3600L * h);
                    day.add(hour("meter-" + m, "site-1", AccountingMethod.LOCATION_BASED, start, amount, location,
                            1 + d / 180));
                    day.add(hour("meter-" + m, "site-1", AccountingMethod.MARKET_BASED, start, amount, location / 2,
                            3));
                }
            }
            var r = store().storeWindows(day, "computed");
            assertEquals(day.size(), r.added());
        }
        long windows = store().windowCount();
        assertEquals(meters * 2L * 365 * 24, windows);
        long bytes = scalar("SELECT pg_total_relation_size('$s.window_block') + pg_total_relation_size("
                + "'$s.window_payload') + pg_total_relation_size("
                + "'$s.window_series') + pg_total_relation_size('$s.window_history') + pg_total_relation_size("
                + "'$s.window_reason')");
        long payload = scalar("SELECT sum(octet_length(payload)) FROM $s.window_payload");
        LOG.info("window_block {} bytes (heap {}), window_payload {} bytes", scalar(
                "SELECT pg_total_relation_size('$s.window_block')"), scalar("SELECT pg_relation_size('$s.window_block')"),
                scalar("SELECT pg_total_relation_size('$s.window_payload')"));
        double perWindow = (double) bytes / windows;
        LOG.info("{} windows: window tables {} bytes = {} B per window (payload {} B per window, {} block rows)",
                windows, bytes, String.format("%.1f", perWindow), String.format("%.1f", (double) payload / windows),
                scalar("SELECT count(*) FROM $s.window_block"));
        assertTrue(perWindow <= 64, "bytes per window: " + perWindow);

        // a year by month in New York: timed for the report, checked against the sum of every window
        var q = new TotalsQuery(Y0, Y0.plusSeconds(365L * 86_400), ZoneId.of("America/New_York"),
                List.of(GroupBy.MONTH), Set.of(), "", Optional.empty(), Optional.of(AccountingMethod.LOCATION_BASED),
                "");
        harness.sql("ANALYZE $s.window_block"); // as autovacuum would have after a bulk load
        harness.sql("ANALYZE $s.window_payload");
        List<WindowTotal> totals = List.of();
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            totals = store().totals(q);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            LOG.info("year by month (New York, location-based, {} windows), run {}: {} ms", windows / 2, run, millis);
        }
        var all = new long[1];
        var count = new long[1];
        store().scanWindows(new WindowQuery(Y0.minusSeconds(86_400), Y0.plusSeconds(366L * 86_400), Set.of(), "",
                Optional.empty(), Optional.of(AccountingMethod.LOCATION_BASED)), w -> {
                    // 2026-01-01T00:00Z .. 04:00Z is still 2025 in New York
                    if (!w.start().isBefore(Y0.plusSeconds(5 * 3600))) {
                        all[0] += w.co2eMicrograms();
                        count[0]++;
                    }
                    return true;
                });
        assertEquals(13, totals.size(), "Dec 2025 (00:00Z..04:00Z on Jan 1) and the 12 months of 2026");
        assertEquals(List.of("2025-12"), totals.get(0).group());
        assertEquals(meters * 5L, totals.get(0).windows());
        assertEquals(all[0], totals.stream().skip(1).mapToLong(WindowTotal::co2eMicrograms).sum());
        assertEquals(count[0], totals.stream().skip(1).mapToLong(WindowTotal::windows).sum());
        long v0 = System.nanoTime();
        var report = assertInstanceOf(VerificationReport.Intact.class, store().verify());
        LOG.info("full verify of {} entries ({} windows): {} ms", report.batchesChecked(), windows,
                (System.nanoTime() - v0) / 1_000_000);
    }

    @Test
    void aChangedPreSummedColumnIsNamedByVerify() throws Exception {
        var windows = new ArrayList<EmissionWindow>();
        for (int h = 0; h < 24; h++) {
            windows.add(hour("m1", "s", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(3600L * h), KWH, 400_000_000L,
                    1));
        }
        long entry = store().storeWindows(windows, "computed").ledgerEntry().orElseThrow().batchId();
        harness.sql("UPDATE $s.window_block SET amount = amount / 2");
        var broken = assertInstanceOf(VerificationReport.Broken.class, store().verify());
        assertEquals(1, broken.findingCount(), () -> "" + broken.findings());
        var f = broken.findings().get(0);
        assertEquals(entry, f.batchId());
        assertEquals(Optional.of("window block m1 ACTIVE_ENERGY_IMPORT SCOPE_2 LOCATION_BASED day 2026-01-01T00:00:00Z"),
                f.row());
        assertTrue(f.reason().contains("totals would be wrong"), f.reason());
    }

    @Test
    void aBlockWithTwoSitesIsDecodedForSiteTotals() {
        // m1 moves from site a to site b at noon: one block, two sites
        var windows = new ArrayList<EmissionWindow>();
        for (int h = 0; h < 24; h++) {
            windows.add(hour("m1", h < 12 ? "a" : "b", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(3600L * h),
                    (h + 1) * KWH, 1, 1));
        }
        store().storeWindows(windows, "computed");
        var q = new TotalsQuery(Y0, Y0.plusSeconds(86_400), ZoneId.of("UTC"), List.of(GroupBy.SITE), Set.of(), "",
                Optional.empty(), Optional.empty(), "");
        // site a: 1 + … + 12 = 78 kWh; site b: 13 + … + 24 = 222 kWh
        assertEquals(List.of(new WindowTotal(List.of("a"), 78 * KWH, 12, 12, 0, Set.of(), Quality.GOOD),
                new WindowTotal(List.of("b"), 222 * KWH, 12, 12, 0, Set.of(), Quality.GOOD)), store().totals(q));
        var onlyB = new TotalsQuery(Y0, Y0.plusSeconds(86_400), ZoneId.of("UTC"), List.of(), Set.of(), "b",
                Optional.empty(), Optional.empty(), "");
        assertEquals(222 * KWH, store().totals(onlyB).get(0).amountNano());
        assertEquals(12, store().windows(new WindowQuery(Y0, Y0.plusSeconds(86_400), Set.of(), "a", Optional.empty(),
                Optional.empty())).size());
    }

    @Test
    void aChangedSupersededVersionIsNamedByVerify() throws Exception {
        var v1 = hour("m1", "s", AccountingMethod.MARKET_BASED, Y0.plusSeconds(7200), 10 * KWH, 5, 1);
        long first = store().storeWindows(List.of(v1), "computed").ledgerEntry().orElseThrow().batchId();
        store().storeWindows(List.of(hour("m1", "s", AccountingMethod.MARKET_BASED, Y0.plusSeconds(7200), 11 * KWH,
                5, 1)), "late reading");
        assertInstanceOf(VerificationReport.Intact.class, store().verify());
        // the superseded version's payload replaced by one saying 1 kWh (its check kept)
        var history = store().history(v1.key());
        assertEquals(2, history.size());
        try (var c = pool(); var ps = c.prepareStatement(("SELECT payload FROM $s.window_history").replace("$s",
                harness.options().schema()))) {
            byte[] payload;
            try (var rs = ps.executeQuery()) {
                rs.next();
                payload = rs.getBytes(1);
            }
            var old = org.gridprint.ledger.WindowBlockCodec.decode(payload, "m1", Quantity.ACTIVE_ENERGY_IMPORT,
                    Scope.SCOPE_2, AccountingMethod.MARKET_BASED).get(0);
            var edited = new org.gridprint.ledger.StoredWindow(hour("m1", "s", AccountingMethod.MARKET_BASED,
                    Y0.plusSeconds(7200), KWH, 5, 1), old.entryId(), old.check());
            harness.sql("UPDATE $s.window_history SET payload = ?",
                    (Object) org.gridprint.ledger.WindowBlockCodec.encode(List.of(edited)));
        }
        var broken = assertInstanceOf(VerificationReport.Broken.class, store().verify());
        assertTrue(broken.findings().stream().allMatch(f -> f.batchId() == first), () -> "" + broken.findings());
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().orElse("").equals(
                "window m1 ACTIVE_ENERGY_IMPORT SCOPE_2 MARKET_BASED 2026-01-01T02:00:00Z version 1")),
                () -> "" + broken.findings());
    }

    @Test
    void incrementalVerifyChecksTheWindowEntriesAfterTheCheckpoint() {
        store().storeWindows(List.of(hour("m1", "s", AccountingMethod.LOCATION_BASED, Y0, KWH, 1, 1)), "computed");
        store().put("factor", "k", "v=1", "initial");
        var full = assertInstanceOf(VerificationReport.Intact.class, store().verify(VerifyScope.FULL));
        assertEquals(2, full.batchesChecked());
        store().storeWindows(List.of(hour("m1", "s", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(3600), KWH, 1,
                1)), "computed");
        store().storeWindows(List.of(hour("m1", "s", AccountingMethod.LOCATION_BASED, Y0, 2 * KWH, 1, 1)),
                "late reading");
        var inc = assertInstanceOf(VerificationReport.Intact.class, store().verify(VerifyScope.INCREMENTAL));
        assertEquals(3, inc.fromBatch());
        assertEquals(2, inc.batchesChecked());
    }

    @Test
    void whatPostgreSQLCannotHoldIsRefusedNamingItBeforeAnythingIsWritten() {
        var good = hour("m1", "s", AccountingMethod.LOCATION_BASED, Y0, KWH, 1, 1);
        var nul = hour("m1", "s\0x", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(3600), KWH, 1, 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store().storeWindows(List.of(good, nul), "computed"));
        assertEquals("window #2 (m1 ACTIVE_ENERGY_IMPORT SCOPE_2 LOCATION_BASED at 2026-01-01T01:00:00Z): site id "
                + "contains a NUL character, which PostgreSQL text cannot hold", e.getMessage());
        var r = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store().put("factor", "k", "a\0b", "initial"));
        assertEquals("register factor key k: text contains a NUL character, which PostgreSQL text cannot hold",
                r.getMessage());
        assertEquals(Optional.empty(), store().head(), "nothing was written");
        assertEquals(0, store().windowCount());
    }

    @Test
    void aLongReasonIsKeptCutTo2000CharactersAndVerifies() {
        var reason = "operator: " + "x".repeat(2_500);
        var w = hour("m1", "s", AccountingMethod.LOCATION_BASED, Y0, KWH, 1, 1);
        store().storeWindows(List.of(w), reason);
        var r = store().put("offset", "o-1", "t=1", reason);
        assertEquals(reason.substring(0, 2_000), store().history(w.key()).get(0).reason());
        assertEquals(reason.substring(0, 2_000), r.reason());
        assertEquals(reason.substring(0, 2_000), store().get("offset", "o-1").orElseThrow().reason());
        assertInstanceOf(VerificationReport.Intact.class, store().verify());
    }

    @Test
    void totalsWithAPoolOfOneConnectionRunBothPhasesOnIt() {
        // m1 at 03:00Z, 04:00Z (January in New York), 05:00Z, 06:00Z (February) on 2026-02-01: 1, 2, 4, 8 kWh
        var feb1 = Instant.parse("2026-02-01T00:00:00Z");
        var windows = new ArrayList<EmissionWindow>();
        for (int h = 3, kWh = 1; h <= 6; h++, kWh *= 2) {
            windows.add(hour("m1", "s", AccountingMethod.LOCATION_BASED, feb1.plusSeconds(3600L * h), kWh * KWH, kWh,
                    1));
        }
        // and a whole day in March (summed from its block columns)
        for (int h = 0; h < 24; h++) {
            windows.add(hour("m1", "s", AccountingMethod.LOCATION_BASED, Instant.parse("2026-03-10T00:00:00Z")
                    .plusSeconds(3600L * h), KWH, 1, 1));
        }
        store().storeWindows(windows, "computed");
        store().close();
        var o = harness.options();
        var one = new PostgresOptions(o.url(), o.user(), o.password(), o.schema(), 1, o.anchorDirectory(),
                o.anchorInterval(), o.connectTimeout(), o.maxGroupBatches(), o.maxRetry());
        var q = new TotalsQuery(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                ZoneId.of("America/New_York"), List.of(GroupBy.MONTH), Set.of(), "", Optional.empty(),
                Optional.empty(), "");
        // January: 1 + 2; February: 4 + 8; March: 24 × 1 (March 10 is inside March in New York)
        var expected = List.of(new WindowTotal(List.of("2026-01"), 3 * KWH, 3, 2, 0, Set.of(), Quality.GOOD),
                new WindowTotal(List.of("2026-02"), 12 * KWH, 12, 2, 0, Set.of(), Quality.GOOD),
                new WindowTotal(List.of("2026-03"), 24 * KWH, 24, 24, 0, Set.of(), Quality.GOOD));
        var single = PostgresStore.open(one, java.time.Clock.systemUTC(), AlarmSink.NONE);
        try {
            assertEquals(expected, single.totals(q));
        } finally {
            single.close();
        }
        assertEquals(expected, harness.open().windows().orElseThrow().totals(q), "two connections: the same");
    }

    @Test
    void hourByHourWritesGrowOneBlockPerSeriesAndVerify() {
        // the engine's pattern: every hour one closed window per meter; a late reading revises hour 5 at hour 20
        for (int h = 0; h < 24; h++) {
            var hour = new ArrayList<EmissionWindow>();
            for (int m = 0; m < 3; m++) {
                hour.add(hour("m" + m, "s", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(3600L * h), (m + 1) * KWH,
                        (m + 1) * 400_000_000L, 1));
            }
            if (h == 20) {
                hour.add(hour("m0", "s", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(5 * 3600), 3 * KWH,
                        1_200_000_000L, 1));
            }
            store().storeWindows(hour, h == 20 ? "late reading" : "computed");
        }
        assertEquals(72, store().windowCount());
        var q = new TotalsQuery(Y0, Y0.plusSeconds(86_400), ZoneId.of("UTC"), List.of(GroupBy.METER), Set.of(), "",
                Optional.empty(), Optional.empty(), "");
        // m0: 23 × 1 kWh + 3 kWh (hour 5 revised) = 26 kWh; m1: 24 × 2; m2: 24 × 3
        assertEquals(List.of(26 * KWH, 48 * KWH, 72 * KWH), store().totals(q).stream().map(WindowTotal::amountNano)
                .toList());
        var history = store().history(hour("m0", "s", AccountingMethod.LOCATION_BASED, Y0.plusSeconds(5 * 3600), 0, 0,
                1).key());
        assertEquals(List.of("computed", "late reading"), history.stream().map(v -> v.reason()).toList());
        var intact = assertInstanceOf(VerificationReport.Intact.class, store().verify());
        assertEquals(24, intact.batchesChecked());
    }
}
