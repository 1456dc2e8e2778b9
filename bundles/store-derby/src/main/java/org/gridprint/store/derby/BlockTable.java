package org.gridprint.store.derby;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * READING_BLOCK rows on one connection: the block lookups of a series, inserts, rewrites and the block id sequence.
 * The writer's instance caches the last decoded block per series ({@link Series#cached}); the flusher's and the
 * readers' instances do not.
 */
final class BlockTable {

    private static final String INSERT = "INSERT INTO READING_BLOCK (BLOCK_ID, SERIES_ID, FIRST_TS, LAST_TS, "
            + "READING_COUNT, MIN_BATCH_ID, MAX_BATCH_ID, PAYLOAD) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** The columns of a block row except its id. */
    record Content(int seriesId, long firstTs, long lastTs, int count, long minBatch, long maxBatch, byte[] payload) {

        /** Readings {@code [from, to)} of {@code run}, {@code digests[i - from]} per reading. */
        static Content of(int seriesId, Run run, int from, int to, int[] digests) {
            return new Content(seriesId, run.ts[from], run.ts[to - 1], to - from, run.minBatch(from, to),
                    run.maxBatch(from, to), BlockCodec.encode(run, from, to, digests));
        }
    }

    private final StoreConnection db;
    private final boolean caching;
    private long nextId = 1;

    /** A block table that caches the last decoded block per series (the writer's). */
    BlockTable(StoreConnection db) {
        this(db, true);
    }

    BlockTable(StoreConnection db, boolean caching) {
        this.db = db;
        this.caching = caching;
    }

    /** Reads the greatest block id, to continue the id sequence. */
    void load() throws SQLException {
        try (var st = db.connection().createStatement();
                var rs = st.executeQuery("SELECT MAX(BLOCK_ID) FROM READING_BLOCK")) {
            rs.next();
            nextId = rs.getLong(1) + 1;
        }
    }

    /** Takes the next block id. */
    long nextId() {
        return nextId++;
    }

    /** The next block id, without taking it (to {@link #resetNextId} after a rollback). */
    long peekNextId() {
        return nextId;
    }

    void resetNextId(long id) {
        nextId = id;
    }

    /** The block with the greatest first timestamp <= t (blocks of a series never overlap), or null. */
    Series.Block floor(Series s, long t) {
        var c = caching ? s.cached : null;
        if (c != null && c.covers(t)) {
            return c;
        }
        try {
            var ps = db.statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                    + "AND FIRST_TS <= ? ORDER BY SERIES_ID, FIRST_TS DESC FETCH FIRST 1 ROWS ONLY");
            ps.setInt(1, s.id);
            ps.setLong(2, t);
            var b = readBlock(ps);
            if (b != null && caching) {
                s.cached = b;
            }
            return b;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the block of " + s.meterId + " " + s.quantity + " at " + t + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@link #ceiling}, for a lookup: fails (naming the block) when the next block's metadata contradicts it. */
    void checkedCeiling(Series s, long t) {
        try {
            ceiling(s, t);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the block after " + t + " of " + s.meterId + " " + s.quantity
                    + ": " + e.getMessage(), e);
        }
    }

