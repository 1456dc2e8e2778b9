package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the memtable into READING_BLOCK rows in one transaction (late readings merged into existing blocks), records
 * the flush in FLUSH/BLOCK_FLUSH, moves the watermark and deletes the flushed batches' WAL rows.
 */
final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    private final StoreConnection db;
    private final Clock clock;
    private final StoreOptions options;
    private final SeriesCatalog catalog;
    private final Memtable memtable;
    private final BlockTable blocks;
    private final FlushTable flushes;
    private final BatchLedger ledger;
    private final LateMerger merger;
    private long flushedBatchId;
    private long flushNo;

    Flusher(StoreConnection db, Clock clock, StoreOptions options, SeriesCatalog catalog, Memtable memtable,
            BlockTable blocks, FlushTable flushes, BatchLedger ledger) {
        this.db = db;
        this.clock = clock;
        this.options = options;
        this.catalog = catalog;
        this.memtable = memtable;
        this.blocks = blocks;
        this.flushes = flushes;
        this.ledger = ledger;
        this.merger = new LateMerger(options, catalog, blocks, flushes);
    }

    /** Reads the watermark (STORE_STATE). */
    void load() throws SQLException {
        var state = flushes.load();
        flushedBatchId = state.flushedBatchId();
        flushNo = state.flushNo();
    }

    /** The last batch whose readings are in block rows (the WAL holds the later ones). */
    long flushedBatchId() {
        return flushedBatchId;
    }

    /** Flushes the memtable, if not empty; on failure rolls back, keeps the memtable and throws. */
    void flush() {
        if (memtable.size() == 0) {
            return;
        }
        long watermark = ledger.lastBatchId();
        long firstBatch = flushedBatchId + 1;
        long fno = flushNo + 1;
        long blockIdBefore = blocks.peekNextId();
        int flushed = memtable.size();
        var touched = new ArrayList<Series>();
        long tStart = System.nanoTime();
        try {
            var newBlocks = new ArrayList<BlockTable.Content>();
            for (var s : catalog.all()) {
                var m = s.memtable;
                if (m.isEmpty()) {
                    continue;
                }
                touched.add(s);
                int lateEnd = s.blockLastTs == Long.MIN_VALUE ? 0 : m.firstAtOrAfter(s.blockLastTs + 1);
                if (lateEnd > 0) {
                    merger.merge(s, lateEnd, fno, flushedBatchId);
                }
                for (int from = lateEnd; from < m.size; from += options.maxBlockReadings()) {
                    int to = Math.min(m.size, from + options.maxBlockReadings());
                    var digests = new int[to - from];
                    for (int i = from; i < to; i++) {
                        digests[i - from] = catalog.digest(s, m, i);
                    }
                    newBlocks.add(BlockTable.Content.of(s.id, m, from, to, digests));
                }
                catalog.addBlockState(s, Math.max(s.blockLastTs, m.lastTs()), s.blockReadings + m.size);
            }
            // full blocks first, the small remainders after them: Derby appends rows to the last page, so the
            // remainders then share pages instead of taking one page each
            newBlocks.sort((a, b) -> Integer.compare(b.count(), a.count()));
            for (var nb : newBlocks) {
                long blockId = blocks.nextId();
                blocks.addInsert(blockId, nb);
                flushes.addLink(fno, blockId);
            }
            long tBuilt = System.nanoTime();
            blocks.executeInserts();
            long tBlocks = System.nanoTime();
            flushes.executeLinks();
            catalog.executeBlockStates();
            long tSeries = System.nanoTime();
            flushes.insertFlush(fno, firstBatch, watermark, flushed, clock.millis());
            flushes.moveWatermark(new FlushTable.State(watermark, fno));
            ledger.deleteWalUpTo(watermark);
            long tClear = System.nanoTime();
            db.commit();
            long tCommit = System.nanoTime();
            memtable.flushed(touched);
            flushedBatchId = watermark;
            flushNo = fno;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Derby store {}: flush {} wrote {} readings of batches {}..{} into {} new blocks in {} ms "
                        + "(encode {}, insert blocks {}, links+series {}, state+WAL clear {}, commit {})", db.dir(),
                        fno, flushed, firstBatch, watermark, newBlocks.size(), (tCommit - tStart) / 1_000_000,
                        (tBuilt - tStart) / 1_000_000, (tBlocks - tBuilt) / 1_000_000, (tSeries - tBlocks) / 1_000_000,
                        (tClear - tSeries) / 1_000_000, (tCommit - tClear) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            db.rollbackQuietly();
            clearQueuedStatements();
            blocks.resetNextId(blockIdBefore);
            for (var s : touched) {
                s.cached = null;
            }
            throw new IllegalStateException("Derby store " + db.dir() + ": flush " + fno + " of batches " + firstBatch
                    + ".." + watermark + " failed: " + e.getMessage(), e);
        }
    }

    /** A failed flush may leave statements queued; the retry must start from an empty queue. */
    private void clearQueuedStatements() {
        try {
            blocks.clearInserts();
            flushes.clearLinks();
            catalog.clearBlockStates();
        } catch (SQLException e) {
            LOG.warn("Derby store {}: could not clear the statements of a failed flush: {}", db.dir(), e.toString());
        }
    }
}
