package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.poll;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests from the review of 2026-11-25: unstorable input, tampered rows, orphan WAL rows, -0.0. */
class StoreRobustnessTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- unstorable readings

    @Test
    void aTimestampOutsideEpochMillisFailsTheBatchWithAClearErrorAndStoresNothing() {
        try (var store = Fixtures.open(dir)) {
            var bad = new Reading("m1", Fixtures.E, Instant.MIN, 1.0, Quality.GOOD, "test/src");
            var good = reading("m2", 1, 2.0);
            var e = assertThrows(IllegalStateException.class, () -> store.append("test/src", List.of(good, bad)));
            assertTrue(e.getMessage().contains("reading #1") && e.getMessage().contains("m1")
                    && e.getMessage().contains("ACTIVE_ENERGY_IMPORT") && e.getMessage().contains(Instant.MIN.toString())
                    && e.getMessage().contains("outside the storable range"), e.getMessage());
            assertEquals(0, store.readingCount());
            assertTrue(store.head().isEmpty());
            // the store is not corrupted: the good reading alone is stored next time, no series of m1 was kept
            var ok = store.append("test/src", List.of(good));
            assertInstanceOf(IngestOutcome.Accepted.class, ok.outcomes().get(0));
            assertEquals(1, ok.ledgerEntry().orElseThrow().batchId());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        try (var store = Fixtures.open(dir)) {
            assertEquals(1, store.readingCount());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void aMeterIdOrSourceLongerThanTheColumnsIsAClearError() {
        try (var store = Fixtures.open(dir)) {
            var good = reading("m2", 1, 2.0);
            var longId = store.append("test/src", List.of(good)).outcomes();
            assertInstanceOf(IngestOutcome.Accepted.class, longId.get(0));
            var e = assertThrows(IllegalStateException.class,
                    () -> store.append("test/src", List.of(reading("m2", 2, 1.0), reading("m".repeat(600), 1, 1.0))));
            assertTrue(e.getMessage().contains("reading #1") && e.getMessage().contains("600 characters")
                    && e.getMessage().contains("longer than 512"), e.getMessage());
            var e2 = assertThrows(IllegalStateException.class,
                    () -> store.append("s".repeat(600), List.of(reading("m2", 3, 1.0))));
            assertTrue(e2.getMessage().contains("600 characters") && e2.getMessage().contains("at most 512"),
                    e2.getMessage());
            assertEquals(1, store.readingCount());
            assertInstanceOf(IngestOutcome.Accepted.class,
                    store.append("test/src", List.of(reading("m2", 2, 1.0))).outcomes().get(0));
        }
    }

    // ---------------------------------------------------------------- 0.0 and -0.0

    @Test
    void numericallyEqualValuesAreDuplicates() {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            store.append("test/src", List.of(reading("m1", 1, 0.0), reading("m2", 1, -0.0)));
            var memtable = store.append("test/src", List.of(reading("m1", 1, -0.0), reading("m2", 1, 0.0)));
            assertInstanceOf(IngestOutcome.Duplicate.class, memtable.outcomes().get(0));
            assertInstanceOf(IngestOutcome.Duplicate.class, memtable.outcomes().get(1));
            var inBatch = store.append("test/src", List.of(reading("m3", 1, 0.0), reading("m3", 1, -0.0)));
            assertInstanceOf(IngestOutcome.Accepted.class, inBatch.outcomes().get(0));
            assertInstanceOf(IngestOutcome.Duplicate.class, inBatch.outcomes().get(1));
            store.flush();
            var fromBlocks = store.append("test/src", List.of(reading("m1", 1, -0.0), reading("m3", 1, -0.0)));
            assertInstanceOf(IngestOutcome.Duplicate.class, fromBlocks.outcomes().get(0));
            assertInstanceOf(IngestOutcome.Duplicate.class, fromBlocks.outcomes().get(1));
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(
                    store.latest("m1", Fixtures.E).orElseThrow().value()), "the first stored value is kept");
            assertInstanceOf(IngestOutcome.Conflict.class,
                    store.append("test/src", List.of(reading("m1", 1, 1e-300))).outcomes().get(0));
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    // ---------------------------------------------------------------- tampered block rows: Broken, never a crash

    /** Replaces the payload of the first block row by {@code change(payload)}; returns the block id. */
    private long tamperFirstBlock(UnaryOperator<byte[]> change) throws Exception {
        var c = Fixtures.raw(dir);
        try {
            long blockId;
            byte[] payload;
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT BLOCK_ID, PAYLOAD FROM READING_BLOCK "
                    + "WHERE BLOCK_ID = (SELECT MIN(BLOCK_ID) FROM READING_BLOCK)")) {
                assertTrue(rs.next());
                blockId = rs.getLong(1);
                payload = rs.getBytes(2);
            }
            try (var ps = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
                ps.setBytes(1, change.apply(payload));
                ps.setLong(2, blockId);
                assertEquals(1, ps.executeUpdate());
            }
            c.commit();
            return blockId;
        } finally {
            Fixtures.closeRaw(c, dir);
        }
    }

    /** 12 polls of 10 meters, flushed after every 4th (the flush runs in the background: only explicit ones here). */
    private void loadAndClose() {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            for (int m = 0; m < 12; m++) {
                store.append("test/src", poll(10, m));
                if (m % 4 == 3) {
                    store.flush();
                }
            }
        }
    }

    private VerificationReport.Broken verifyBroken() {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            return assertInstanceOf(VerificationReport.Broken.class, store.verify());
        }
    }

    /** Sets byte {@code offset} of record 1 of the first block; verify names that record and {@code problem}. */
    private void assertTamperedRecordIsBroken(int offset, byte value, String problem) throws Exception {
        loadAndClose();
        long[] batch = new long[1];
        tamperFirstBlock(p -> {
            p[BlockCodec.RECORD + offset] = value;
            batch[0] = ByteBuffer.wrap(p).getLong(BlockCodec.RECORD + 17);
            return p;
        });
        var broken = verifyBroken();
        assertEquals(batch[0], broken.batchId());
        var row = broken.row().orElseThrow();
        assertTrue(row.contains("READING_BLOCK") && row.contains("record 1"), row);
        assertTrue(broken.reason().contains(problem), broken.reason());
    }

    @Test
    void aTamperedQualityByteIsReportedAsBroken() throws Exception {
        assertTamperedRecordIsBroken(16, (byte) 9, "quality ordinal 9");
    }

    @Test
    void aTamperedSourceIdIsReportedAsBroken() throws Exception {
        assertTamperedRecordIsBroken(28, (byte) 77, "source id 77");
    }

    @Test
    void aPayloadLengthThatIsNotAMultipleOf33IsReportedAsBroken() throws Exception {
        loadAndClose();
        long blockId = tamperFirstBlock(p -> Arrays.copyOf(p, p.length - 1));
        var broken = verifyBroken();
        assertTrue(broken.row().orElseThrow().contains("READING_BLOCK " + blockId), broken.row().orElseThrow());
        assertTrue(broken.reason().contains("not a multiple of 33"), broken.reason());
    }

    @Test
    void aTamperedSeriesIdIsReportedAsBroken() throws Exception {
        loadAndClose();
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            st.executeUpdate("UPDATE READING_BLOCK SET SERIES_ID = 999 WHERE BLOCK_ID = "
                    + "(SELECT MIN(BLOCK_ID) FROM READING_BLOCK)");
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        var broken = verifyBroken();
        assertTrue(broken.reason().contains("series id 999"), broken.reason());
        assertTrue(broken.batchId() >= 1);
    }

    @Test
    void aTamperedWalRecordIsReportedAsBroken() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            store.append("test/src", poll(3, 1));
            store.append("test/src", poll(3, 2));
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        // the flush on close moved everything into blocks: write a fresh unflushed batch and leave it in the WAL
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            store.append("test/src", poll(3, 3));
            store.abandon();
        }
        Fixtures.tamperWal(dir, 3, 0, p -> {
            p[WalCodec.RECORD_V2 + 20] = 12; // quality of record 1
            return p;
        });
        DerbyStore store = null;
        try {
            // replay of a record with an unknown quality must not be needed to report it: verify straight away
            store = Fixtures.open(dir, 1_000_000, 4);
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(3, broken.batchId());
            assertTrue(broken.row().orElseThrow().contains("WAL batch 3 part 0 record 1"), broken.row().orElseThrow());
            assertTrue(broken.reason().contains("quality ordinal 12"), broken.reason());
        } finally {
            if (store != null) {
                store.abandon();
            }
        }
    }

    @Test
    void aRuntimeExceptionInsideATransactionRollsBack() throws Exception {
        var db = StoreConnection.open(dir, StoreOptions.defaults());
        try {
            try (var st = db.connection().createStatement()) {
                st.executeUpdate("CREATE TABLE T (X INT)");
                db.commit();
            }
            var e = assertThrows(IllegalArgumentException.class, () -> db.transaction("inserting", () -> {
                try (var st = db.connection().createStatement()) {
                    st.executeUpdate("INSERT INTO T VALUES (1)");
                }
                throw new IllegalArgumentException("boom");
            }));
            assertEquals("boom", e.getMessage(), "rethrown as it is");
            int rows = db.transaction("counting", () -> {
                try (var st = db.connection().createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM T")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(0, rows, "the insert was rolled back");
        } finally {
            db.close();
        }
    }

    // ---------------------------------------------------------------- WAL rows without a ledger entry

    private void insertWal(long batchId, long ts, double value) throws Exception {
        var c = Fixtures.raw(dir);
        try {
            var buf = WalCodec.allocate(1);
            WalCodec.put(buf, 0, ts, value, (byte) 0, 0);
            try (var ps = c.prepareStatement("INSERT INTO WAL (BATCH_ID, PART, PAYLOAD) VALUES (?, 0, ?)")) {
                ps.setLong(1, batchId);
                ps.setBytes(2, buf.array());
                ps.executeUpdate();
            }
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
    }

    @Test
    void orphanWalRowsAboveTheHeadAreNotReplayedAreBrokenAndDoNotBlockAppends() throws Exception {
        try (var store = Fixtures.open(dir)) {
            store.append("test/src", List.of(reading("m1", 1, 1.0)));
            store.abandon();
        }
        insertWal(2, Fixtures.T0.plusSeconds(600).toEpochMilli(), 999.0);
        insertWal(3, Fixtures.T0.plusSeconds(660).toEpochMilli(), 998.0);
        try (var store = Fixtures.open(dir)) {
            assertEquals(1, store.readingCount(), "the orphan rows were not replayed");
            assertEquals(List.of(1.0), store.readings("m1", Fixtures.E, Fixtures.T0, Fixtures.T0.plusSeconds(3600))
                    .stream().map(Reading::value).toList());
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(2, broken.batchId());
            assertEquals("WAL rows of batch 2", broken.row().orElseThrow());
            assertEquals(2, broken.findingCount(), "batches 2 and 3: " + broken.findings());
            assertEquals(1, broken.batchesChecked(), "batch 1 itself is fine");

            var two = store.append("test/src", List.of(reading("m2", 1, 1.0)));
            assertEquals(2, two.ledgerEntry().orElseThrow().batchId(), "batch 2 replaces the orphan row of id 2");
            var stillBroken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(3, stillBroken.batchId());
            assertEquals(3, store.append("test/src", List.of(reading("m2", 2, 1.0))).ledgerEntry().orElseThrow()
                    .batchId());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            store.abandon();
        }
        try (var store = Fixtures.open(dir)) {
            assertEquals(3, store.readingCount());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void aWalRowAtOrBelowTheFlushWatermarkIsBroken() throws Exception {
        try (var store = Fixtures.open(dir)) {
            store.append("test/src", List.of(reading("m1", 1, 1.0)));
            store.append("test/src", List.of(reading("m1", 2, 2.0)));
        }
        insertWal(1, Fixtures.T0.plusSeconds(600).toEpochMilli(), 999.0);
        try (var store = Fixtures.open(dir)) {
            assertEquals(2, store.readingCount());
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(1, broken.batchId());
            assertTrue(broken.reason().contains("flush watermark 2"), broken.reason());
            assertInstanceOf(IngestOutcome.Accepted.class,
                    store.append("test/src", List.of(reading("m1", 3, 3.0))).outcomes().get(0));
        }
    }
}