    /** The block with the smallest first timestamp > t, or null. */
    Series.Block ceiling(Series s, long t) throws SQLException {
        var ps = db.statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                + "AND FIRST_TS > ? ORDER BY FIRST_TS FETCH FIRST 1 ROWS ONLY");
        ps.setInt(1, s.id);
        ps.setLong(2, t);
        return readBlock(ps);
    }

    /**
     * The block row, its range taken from its payload, never from FIRST_TS/LAST_TS alone: when they contradict the
     * payload (or the payload cannot be decoded) idempotency cannot be decided from this block, and the caller's
     * batch or flush is refused with an IllegalStateException naming the block (verify names it too).
     */
    private static Series.Block readBlock(PreparedStatement ps) throws SQLException {
        try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long blockId = rs.getLong(1);
            BlockCodec.Records records;
            try {
                records = BlockCodec.decode(rs.getBytes(4));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("READING_BLOCK " + blockId + " cannot be decoded (" + e.getMessage()
                        + "): whether a reading is already stored cannot be decided, so this is refused; run verify",
                        e);
            }
            var run = records.run();
            var problem = BlockCheck.rangeProblem(rs.getLong(2), rs.getLong(3), run);
            if (problem != null) {
                throw new IllegalStateException("READING_BLOCK " + blockId + ": " + problem + "; whether a reading "
                        + "is already stored cannot be decided, so this is refused; run verify");
            }
            return new Series.Block(blockId, run.ts[0], run.ts[run.size - 1], run, records.digests());
        }
    }

    /** The readings of the blocks of {@code s} whose first timestamp is in {@code [lower, upper)}. */
    List<Run> runs(Series s, long lower, long upper) throws SQLException {
        var ps = db.statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                + "AND FIRST_TS >= ? AND FIRST_TS < ? ORDER BY SERIES_ID, FIRST_TS DESC");
        ps.setInt(1, s.id);
        ps.setLong(2, lower);
        ps.setLong(3, upper);
        var runs = new ArrayList<Run>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(BlockCodec.decode(rs.getBytes(4)).run());
            }
        }
        return runs;
    }

    /**
     * The first timestamps of the blocks of {@code s} whose first timestamp is in {@code [lower, upper)}, ascending
     * (read from the index alone: 8 bytes per block of up to 960 readings).
     */
    long[] firstTimestamps(Series s, long lower, long upper) throws SQLException {
        var ps = db.statement("SELECT FIRST_TS FROM READING_BLOCK WHERE SERIES_ID = ? AND FIRST_TS >= ? "
                + "AND FIRST_TS < ? ORDER BY SERIES_ID, FIRST_TS DESC");
        ps.setInt(1, s.id);
        ps.setLong(2, lower);
        ps.setLong(3, upper);
        long[] out = new long[16];
        int n = 0;
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, n * 2);
                }
                out[n++] = rs.getLong(1);
            }
        }
        var asc = new long[n];
        for (int i = 0; i < n; i++) {
            asc[i] = out[n - 1 - i];
        }
        return asc;
    }

    /** The block of {@code s} starting at {@code firstTs}, or null (it was rewritten meanwhile). */
    Series.Block at(Series s, long firstTs) throws SQLException {
        var ps = db.statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                + "AND FIRST_TS = ?");
        ps.setInt(1, s.id);
        ps.setLong(2, firstTs);
        return readBlock(ps);
    }

    /** The first timestamp held in blocks of {@code s}, Long.MAX_VALUE when none. */
    long firstTs(Series s) throws SQLException {
        var ps = db.statement("SELECT MIN(FIRST_TS) FROM READING_BLOCK WHERE SERIES_ID = ?");
        ps.setInt(1, s.id);
        try (var rs = ps.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? Long.MAX_VALUE : v;
        }
    }

    /** Queues the insert of a new block row (executed by {@link #executeInserts}). */
    void addInsert(long blockId, Content b) throws SQLException {
        var ps = db.statement(INSERT);
        bind(ps, blockId, b);
        ps.addBatch();
    }

    void executeInserts() throws SQLException {
        db.statement(INSERT).executeBatch();
    }

    /** Drops queued inserts (after a rolled-back flush, so the next flush does not run them again). */
    void clearInserts() throws SQLException {
        db.statement(INSERT).clearBatch();
    }

    /** Inserts a new block row at once. */
    void insert(long blockId, Content b) throws SQLException {
        var ps = db.statement(INSERT);
        bind(ps, blockId, b);
        ps.executeUpdate();
    }

    /** Rewrites an existing block row (same id and series). */
    void update(long blockId, Content b) throws SQLException {
        var ps = db.statement("UPDATE READING_BLOCK SET FIRST_TS = ?, LAST_TS = ?, READING_COUNT = ?, MIN_BATCH_ID = ?, "
                + "MAX_BATCH_ID = ?, PAYLOAD = ? WHERE BLOCK_ID = ?");
        bindRange(ps, 1, b);
        ps.setLong(7, blockId);
        ps.executeUpdate();
    }

    private static void bind(PreparedStatement ps, long blockId, Content b) throws SQLException {
        ps.setLong(1, blockId);
        ps.setInt(2, b.seriesId());
        bindRange(ps, 3, b);
    }

    /** FIRST_TS, LAST_TS, READING_COUNT, MIN_BATCH_ID, MAX_BATCH_ID, PAYLOAD from parameter {@code at} on. */
    private static void bindRange(PreparedStatement ps, int at, Content b) throws SQLException {
        ps.setLong(at, b.firstTs());
        ps.setLong(at + 1, b.lastTs());
        ps.setInt(at + 2, b.count());
        ps.setLong(at + 3, b.minBatch());
        ps.setLong(at + 4, b.maxBatch());
        ps.setBytes(at + 5, b.payload());
    }
}
