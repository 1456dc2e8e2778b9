package org.gridprint.store.derby;

import org.gridprint.api.Quantity;

/**
 * One (meter, quantity) series: its int id, what is flushed to blocks, and its unflushed readings.
 *
 * <p>Threads: the writer inserts into {@link #memtable}; the flusher swaps it into {@link #frozen} (freeze), writes
 * the frozen run into blocks and then drops it and moves {@link #blockLastTs}/{@link #blockReadings}. Both changes
 * happen under the store's memory write lock ({@link Session#memory}); the writer classifies and readers copy
 * under its read lock. {@link #cached} belongs to the writer (the flusher only clears it, under the write lock).
 */
final class Series {

    final int id;
    final String meterId;
    final Quantity quantity;
    /** Last timestamp held in block rows, Long.MIN_VALUE when none. */
    volatile long blockLastTs;
    volatile long blockReadings;
    /** Readings before this timestamp were rolled up (retention); Long.MIN_VALUE when none. */
    volatile long prunedBefore = Long.MIN_VALUE;
    /** First timestamp held in block rows; Long.MAX_VALUE when none or not known yet (see {@link #firstKnown}). */
    volatile long blockFirstTs = Long.MAX_VALUE;
    volatile boolean firstKnown;
    /** Accepted readings not yet flushed to block rows (the writer inserts here). */
    Run memtable = new Run(16);
    /** Readings being written into blocks by a flush; null when no flush holds readings of this series. */
    Run frozen;
    /**
     * While a flush rewrites existing blocks of this series (late readings): those blocks as stored before the flush.
     * Until the flush commits, a block whose first timestamp moves is invisible to index scans of other connections,
     * so the classifier and readers consult these too. Null when no rewrite is in flight.
     */
    java.util.List<Block> rewriting;
    /**
     * Moves when a flush starts rewriting existing blocks of this series (late readings) and again when it has
     * committed: a running scan that sees it move continues from its last timestamp with a new listing.
     */
    volatile long rewrites;
    /** The last decoded block, for replays and late data (writer only). */
    Block cached;
    /** Provisional latest timestamp while a group of batches is being classified. */
    long batchLatest;
    long batchMark = -1;

    Series(int id, String meterId, Quantity quantity, long blockLastTs, long blockReadings) {
        this.id = id;
        this.meterId = meterId;
        this.quantity = quantity;
        this.blockLastTs = blockLastTs;
        this.blockReadings = blockReadings;
        this.firstKnown = blockReadings == 0;
    }

    /** Latest timestamp stored (blocks, frozen or memtable). */
    long latestTs() {
        long t = blockLastTs;
        var f = frozen;
        if (f != null && !f.isEmpty()) {
            t = Math.max(t, f.lastTs());
        }
        return memtable.isEmpty() ? t : Math.max(t, memtable.lastTs());
    }

    /** Readings not in blocks yet: memtable plus frozen. */
    int unflushed() {
        var f = frozen;
        return memtable.size + (f == null ? 0 : f.size);
    }

    /** A decoded READING_BLOCK row. */
    record Block(long blockId, long firstTs, long lastTs, Run run, int[] digests) {
        boolean covers(long t) {
            return t >= firstTs && t <= lastTs;
        }
    }
}
