package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: raw readings older than the cutoff become hourly windows under a ROLLUP entry; the ledger verifies. */
class RetentionTest {

    @TempDir
    Path dir;

    private static Reading at(String meter, long minute, double value) {
        return new Reading(meter, Fixtures.E, Fixtures.T0.plusSeconds(60 * minute), value, Quality.GOOD, "test/src");
    }

    /** The value {@link #load} gives a meter at a minute (m1's minute 0 is 0.0, not -0.0). */
    private static double value(String meter, long minute) {
        return meter.equals("m0") ? minute : -minute;
    }

    /** 48 hours of 15-minute polls of m0, m1 (192 entries), then a conflict at hour 2 (entry 193). */
    private void load(DerbyStore store) {
        for (long minute = 0; minute < 48 * 60; minute += 15) {
            store.append("test/src", List.of(at("m0", minute, minute), at("m1", minute, -minute)));
        }
        var c = store.append("test/src", List.of(at("m0", 120, 1.5)));
        assertInstanceOf(IngestOutcome.Conflict.class, c.outcomes().get(0));
    }

    @Test
    void oldReadingsBecomeHourlyWindowsAndTheLedgerStillVerifies() throws Exception {
        var cutoff = Fixtures.T0.plusSeconds(24 * 3600);
        try (var store = Fixtures.open(dir, 1_000, 16)) {
            load(store);
            assertEquals(384, store.readingCount());
            var rollup = store.rollUp(cutoff).orElseThrow();
            assertEquals(194, rollup.batchId());
            // the 96 entries before the cutoff are pruned (the conflict is entry 193, after them)
            assertEquals(384 - 192, store.readingCount());
            assertTrue(store.readings("m0", Fixtures.E, Fixtures.T0, cutoff).isEmpty());
            assertEquals(96, store.readings("m0", Fixtures.E, cutoff, cutoff.plusSeconds(86_400)).size());
            var intact = assertInstanceOf(VerificationReport.Intact.class, store.verify());
            assertEquals(194, intact.batchesChecked());

            // an auditor recomputes the ROLLUP entry from the windows and the pruned entries' links
            var lines = new ArrayList<String>();
            for (var meter : List.of("m0", "m1")) {
                for (int hour = 0; hour < 24; hour++) {
                    long m = hour * 60L;
                    double first = value(meter, m);
                    double min = first;
                    double max = first;
                    double sum = first;
                    for (long k = m + 15; k <= m + 45; k += 15) { // folded in time order, as specified
                        min = Math.min(min, value(meter, k));
                        max = Math.max(max, value(meter, k));
                        sum += value(meter, k);
                    }
                    lines.add(CanonicalLines.window(meter, Fixtures.E, Fixtures.T0.plusSeconds(3600L * hour).toEpochMilli(),
                            at(meter, m, 0).timestamp().toEpochMilli(), first,
                            at(meter, m + 45, 0).timestamp().toEpochMilli(), value(meter, m + 45), 4, min, max, sum));
                }
            }
            store.close();
            var c = Fixtures.raw(dir);
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT BATCH_ID, HASH, READING_COUNT FROM BATCH "
                    + "WHERE PRUNED_BY = 194 ORDER BY BATCH_ID")) {
                while (rs.next()) {
                    lines.add(CanonicalLines.pruned(rs.getLong(1), rs.getString(2), rs.getInt(3)));
                }
            } finally {
                Fixtures.closeRaw(c, dir);
            }
            assertEquals(48 + 96, lines.size());
            var header = new EntryHeader(194, EntryKind.ROLLUP, rollup.committedAt().toEpochMilli(), "retention",
                    lines.size(), 193);
            assertEquals(EntryHash.of(rollup.previousHash(), header, lines), rollup.hash());
        }
        try (var store = Fixtures.open(dir, 1_000, 16)) {
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            assertInstanceOf(IngestOutcome.Duplicate.class, store.append("test/src", List.of(at("m1", 30, 999)))
                    .outcomes().get(0), "a rolled-up reading sent again is not accepted again");
            assertInstanceOf(IngestOutcome.Accepted.class, store.append("test/src", List.of(at("m1", 48 * 60, 1)))
                    .outcomes().get(0));
            assertInstanceOf(IngestOutcome.Duplicate.class, store.append("test/src", List.of(at("m1", 24 * 60, -1440)))
                    .outcomes().get(0), "readings after the cutoff are still looked up");
            assertTrue(store.rollUp(cutoff).isEmpty(), "nothing more to roll up");
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void anEntryWithAQuarantinedConflictKeepsItsReadings() throws Exception {
        try (var store = Fixtures.open(dir, 1_000, 16)) {
            store.append("test/src", List.of(at("m0", 0, 1)));
            store.append("test/src", List.of(at("m0", 0, 2), at("m0", 1, 3))); // a conflict and an accepted reading
            store.append("test/src", List.of(at("m0", 2, 4)));
            var rollup = store.rollUp(Fixtures.T0.plusSeconds(3600)).orElseThrow();
            assertEquals(4, rollup.batchId());
            assertEquals(1, store.readingCount(), "entry 2 (with its Q line) is kept: m0 at minute 1");
            assertEquals(3.0, store.latest("m0", Fixtures.E).orElseThrow().value());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void tamperingWithWindowsOrPrunedMarksIsFound() throws Exception {
        try (var store = Fixtures.open(dir, 1_000, 16)) {
            load(store);
            store.rollUp(Fixtures.T0.plusSeconds(24 * 3600)).orElseThrow();
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE ROLLUP SET SUM_BITS = SUM_BITS + 1 WHERE HOUR_TS = "
                    + Fixtures.T0.toEpochMilli() + " AND SERIES_ID = 0"));
            // hide entry 150 (after the cutoff) as "pruned", so its readings would not be recomputed
            assertEquals(1, st.executeUpdate("UPDATE BATCH SET PRUNED_BY = 194 WHERE BATCH_ID = 150"));
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000, 16)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            var entries = broken.findings().stream().map(VerificationReport.Finding::batchId).distinct().toList();
            assertTrue(entries.contains(194L), broken.findings().toString());
            assertTrue(entries.contains(150L), broken.findings().toString());
        }
    }
}
