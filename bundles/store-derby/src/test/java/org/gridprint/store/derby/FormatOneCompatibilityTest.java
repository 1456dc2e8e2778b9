package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the foundation's store (schema 3, ledger format 1: no header, no prefix, WAL records of 25
 * bytes) opens, migrates, keeps verifying under the format 1 rules, and continues in format 2.
 */
class FormatOneCompatibilityTest {

    @TempDir
    Path dir;

    /** Writes {@code batches} format 1 entries of meters m0 and m1 by hand, as the foundation's store did. */
    private void writeFormatOne(int batches) throws Exception {
        var c = Fixtures.raw(dir);
        try {
            Schema.migrate(c, 3);
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO SERIES VALUES (0, 'm0', 'ACTIVE_ENERGY_IMPORT', "
                        + Long.MIN_VALUE + ", 0)");
                st.executeUpdate("INSERT INTO SERIES VALUES (1, 'm1', 'ACTIVE_ENERGY_IMPORT', "
                        + Long.MIN_VALUE + ", 0)");
                st.executeUpdate("INSERT INTO SOURCE VALUES (0, 'test/src')");
            }
            var previous = "0".repeat(64);
            for (int b = 1; b <= batches; b++) {
                var readings = List.of(reading("m0", b, b), reading("m1", b, -b));
                var hash = LedgerTest.auditorHashV1(previous, readings);
                insert(c, b, previous, hash, readings);
                previous = hash;
            }
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
    }

    private static void insert(Connection c, long batchId, String previous, String hash, List<Reading> readings)
            throws Exception {
        try (var ps = c.prepareStatement("INSERT INTO BATCH (BATCH_ID, COMMITTED_AT, SOURCE, READING_COUNT, "
                + "PREV_HASH, HASH) VALUES (?, ?, 'test/src', ?, ?, ?)")) {
            ps.setLong(1, batchId);
            ps.setLong(2, Fixtures.CLOCK.millis());
            ps.setInt(3, readings.size());
            ps.setString(4, previous);
            ps.setString(5, hash);
            ps.executeUpdate();
        }
        var wal = WalCodec.allocate(readings.size());
        for (var r : readings) { // canonical order: m0 before m1
            WalCodec.put(wal, r.meterId().equals("m0") ? 0 : 1, r.timestamp().toEpochMilli(), r.value(), (byte) 0, 0);
        }
        try (var ps = c.prepareStatement("INSERT INTO WAL (BATCH_ID, PART, PAYLOAD) VALUES (?, 0, ?)")) {
            ps.setLong(1, batchId);
            ps.setBytes(2, wal.array());
            ps.executeUpdate();
        }
    }

    @Test
    void formatOneEntriesKeepVerifyingAndTheChainGoesOnInFormatTwo() throws Exception {
        writeFormatOne(5);
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            assertEquals(10, store.readingCount(), "the format 1 WAL is replayed");
            assertEquals(5, assertInstanceOf(VerificationReport.Intact.class, store.verify()).batchesChecked());
            assertInstanceOf(IngestOutcome.Duplicate.class, store.append("test/src", List.of(reading("m0", 3, 3)))
                    .outcomes().get(0));
            var six = store.append("test/src", List.of(reading("m0", 6, 6), reading("m1", 2, 7))).ledgerEntry()
                    .orElseThrow();
            assertEquals(6, six.batchId());
            assertEquals(entryHashWithConflict(store, six), six.hash(), "format 2 from entry 6 on");
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            store.flush(); // format 1 and format 2 readings in the same blocks, each with its format's digest
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            assertEquals(6, assertInstanceOf(VerificationReport.Intact.class, store.verify()).batchesChecked());
            assertEquals(1, store.quarantine(10).size());
        }
    }

    @Test
    void aTamperedFormatOneReadingIsNamed() throws Exception {
        writeFormatOne(3);
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            store.flush();
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT BLOCK_ID, PAYLOAD FROM READING_BLOCK "
                + "WHERE SERIES_ID = 1");
                var up = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
            assertTrue(rs.next());
            var p = rs.getBytes(2);
            java.nio.ByteBuffer.wrap(p).putDouble(BlockCodec.RECORD + 8, 42.0); // m1, second reading: batch 2
            up.setBytes(1, p);
            up.setLong(2, rs.getLong(1));
            up.executeUpdate();
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(2, broken.batchId());
            assertTrue(broken.row().orElseThrow().contains("m1") && broken.row().orElseThrow().contains("42.0"),
                    broken.row().orElseThrow());
            assertEquals(1, broken.findingCount());
        }
    }

    /** Entry 6 has one R and one Q line: recomputed with the library from the stored quarantine row. */
    private static String entryHashWithConflict(DerbyStore store, org.gridprint.api.LedgerEntry six) {
        var q = store.quarantine(1).get(0);
        var lines = new ArrayList<String>();
        lines.add(org.gridprint.ledger.CanonicalLines.reading(reading("m0", 6, 6)));
        lines.add(org.gridprint.ledger.CanonicalLines.quarantined(q.reading(), q.storedValue(),
                q.receivedAt().toEpochMilli(), q.reason()));
        return org.gridprint.ledger.EntryHash.of(six.previousHash(), new org.gridprint.ledger.EntryHeader(6,
                org.gridprint.ledger.EntryKind.READINGS, six.committedAt().toEpochMilli(), "test/src", 2, 0), lines);
    }
}
