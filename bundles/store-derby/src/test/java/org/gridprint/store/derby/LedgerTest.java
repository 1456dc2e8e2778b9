package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.poll;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    @TempDir
    Path dir;

    /** The format 1 encoding (entries written before format 2), written independently of the store's code. */
    static String auditorHashV1(String previous, List<Reading> accepted) throws Exception {
        var sorted = new ArrayList<>(accepted);
        sorted.sort((a, b) -> {
            int c = a.meterId().compareTo(b.meterId());
            if (c == 0) {
                c = a.quantity().name().compareTo(b.quantity().name());
            }
            return c != 0 ? c : a.timestamp().compareTo(b.timestamp());
        });
        var md = MessageDigest.getInstance("SHA-256");
        md.update(previous.getBytes(StandardCharsets.US_ASCII));
        for (var r : sorted) {
            md.update(v1Line(r).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String v1Line(Reading r) {
        return r.meterId() + "\t" + r.quantity().name() + "\t" + r.timestamp().toEpochMilli() + "\t"
                + String.format("%016x", Double.doubleToRawLongBits(r.value())) + "\t" + r.quality().name() + "\t"
                + r.source() + "\n";
    }

    /**
     * The format 2 hash of a READINGS entry of accepted readings only (docs/ledger-spec.md), written independently
     * of the store's and the library's code (plain ids and sources: no escaping needed).
     */
    static String auditorHash(String previous, long id, long committedAt, String source, List<Reading> accepted)
            throws Exception {
        var lines = new ArrayList<byte[]>();
        for (var r : accepted) {
            lines.add(("R\t" + v1Line(r)).getBytes(StandardCharsets.UTF_8));
        }
        lines.sort(java.util.Arrays::compareUnsigned);
        var md = MessageDigest.getInstance("SHA-256");
        md.update(previous.getBytes(StandardCharsets.US_ASCII));
        md.update(("GRIDPRINT-LEDGER\t2\t" + id + "\tREADINGS\t" + committedAt + "\t" + source + "\t"
                + accepted.size() + "\t0\n").getBytes(StandardCharsets.UTF_8));
        lines.forEach(md::update);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void batchesChainAndHashTheCanonicalEncoding() throws Exception {
        try (var store = Fixtures.open(dir)) {
            assertTrue(store.head().isEmpty());
            var b1 = List.of(reading("z", 1, 3.25), reading("a", 1, 1.0), reading("a", 0, 0.5));
            var e1 = store.append("test/src", b1).ledgerEntry().orElseThrow();
            assertEquals(1, e1.batchId());
            assertEquals("0".repeat(64), e1.previousHash());
            long at = Fixtures.CLOCK.millis();
            assertEquals(auditorHash("0".repeat(64), 1, at, "test/src", b1), e1.hash());
            assertEquals(3, e1.readingCount());
            assertEquals(Fixtures.CLOCK.instant(), e1.committedAt());

            var b2 = List.of(reading("a", 1, 1.0), reading("a", 2, 2.0)); // first one is a duplicate
            var e2 = store.append("test/src", b2).ledgerEntry().orElseThrow();
            assertEquals(2, e2.batchId());
            assertEquals(e1.hash(), e2.previousHash());
            assertEquals(auditorHash(e1.hash(), 2, at, "test/src", List.of(reading("a", 2, 2.0))), e2.hash());
            assertEquals(1, e2.readingCount());
            assertEquals(e2, store.head().orElseThrow());
            var report = assertInstanceOf(VerificationReport.Intact.class, store.verify());
            assertEquals(2, report.batchesChecked());
            assertEquals(4, report.readingsChecked());
            assertEquals(e2, report.head().orElseThrow());
        }
    }

    /** Polls of 10 meters, flushed after every 4th (the flush runs in the background: only explicit ones here). */
    private void load(DerbyStore store, int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            store.append("test/src", poll(10, minute));
            if (minute % 4 == 3) {
                store.flush();
            }
        }
    }

    @Test
    void verifyIsIntactAcrossFlushesAndMemtable() {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            load(store, 12);
            store.append("test/src", List.of(reading("m1", 3, 31.0), reading("m1", -5, 1.0))); // late reading
            assertTrue(store.memtableSize() > 0);
            var r = assertInstanceOf(VerificationReport.Intact.class, store.verify());
            assertEquals(13, r.batchesChecked());
            assertEquals(121, r.readingsChecked());
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void verifyNamesTheBatchAndRowOfATamperedBlockValue() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            load(store, 12);
        }
        long batchOfTampered;
        var c = Fixtures.raw(dir);
        try {
            // the README's steps: find the series, read a block, change one value's 8 bytes, write it back
            long blockId;
            byte[] payload;
            try (var ps = c.prepareStatement("SELECT b.BLOCK_ID, b.PAYLOAD FROM READING_BLOCK b JOIN SERIES s "
                    + "ON s.SERIES_ID = b.SERIES_ID WHERE s.METER_ID = 'm3' AND s.QUANTITY = 'ACTIVE_ENERGY_IMPORT' "
                    + "ORDER BY b.FIRST_TS")) {
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertTrue(rs.next(), "m3 has more than one block");
                    blockId = rs.getLong(1);
                    payload = rs.getBytes(2);
                }
            }
            var buf = ByteBuffer.wrap(payload);
            int record = 1;
            assertEquals(T(5), buf.getLong(record * 33), "second block, second record is minute 5");
            assertEquals(53.0, buf.getDouble(record * 33 + 8));
            batchOfTampered = buf.getLong(record * 33 + 17);
            buf.putDouble(record * 33 + 8, 54.0);
            try (var ps = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
                ps.setBytes(1, payload);
                ps.setLong(2, blockId);
                assertEquals(1, ps.executeUpdate());
            }
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(batchOfTampered, broken.batchId());
            assertEquals(6, batchOfTampered, "minute 5 was the sixth batch");
            var row = broken.row().orElseThrow();
            assertTrue(row.contains("m3") && row.contains("54.0") && row.contains("2026-01-01T00:05:00Z"), row);
            assertEquals(12, broken.batchesChecked(), "verify goes on after a broken entry");
            assertEquals(1, broken.findingCount());
            assertEquals(54.0, store.latestBefore("m3", Fixtures.E, Fixtures.T0.plusSeconds(6 * 60)).orElseThrow().value());
        }
    }

    private static long T(long minute) {
        return Fixtures.T0.plusSeconds(60 * minute).toEpochMilli();
    }

    @Test
    void verifyDetectsATamperThatAlsoFixedTheDigest() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            load(store, 12);
        }
        var c = Fixtures.raw(dir);
        try {
            byte[] payload;
            long blockId;
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT BLOCK_ID, PAYLOAD FROM READING_BLOCK "
                    + "WHERE BLOCK_ID = (SELECT MIN(BLOCK_ID) FROM READING_BLOCK)")) {
                rs.next();
                blockId = rs.getLong(1);
                payload = rs.getBytes(2);
            }
            var buf = ByteBuffer.wrap(payload);
            buf.putDouble(8, buf.getDouble(8) + 1);
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT s.METER_ID FROM READING_BLOCK b "
                    + "JOIN SERIES s ON s.SERIES_ID = b.SERIES_ID WHERE b.BLOCK_ID = " + blockId)) {
                rs.next();
                var row = new Canonical.Row(rs.getString(1), Fixtures.E, buf.getLong(0), buf.getDouble(8),
                        org.gridprint.api.Quality.GOOD, "test/src");
                buf.putInt(29, Canonical.digest(row, 2)); // the format 2 row digest, recomputed
            }
            try (var ps = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
                ps.setBytes(1, payload);
                ps.setLong(2, blockId);
                ps.executeUpdate();
            }
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(1, broken.batchId());
            assertTrue(broken.reason().contains("recompute"), broken.reason());
        }
    }

    @Test
    void verifyDetectsABlockRowAddedOutsideTheLedger() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            load(store, 12);
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("INSERT INTO READING_BLOCK (BLOCK_ID, SERIES_ID, FIRST_TS, LAST_TS, "
                    + "READING_COUNT, MIN_BATCH_ID, MAX_BATCH_ID, PAYLOAD) SELECT BLOCK_ID + 100000, SERIES_ID, "
                    + "FIRST_TS + 100000000000, LAST_TS + 100000000000, READING_COUNT, MIN_BATCH_ID, MAX_BATCH_ID, "
                    + "PAYLOAD FROM READING_BLOCK WHERE BLOCK_ID = 1"));
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertTrue(broken.reason().contains("READING_BLOCK holds 124 readings"), broken.reason());
            assertEquals(12, broken.batchesChecked());
        }
    }

    @Test
    void verifyDetectsATamperedWriteAheadPayloadAndABrokenChain() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            for (int minute = 0; minute < 4; minute++) {
                store.append("test/src", poll(10, minute));
            }
            store.abandon(); // readings stay in the WAL table
        }
        Fixtures.tamperWal(dir, 3, 0, p -> {
            ByteBuffer.wrap(p).putDouble(2 * WalCodec.RECORD_V2 + 12, 999.0);
            return p;
        });
        String hash3;
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(3, broken.batchId());
            assertEquals(4, broken.batchesChecked(), "verify goes on after a broken entry");
            store.abandon();
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            // undo the value change is impossible without knowing it; instead break the chain of batch 2 -> 3
            try (var rs = st.executeQuery("SELECT HASH FROM BATCH WHERE BATCH_ID = 2")) {
                rs.next();
                hash3 = rs.getString(1);
            }
            st.executeUpdate("UPDATE BATCH SET PREV_HASH = '" + "f".repeat(64) + "' WHERE BATCH_ID = 2");
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir, 1_000_000, 4)) {
            var broken = assertInstanceOf(VerificationReport.Broken.class, store.verify());
            assertEquals(2, broken.batchId());
            assertTrue(broken.reason().contains("previous hash"), broken.reason());
            assertNotEquals("f".repeat(64), hash3);
        }
    }
}
