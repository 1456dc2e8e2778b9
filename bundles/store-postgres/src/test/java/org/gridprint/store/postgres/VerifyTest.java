package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerificationReport.Broken;
import org.gridprint.api.store.VerificationReport.Finding;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.ledger.Checkpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL-specific tampering beyond the contract suite: rows that cannot be decoded, rows outside the ledger,
 * deleted rows, a bounded report with a count, a checkpoint whose two copies disagree, a head that nothing can
 * chain to. Verify never throws for any of it and the store always opens.
 */
class VerifyTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

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

    private static Reading reading(String meter, long second, double value) {
        return new Reading(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(second), value, Quality.GOOD,
                "test/" + meter);
    }

    /** Entries 1..n: meters a and b at second i - 1. */
    private void history(int n) {
        for (int s = 0; s < n; s++) {
            store().append("test", List.of(reading("a", s, s), reading("b", s, s + 0.5)));
        }
    }

    private static Broken broken(VerificationReport r) {
        return assertInstanceOf(Broken.class, r, () -> "expected broken: " + r);
    }

    private static boolean has(Broken b, long entry, String text) {
        return b.findings().stream().anyMatch(f -> f.batchId() == entry
                && (f.row().orElse("").contains(text) || f.reason().contains(text)));
    }

    @Test
    void undecodableAndStrayRowsAreNamedAndTheStoreStillOpens() throws Exception {
        history(6);
        harness.sql("UPDATE $s.reading SET quality = 17 WHERE ts = ? AND series_id = (SELECT series_id FROM "
                + "$s.series WHERE meter_id = 'a')", T0.plusSeconds(1).toEpochMilli());
        harness.sql("UPDATE $s.reading SET source_id = 999 WHERE ts = ? AND series_id = (SELECT series_id FROM "
                + "$s.series WHERE meter_id = 'b')", T0.plusSeconds(2).toEpochMilli());
        harness.sql("INSERT INTO $s.reading (series_id, ts, value, quality, source_id, entry_id, digest) "
                + "SELECT series_id, 1, 1.0, 0, 0, 99, 0 FROM $s.series WHERE meter_id = 'a'");
        harness.sql("DELETE FROM $s.reading WHERE ts = ? AND series_id = (SELECT series_id FROM $s.series WHERE "
                + "meter_id = 'a')", T0.plusSeconds(4).toEpochMilli());
        harness.sql("UPDATE $s.series SET quantity = 'NOT_A_QUANTITY' WHERE meter_id = 'b'");
        harness.reopen();
        var b = broken(store().verify());
        assertTrue(has(b, 2, "quality 17"), b::toString);
        assertTrue(has(b, 3, "NOT_A_QUANTITY"), b::toString);
        assertTrue(has(b, 5, "rows were deleted or added"), b::toString);
        assertTrue(has(b, 99, "no ledger entry 99"), b::toString);
        assertEquals(6, b.batchesChecked());
        // rows that cannot be decoded are not returned; the store goes on
        assertEquals(4, store().readings("a", Quantity.ACTIVE_ENERGY_IMPORT, T0, T0.plusSeconds(60)).size());
        var next = store().append("test", List.of(reading("a", 100, 1)));
        assertEquals(7, next.ledgerEntry().orElseThrow().batchId());
    }

    @Test
    void aReportListsAHundredFindingsAndCountsThemAll() throws Exception {
        history(75);
        harness.sql("UPDATE $s.reading SET value = value + 1000");
        var b = broken(store().verify());
        assertEquals(VerificationReport.MAX_FINDINGS, b.findings().size());
        assertEquals(150, b.findingCount());
        assertTrue(b.findings().stream().allMatch(f -> f.row().isPresent()), "every finding names its row");
        assertEquals(List.of(1L, 1L, 2L), b.findings().stream().limit(3).map(Finding::batchId).toList());
    }

    @Test
    void aCheckpointWhoseCopiesDisagreeIsNotTrusted() throws Exception {
        history(5);
        assertInstanceOf(VerificationReport.Intact.class, store().verify(VerifyScope.FULL));
        store().append("test", List.of(reading("c", 0, 1)));
        var file = store().anchorDirectory().resolve(Checkpoint.FILE_NAME);
        var cp = Checkpoint.read(file).orElseThrow();
        assertEquals(5, cp.entryId());
        assertEquals(6, ((VerificationReport.Intact) store().verify(VerifyScope.INCREMENTAL)).fromBatch());
        // the file names entry 3 while the database says 6: an incremental verify runs in full
        Files.writeString(file, new Checkpoint(3, cp.hash(), cp.verifiedAtMillis()).line());
        var report = assertInstanceOf(VerificationReport.Intact.class, store().verify(VerifyScope.INCREMENTAL));
        assertEquals(1, report.fromBatch());
        assertEquals(6, report.batchesChecked());
    }

    @Test
    void aHeadNothingCanChainToRefusesAppendsNamingTheEntryButStillOpensAndVerifies() throws Exception {
        history(3);
        harness.sql("UPDATE $s.ledger_entry SET hash = 'not-a-hash' WHERE entry_id = 3");
        harness.reopen();
        var e = assertThrows(IllegalStateException.class, () -> store().append("test",
                List.of(reading("z", 1, 1))));
        assertTrue(e.getMessage().contains("entry 3") && e.getMessage().contains("not 64 lower-case hex digits"),
                e.getMessage());
        var dup = store().append("test", List.of(reading("a", 0, 0)));
        assertInstanceOf(IngestOutcome.Duplicate.class, dup.outcomes().get(0), "nothing new: no entry needed");
        var b = broken(store().verify());
        assertTrue(has(b, 3, "not 64 lower-case hex digits"), b::toString);
        var meters = new ArrayList<String>();
        store().quarantine(10).forEach(q -> meters.add(q.reading().meterId()));
        assertEquals(List.of(), meters);
    }
}
