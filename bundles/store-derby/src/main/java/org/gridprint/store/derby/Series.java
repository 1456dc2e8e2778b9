package org.gridprint.store.derby;

import org.gridprint.api.Quantity;

/** One (meter, quantity) series: its int id, what is flushed to blocks, and its memtable. */
final class Series {

    final int id;
    final String meterId;
    final Quantity quantity;
    /** Last timestamp held in block rows, Long.MIN_VALUE when none. */
    long blockLastTs;
    long blockReadings;
    /** Readings before this timestamp were rolled up (retention); Long.MIN_VALUE when none. */
    long prunedBefore = Long.MIN_VALUE;
    /** Accepted readings not yet flushed to block rows. */
    final Run memtable = new Run(16);
    /** The last decoded block, for replays and late data. */
    Block cached;
    /** Provisional latest timestamp while a batch is being classified. */
    long batchLatest;
    long batchMark = -1;

    Series(int id, String meterId, Quantity quantity, long blockLastTs, long blockReadings) {
        this.id = id;
        this.meterId = meterId;
        this.quantity = quantity;
        this.blockLastTs = blockLastTs;
        this.blockReadings = blockReadings;
    }

    /** Latest timestamp stored (blocks or memtable). */
    long latestTs() {
        return memtable.isEmpty() ? blockLastTs : Math.max(blockLastTs, memtable.lastTs());
    }

    /** A decoded READING_BLOCK row. */
    record Block(long blockId, long firstTs, long lastTs, Run run, int[] digests) {
        boolean covers(long t) {
            return t >= firstTs && t <= lastTs;
        }
    }
}
