package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;

/**
 * Recomputes every batch hash from the stored readings (block rows for flushed batches, the write-ahead payload
 * for the others) and checks the chain. Holds one flush window of readings in memory at a time.
 */
final class LedgerVerifier {

    /** A stored reading as verify sees it. */
    private record Stored(Canonical.Row row, byte[] line, boolean digestOk, String where) {
    }

    private final Connection conn;
    private final SeriesCatalog catalog;
    private final long flushedBatchId;

    LedgerVerifier(Connection conn, SeriesCatalog catalog, long flushedBatchId) {
        this.conn = conn;
        this.catalog = catalog;
        this.flushedBatchId = flushedBatchId;
    }

    VerificationReport verify() throws SQLException {
        var flushes = new ArrayList<long[]>();
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT FLUSH_NO, FIRST_BATCH_ID, LAST_BATCH_ID FROM FLUSH ORDER BY FLUSH_NO")) {
            while (rs.next()) {
                flushes.add(new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });
            }
        }
        var wal = new HashMap<Long, List<Stored>>();
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT BATCH_ID, PART, PAYLOAD FROM WAL ORDER BY BATCH_ID, PART")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                var list = wal.computeIfAbsent(id, k -> new ArrayList<>());
                list.addAll(fromWal(id, rs.getInt(2), rs.getBytes(3)));
            }
        }
        int nextFlush = 0;
        long windowLast = 0;
        Map<Long, List<Stored>> window = new HashMap<>();
        var previous = Canonical.ZERO_HASH;
        long batches = 0;
        long readings = 0;
        LedgerEntry last = null;
        long expectedId = 1;
        long fromBlocks = 0;
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT BATCH_ID, COMMITTED_AT, READING_COUNT, "
                + "PREV_HASH, HASH FROM BATCH ORDER BY BATCH_ID")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                int count = rs.getInt(3);
                var prevHash = rs.getString(4);
                var hash = rs.getString(5);
                if (id != expectedId) {
                    return new VerificationReport.Broken(batches, readings, id, Optional.empty(),
                            "ledger entries jump from batch " + (expectedId - 1) + " to " + id + ": an entry is missing");
                }
                expectedId++;
                if (!previous.equals(prevHash)) {
                    return new VerificationReport.Broken(batches, readings, id,
                            Optional.of("chain link of batch " + id),
                            "batch " + id + " names previous hash " + prevHash + " but batch " + (id - 1) + " has hash "
                                    + previous);
                }
                List<Stored> rows;
                if (id > flushedBatchId) {
                    rows = wal.getOrDefault(id, List.of());
                } else {
                    while (id > windowLast && nextFlush < flushes.size()) {
                        var f = flushes.get(nextFlush++);
                        window = loadWindow(f[0], f[1], f[2]);
                        windowLast = f[2];
                    }
                    rows = window.getOrDefault(id, List.of());
                    fromBlocks += rows.size();
                }
                if (rows.size() != count) {
                    return new VerificationReport.Broken(batches, readings, id, Optional.empty(),
                            "batch " + id + " committed " + count + " readings but " + rows.size() + " are stored");
                }
                rows = new ArrayList<>(rows);
                rows.sort((a, b) -> Canonical.ORDER.compare(a.row(), b.row()));
                var md = Canonical.sha256(previous);
                for (var r : rows) {
                    if (!r.digestOk()) {
                        return new VerificationReport.Broken(batches, readings, id, Optional.of(describe(r)),
                                "a stored reading of batch " + id + " no longer matches the digest written with it");
                    }
                    md.update(r.line());
                }
                var recomputed = Canonical.hex(md.digest());
                if (!recomputed.equals(hash)) {
                    return new VerificationReport.Broken(batches, readings, id, Optional.empty(),
                            "stored hash " + hash + " but the stored rows of batch " + id + " recompute to " + recomputed);
                }
                previous = hash;
                batches++;
                readings += count;
                last = new LedgerEntry(id, Instant.ofEpochMilli(rs.getLong(2)), count, prevHash, hash);
            }
        }
        // every block record must belong to a ledgered batch: a row added behind the ledger's back shows here
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT COALESCE(SUM(LENGTH(PAYLOAD)), 0) FROM READING_BLOCK")) {
            rs.next();
            long stored = rs.getLong(1) / BlockCodec.RECORD;
            if (stored != fromBlocks) {
                return new VerificationReport.Broken(batches, readings, last == null ? 0 : last.batchId(),
                        Optional.empty(), "READING_BLOCK holds " + stored + " readings but the ledgered batches "
                                + "account for " + fromBlocks + ": readings were added or moved outside the ledger");
            }
        }
        return new VerificationReport.Intact(batches, readings, Optional.ofNullable(last));
    }

    private List<Stored> fromWal(long batchId, int part, byte[] payload) {
        var out = new ArrayList<Stored>();
        var entries = WalCodec.decode(payload, batchId);
        for (int i = 0; i < entries.length; i++) {
            var row = catalog.row(entries[i]);
            out.add(new Stored(row, Canonical.line(row), true, "WAL batch " + batchId + " part " + part + " record " + i));
        }
        return out;
    }

    private Map<Long, List<Stored>> loadWindow(long flushNo, long firstBatch, long lastBatch) throws SQLException {
        var window = new HashMap<Long, List<Stored>>();
        try (var ps = conn.prepareStatement("SELECT b.BLOCK_ID, b.SERIES_ID, b.PAYLOAD FROM BLOCK_FLUSH f "
                + "JOIN READING_BLOCK b ON b.BLOCK_ID = f.BLOCK_ID WHERE f.FLUSH_NO = ? ORDER BY b.BLOCK_ID")) {
            ps.setLong(1, flushNo);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long blockId = rs.getLong(1);
                    var s = catalog.get(rs.getInt(2));
                    var records = BlockCodec.decode(rs.getBytes(3));
                    var run = records.run();
                    for (int i = 0; i < run.size; i++) {
                        long batch = run.batch[i];
                        if (batch < firstBatch || batch > lastBatch) {
                            continue;
                        }
                        var row = catalog.row(s, run, i);
                        var line = Canonical.line(row);
                        boolean digestOk = Canonical.digest(line) == records.digests()[i];
                        window.computeIfAbsent(batch, k -> new ArrayList<>()).add(new Stored(row, line, digestOk,
                                "READING_BLOCK " + blockId + " record " + i));
                    }
                }
            }
        }
        return window;
    }

    private static String describe(Stored s) {
        var r = s.row();
        return "meter " + r.meterId() + ", quantity " + r.quantity() + ", timestamp " + Instant.ofEpochMilli(r.ts())
                + " (" + r.ts() + "), stored value " + r.value() + ", quality " + r.quality() + ", source " + r.source()
                + " (" + s.where() + ")";
    }
}
