package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;

/**
 * Recomputes every batch hash from the stored readings (block rows for flushed batches, the write-ahead payload
 * for the others) and checks the chain. Holds one flush window of readings in memory at a time. Stored bytes are
 * decoded defensively: a payload of the wrong length or a record naming an unknown series, quality or source is
 * reported as Broken (naming the batch, block or WAL row and the record), never thrown.
 */
final class LedgerVerifier {

    /** A stored reading as verify sees it. */
    private record Stored(Canonical.Row row, byte[] line, boolean digestOk, String where) {
    }

    /** A stored row that cannot even be decoded: becomes the Broken report. */
    private static final class Undecodable extends Exception {
        private static final long serialVersionUID = 1L;
        final long batchId;
        final String where;

        Undecodable(long batchId, String where, String reason) {
            super(reason, null, false, false);
            this.batchId = batchId;
            this.where = where;
        }
    }

    private final Connection conn;
    private final SeriesCatalog catalog;
    private final long flushedBatchId;
    /** The last batch to verify: the head when verify started (batches committed meanwhile are not looked at). */
    private final long lastBatchId;
    private long batches;
    private long readings;

    LedgerVerifier(Connection conn, SeriesCatalog catalog, long flushedBatchId, long lastBatchId) {
        this.conn = conn;
        this.catalog = catalog;
        this.flushedBatchId = flushedBatchId;
        this.lastBatchId = lastBatchId;
    }

    VerificationReport verify() throws SQLException {
        try {
            return walk();
        } catch (Undecodable e) {
            return new VerificationReport.Broken(batches, readings, e.batchId, Optional.of(e.where), e.getMessage());
        }
    }

    private VerificationReport walk() throws SQLException, Undecodable {
        var flushes = new ArrayList<long[]>();
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT FLUSH_NO, FIRST_BATCH_ID, LAST_BATCH_ID FROM FLUSH ORDER BY FLUSH_NO")) {
            while (rs.next()) {
                flushes.add(new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });
            }
        }
        var wal = new TreeMap<Long, List<Stored>>();
        try (var st = conn.createStatement();
                var rs = st.executeQuery("SELECT w.BATCH_ID, w.PART, w.PAYLOAD FROM WAL w WHERE w.BATCH_ID <= "
                        + lastBatchId + " OR NOT EXISTS (SELECT 1 FROM BATCH b WHERE b.BATCH_ID = w.BATCH_ID) "
                        + "ORDER BY w.BATCH_ID, w.PART")) {
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
        LedgerEntry last = null;
        long expectedId = 1;
        long fromBlocks = 0;
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT BATCH_ID, COMMITTED_AT, READING_COUNT, "
                + "PREV_HASH, HASH FROM BATCH WHERE BATCH_ID <= " + lastBatchId + " ORDER BY BATCH_ID")) {
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
                    rows = wal.remove(id);
                    rows = rows == null ? List.of() : rows;
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
        // WAL rows left over belong to no unflushed ledger entry: above the head, or at/below the flush watermark
        if (!wal.isEmpty()) {
            long head = last == null ? 0 : last.batchId();
            var ids = wal.keySet();
            return new VerificationReport.Broken(batches, readings, wal.firstKey(),
                    Optional.of("WAL rows of batch(es) " + ids),
                    "the write-ahead log holds rows of batch(es) " + ids + " that are not unflushed ledger entries "
                            + "(head batch " + head + ", flush watermark " + flushedBatchId + "): readings were added "
                            + "outside the ledger");
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

    private List<Stored> fromWal(long batchId, int part, byte[] payload) throws Undecodable {
        var where = "WAL batch " + batchId + " part " + part;
        if (payload.length % WalCodec.RECORD != 0) {
            throw new Undecodable(batchId, where, "the WAL payload of batch " + batchId + " part " + part + " has "
                    + payload.length + " bytes, not a multiple of " + WalCodec.RECORD);
        }
        var out = new ArrayList<Stored>();
        var entries = WalCodec.decode(payload, batchId);
        for (int i = 0; i < entries.length; i++) {
            var e = entries[i];
            var problem = catalog.seriesProblem(e.seriesId());
            if (problem == null) {
                problem = catalog.recordProblem(e.quality(), e.sourceId());
            }
            if (problem != null) {
                throw new Undecodable(batchId, where + " record " + i, "a stored reading of batch " + batchId
                        + " cannot be decoded: " + problem);
            }
            var row = catalog.row(e);
            out.add(new Stored(row, Canonical.line(row), true, where + " record " + i));
        }
        return out;
    }

    private Map<Long, List<Stored>> loadWindow(long flushNo, long firstBatch, long lastBatch)
            throws SQLException, Undecodable {
        var window = new HashMap<Long, List<Stored>>();
        try (var ps = conn.prepareStatement("SELECT b.BLOCK_ID, b.SERIES_ID, b.PAYLOAD, b.MIN_BATCH_ID "
                + "FROM BLOCK_FLUSH f "
                + "JOIN READING_BLOCK b ON b.BLOCK_ID = f.BLOCK_ID WHERE f.FLUSH_NO = ? ORDER BY b.BLOCK_ID")) {
            ps.setLong(1, flushNo);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long blockId = rs.getLong(1);
                    int seriesId = rs.getInt(2);
                    var payload = rs.getBytes(3);
                    long minBatch = rs.getLong(4);
                    var where = "READING_BLOCK " + blockId;
                    var seriesProblem = catalog.seriesProblem(seriesId);
                    if (seriesProblem != null) {
                        throw new Undecodable(minBatch, where, "the block row " + blockId + " cannot be decoded: "
                                + "SERIES_ID " + seriesProblem);
                    }
                    if (payload.length % BlockCodec.RECORD != 0) {
                        throw new Undecodable(minBatch, where, "the payload of block row " + blockId + " has "
                                + payload.length + " bytes, not a multiple of " + BlockCodec.RECORD);
                    }
                    var s = catalog.get(seriesId);
                    var records = BlockCodec.decode(payload);
                    var run = records.run();
                    for (int i = 0; i < run.size; i++) {
                        long batch = run.batch[i];
                        if (batch < firstBatch || batch > lastBatch) {
                            continue;
                        }
                        var problem = catalog.recordProblem(run.quality[i], run.source[i]);
                        if (problem != null) {
                            throw new Undecodable(batch, where + " record " + i, "a stored reading of batch " + batch
                                    + " cannot be decoded: " + problem + " (meter " + s.meterId + ", quantity "
                                    + s.quantity + ", timestamp " + run.ts[i] + ")");
                        }
                        var row = catalog.row(s, run, i);
                        var line = Canonical.line(row);
                        boolean digestOk = Canonical.digest(line) == records.digests()[i];
                        window.computeIfAbsent(batch, k -> new ArrayList<>()).add(new Stored(row, line, digestOk,
                                where + " record " + i));
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
