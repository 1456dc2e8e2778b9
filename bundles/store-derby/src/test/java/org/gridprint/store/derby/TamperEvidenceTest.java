package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.poll;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.ledger.Checkpoint;
import org.gridprint.ledger.HeadLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests of issue 11's tamper-evidence defects, on Derby's own rows. */
class TamperEvidenceTest {

    @TempDir
    Path dir;

    /** Before: 4 changed bytes in one WAL row stopped the store from starting (activation failed, nothing named). */
    @Test
    void fourChangedBytesInAWalRowNeverStopTheStoreFromOpening() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            store.append("test/src", poll(3, 1));
            store.append("test/src", poll(3, 2));
            store.anchorHead();
            store.abandon();
        }
        Fixtures.tamperWal(dir, 2, 0, p -> {
            ByteBuffer.wrap(p).putInt(WalCodec.RECORD_V2, 0x7fff_fff0); // series id of record 1: 4 bytes
            return p;
        });
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(2, broken.batchId());
            assertEquals("WAL batch 2 part 0 record 1", broken.row().orElseThrow());
            assertTrue(broken.reason().contains("series id 2147483632"), broken.reason());
            assertEquals(5, store.readingCount(), "the 5 readings that decode are replayed");
            var next = store.append("test/src", poll(3, 3));
            assertEquals(3, next.ledgerEntry().orElseThrow().batchId(), "appends go on after the break");
        }
    }

    /** Before: verify named only the first broken batch (500 tampers: 1 named). */
    @Test
    void fiveHundredTamperedReadingsGiveFiveHundredFindingsAndAHundredListed() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 960)) {
            for (int minute = 0; minute < 50; minute++) {
                store.append("test/src", poll(10, minute));
            }
        }
        var c = Fixtures.raw(dir);
        int changed = 0;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT BLOCK_ID, PAYLOAD FROM READING_BLOCK");
                var up = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
            while (rs.next()) {
                var p = rs.getBytes(2);
                var buf = ByteBuffer.wrap(p);
                for (int off = 0; off < p.length; off += BlockCodec.RECORD) {
                    buf.putDouble(off + 8, buf.getDouble(off + 8) + 0.5);
                    changed++;
                }
                up.setBytes(1, p);
                up.setLong(2, rs.getLong(1));
                up.executeUpdate();
            }
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        assertEquals(500, changed);
        try (var store = Fixtures.open(dir, 1_000_000, 960)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(500, broken.findingCount());
            assertEquals(VerificationReport.MAX_FINDINGS, broken.findings().size());
            assertTrue(broken.findings().stream().allMatch(f -> f.row().orElse("").contains("READING_BLOCK")));
            assertEquals(50, broken.batchesChecked());
        }
    }

    /** Before: editing FIRST_TS/LAST_TS of a block let 120 resubmitted readings in again as new. */
    @Test
    void editedBlockMetadataNeverLetsResubmittedReadingsInAgain() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 960)) {
            for (int minute = 0; minute < 12; minute++) {
                store.append("test/src", poll(10, minute));
            }
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            assertEquals(10, st.executeUpdate("UPDATE READING_BLOCK SET FIRST_TS = LAST_TS + 1000, LAST_TS = LAST_TS + 2000"));
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 960)) {
            int accepted = 0;
            int refused = 0;
            for (int minute = 0; minute < 12; minute++) {
                try {
                    for (var o : store.append("test/src", poll(10, minute)).outcomes()) {
                        accepted += o instanceof IngestOutcome.Accepted ? 1 : 0;
                    }
                } catch (IllegalStateException e) {
                    refused++;
                    assertTrue(e.getMessage().contains("READING_BLOCK"), e.getMessage());
                }
            }
            assertEquals(0, accepted, "no resubmitted reading may be accepted again");
            assertEquals(12, refused);
            assertEquals(120, store.readingCount());
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(10, broken.findingCount(), broken.findings().toString());
            assertTrue(broken.reason().contains("block metadata contradicts its payload"), broken.reason());
            assertInstanceOf(IngestOutcome.Accepted.class,
                    store.append("test/src", List.of(reading("m0", 100, 1.0))).outcomes().get(0),
                    "readings after the blocks are still taken");
        }
    }

    /** SERIES.BLOCK_LAST_TS decides "new without a lookup": lowering it must not let stored readings in again. */
    @Test
    void aLoweredSeriesBlockLastTsNeverLetsStoredReadingsInAgain() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 960)) {
            for (int minute = 0; minute < 5; minute++) {
                store.append("test/src", poll(3, minute));
            }
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            assertEquals(3, st.executeUpdate("UPDATE SERIES SET BLOCK_LAST_TS = " + Long.MIN_VALUE));
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 960)) {
            for (int minute = 0; minute < 5; minute++) {
                for (var o : store.append("test/src", poll(3, minute)).outcomes()) {
                    assertInstanceOf(IngestOutcome.Duplicate.class, o);
                }
            }
            assertEquals(15, store.readingCount());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    /** Before: deleting the newest batch (its BATCH and WAL rows) left verify intact. */
    @Test
    void deletingTheNewestBatchIsReportedAsTruncation() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            for (int minute = 0; minute < 3; minute++) {
                store.append("test/src", poll(2, minute));
            }
            store.anchorHead();
            store.abandon();
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM WAL WHERE BATCH_ID = 3");
            st.executeUpdate("DELETE FROM BATCH WHERE BATCH_ID = 3");
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(3, broken.batchId());
            assertTrue(broken.reason().startsWith("ledger truncated or restored from an older copy: the head log "
                    + "anchored entry 3"), broken.reason());
            assertTrue(broken.reason().endsWith("the store ends at entry 2"), broken.reason());
            assertEquals("head log " + HeadLog.FILE_NAME + " line 2", broken.row().orElseThrow(), "line 1: the first commit");
        }
    }

    /** Before: multiplying one emission record's energy and CO2e by 10 left verify intact. */
    @Test
    void aForgedEmissionRecordIsFound() throws Exception {
        try (var store = Fixtures.open(dir)) {
            store.append("test/src", poll(2, 0));
            assertEquals(2, EmissionStoreTest.store(store));
            assertEquals(2, store.head().orElseThrow().batchId());
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE EMISSION SET ENERGY = ENERGY * 10, GRAMS_CO2E = GRAMS_CO2E * 10 "
                    + "WHERE START_TS = (SELECT MIN(START_TS) FROM EMISSION)"));
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(2, broken.batchId());
            assertEquals(1, broken.findingCount());
        }
    }

    @Test
    void anIncrementalVerifyTrustsTheCheckpointOnlyWhenBothCopiesAgree() throws Exception {
        try (var store = Fixtures.open(dir)) {
            for (int minute = 0; minute < 5; minute++) {
                store.append("test/src", poll(2, minute));
            }
            assertTrue(store.verifyStatus().checkpoint().isEmpty());
            assertTrue(store.verifyStatus().lastVerify().isEmpty());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            assertEquals(store.head(), store.verifyStatus().checkpoint());
            assertEquals(java.util.Optional.of(true), store.verifyStatus().lastVerifyIntact());
            var cp = Checkpoint.read(dir.resolve(Checkpoint.FILE_NAME)).orElseThrow();
            assertEquals(5, cp.entryId());
            assertEquals(store.head().orElseThrow().hash(), cp.hash());
            store.append("test/src", poll(2, 5));
            var incremental = assertInstanceOf(VerificationReport.Intact.class, store.verify(VerifyScope.INCREMENTAL));
            assertEquals(6, incremental.fromBatch());
            assertEquals(1, incremental.batchesChecked());

            Files.writeString(dir.resolve(Checkpoint.FILE_NAME), "4 " + "a".repeat(64) + " 0\n");
            var full = assertInstanceOf(VerificationReport.Intact.class, store.verify(VerifyScope.INCREMENTAL));
            assertEquals(1, full.fromBatch(), "the copies disagree: everything is verified");
            assertEquals(6, full.batchesChecked());
        }
    }
}
