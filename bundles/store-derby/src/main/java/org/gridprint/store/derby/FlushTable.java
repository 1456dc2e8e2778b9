package org.gridprint.store.derby;

import java.sql.SQLException;

/** The flush bookkeeping: the watermark in STORE_STATE, one FLUSH row per flush and its BLOCK_FLUSH links. */
final class FlushTable {

    private static final String INSERT_LINK = "INSERT INTO BLOCK_FLUSH (FLUSH_NO, BLOCK_ID) VALUES (?, ?)";

    /** STORE_STATE: the last flushed batch and the last flush number. */
    record State(long flushedBatchId, long flushNo) {
    }

    private final StoreConnection db;

    FlushTable(StoreConnection db) {
        this.db = db;
    }

    State load() throws SQLException {
        try (var st = db.connection().createStatement();
                var rs = st.executeQuery("SELECT FLUSHED_BATCH_ID, FLUSH_NO FROM STORE_STATE WHERE ID = 1")) {
            rs.next();
            return new State(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Queues a BLOCK_FLUSH link (executed by {@link #executeLinks}): the block holds readings of that flush. */
    void addLink(long flushNo, long blockId) throws SQLException {
        var ps = db.statement(INSERT_LINK);
        ps.setLong(1, flushNo);
        ps.setLong(2, blockId);
        ps.addBatch();
    }

    void executeLinks() throws SQLException {
        db.statement(INSERT_LINK).executeBatch();
    }

    /** Drops queued links (after a rolled-back flush). */
    void clearLinks() throws SQLException {
        db.statement(INSERT_LINK).clearBatch();
    }

    void insertFlush(long flushNo, long firstBatchId, long lastBatchId, int readings, long flushedAt)
            throws SQLException {
        var ps = db.statement("INSERT INTO FLUSH (FLUSH_NO, FIRST_BATCH_ID, LAST_BATCH_ID, READING_COUNT, "
                + "FLUSHED_AT) VALUES (?, ?, ?, ?, ?)");
        ps.setLong(1, flushNo);
        ps.setLong(2, firstBatchId);
        ps.setLong(3, lastBatchId);
        ps.setInt(4, readings);
        ps.setLong(5, flushedAt);
        ps.executeUpdate();
    }

    void moveWatermark(State state) throws SQLException {
        var ps = db.statement("UPDATE STORE_STATE SET FLUSHED_BATCH_ID = ?, FLUSH_NO = ? WHERE ID = 1");
        ps.setLong(1, state.flushedBatchId());
        ps.setLong(2, state.flushNo());
        ps.executeUpdate();
    }

    /** The number of the flush that wrote batch {@code batchId}. */
    long flushOf(long batchId) throws SQLException {
        var ps = db.statement("SELECT FLUSH_NO FROM FLUSH WHERE FIRST_BATCH_ID <= ? AND LAST_BATCH_ID >= ?");
        ps.setLong(1, batchId);
        ps.setLong(2, batchId);
        try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no FLUSH row covers batch " + batchId);
            }
            return rs.getLong(1);
        }
    }
}
