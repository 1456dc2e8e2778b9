package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the unflushed readings into READING_BLOCK rows in one transaction on its own connection (late readings
 * merged into existing blocks), records the flush in FLUSH/BLOCK_FLUSH, moves the watermark and deletes the flushed
 * batches' WAL rows in that same transaction.
 *
 * <p>Concurrency: under the memory write lock (short) every series' memtable is frozen and the watermark taken (the
 * last committed batch: the writer puts a batch's readings into the memtable and moves that id under the same lock,
 * so the frozen readings are exactly those of the batches up to the watermark). The blocks are then written without
 * that lock while the writer goes on committing into new memtables; the classifier and readers consult the frozen
 * runs until, after the commit, they are dropped (again under the write lock). The whole flush holds the write side
 * of the flush lock, so a verify chunk (read side) sees a stable set of block and WAL rows.
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
    private final LateMerger merger;
    private final ReadWriteLock memory;
    private final ReadWriteLock flushLock;
    private final LongSupplier committedBatchId;
    private volatile long flushedBatchId;
    private long flushNo;
    private volatile long lastFlushAt;
    /** Test hook: runs inside the flush transaction, just before its commit. */
    volatile Runnable beforeCommit = () -> { };

    Flusher(StoreConnection db, Clock clock, StoreOptions options, SeriesCatalog catalog, Memtable memtable,
            ReadWriteLock memory, ReadWriteLock flushLock, LongSupplier committedBatchId) {
        this.db = db;
        this.clock = clock;
        this.options = options;
        this.catalog = catalog;
        this.memtable = memtable;
        this.memory = memory;
        this.flushLock = flushLock;
        this.committedBatchId = committedBatchId;
        this.blocks = new BlockTable(db, false);
        this.flushes = new FlushTable(db);
        this.merger = new LateMerger(options, catalog, blocks, flushes);
    }

    /** Reads the watermark (STORE_STATE) and the block id sequence. */
    void load() throws SQLException {
        var state = flushes.load();
        flushedBatchId = state.flushedBatchId();
        flushNo = state.flushNo();
        blocks.load();
        db.commit();
    }

    /** The last batch whose readings are in block rows (the WAL holds the later ones). */
    long flushedBatchId() {
        return flushedBatchId;
    }

    /** When the last flush committed (epoch millis), 0 when none since open. */
    long lastFlushAt() {
        return lastFlushAt;
    }

    StoreConnection connection() {
        return db;
    }

    /**
     * Flushes what is unflushed now, if anything; returns the number of readings written. On failure rolls back,
     * puts the frozen readings back into the memtables and throws (an SQLException as the cause).
     */
    int flush() {
        flushLock.writeLock().lock();
        try {
            List<Series> touched;
            long watermark;
            memory.writeLock().lock();
            try {
                touched = memtable.freeze(catalog.all());
                watermark = committedBatchId.getAsLong();
            } finally {
                memory.writeLock().unlock();
            }
            if (touched.isEmpty()) {
                return 0;
            }
            List<Series> rewritten;
            try {
                rewritten = write(touched, watermark);
            } catch (SQLException | RuntimeException e) {
                memory.writeLock().lock();
                try {
                    memtable.thaw(touched);
                } finally {
                    memory.writeLock().unlock();
                }
                throw new IllegalStateException("Derby store " + db.dir() + ": flush " + (flushNo + 1)
                        + " of batches " + (flushedBatchId + 1) + ".." + watermark + " failed: " + e.getMessage(), e);
            }
            int flushed = 0;
            memory.writeLock().lock();
            try {
                for (var s : touched) {
                    flushed += s.frozen.size;
                }
                for (var s : rewritten) {
                    s.rewrites++;
                }
                memtable.flushed(touched);
                flushedBatchId = watermark;
                lastFlushAt = clock.millis();
            } finally {
                memory.writeLock().unlock();
            }
            return flushed;
        } finally {
            flushLock.writeLock().unlock();
        }
    }

    /** Writes the frozen runs of {@code touched} and commits; returns the series whose existing blocks were rewritten. */
    private List<Series> write(List<Series> touched, long watermark) throws SQLException {
        long firstBatch = flushedBatchId + 1;
        long fno = flushNo + 1;
        long blockIdBefore = blocks.peekNextId();
        var rewritten = new ArrayList<Series>();
        int flushed = 0;
        long tStart = System.nanoTime();
        try {
            // late readings: find their blocks first and publish those blocks' stored contents, then rewrite them
            var plans = new java.util.HashMap<Series, LateMerger.Plan>();
            for (var s : touched) {
                var m = s.frozen;
                int lateEnd = s.blockLastTs == Long.MIN_VALUE ? 0 : m.firstAtOrAfter(s.blockLastTs + 1);
                if (lateEnd > 0) {
                    plans.put(s, merger.plan(s, m, lateEnd));
                }
            }
            if (!plans.isEmpty()) {
                memory.writeLock().lock();
                try {
                    for (var p : plans.values()) {
                        p.series().rewriting = List.copyOf(p.targets().values());
                        p.series().rewrites++; // a scan that copied before this point restarts (and after the commit)
                    }
                } finally {
                    memory.writeLock().unlock();
                }
            }
            var newBlocks = new ArrayList<BlockTable.Content>();
            for (var s : touched) {
                var m = s.frozen;
                flushed += m.size;
                int lateEnd = s.blockLastTs == Long.MIN_VALUE ? 0 : m.firstAtOrAfter(s.blockLastTs + 1);
                var plan = plans.get(s);
                if (plan != null) {
                    merger.write(plan, fno, flushedBatchId);
                    rewritten.add(s);
                }
                for (int from = lateEnd; from < m.size; from += options.maxBlockReadings()) {
                    int to = Math.min(m.size, from + options.maxBlockReadings());
                    var digests = new int[to - from];
                    for (int i = from; i < to; i++) {
                        digests[i - from] = catalog.digest(s, m, i);
                    }
                    newBlocks.add(BlockTable.Content.of(s.id, m, from, to, digests));
                }
                SeriesCatalog.addBlockState(db, s, Math.max(s.blockLastTs, m.lastTs()), s.blockReadings + m.size);
            }
            // full blocks first, the small remainders after them: Derby appends rows to the last page, so the
            // remainders then share pages instead of taking one page each
            newBlocks.sort((a, b) -> Integer.compare(b.count(), a.count()));
            for (var nb : newBlocks) {
                long blockId = blocks.nextId();
                blocks.addInsert(blockId, nb);
                flushes.addLink(fno, blockId);
            }
            blocks.executeInserts();
            flushes.executeLinks();
            SeriesCatalog.executeBlockStates(db);
            flushes.insertFlush(fno, firstBatch, watermark, flushed, clock.millis());
            flushes.moveWatermark(new FlushTable.State(watermark, fno));
            BatchLedger.deleteWalUpTo(db, watermark);
            beforeCommit.run();
            db.commit();
            flushNo = fno;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Derby store {}: flush {} wrote {} readings of batches {}..{} into {} new blocks in {} ms",
                        db.dir(), fno, flushed, firstBatch, watermark, newBlocks.size(),
                        (System.nanoTime() - tStart) / 1_000_000);
            }
            return rewritten;
        } catch (SQLException | RuntimeException e) {
            db.rollbackQuietly();
            clearQueuedStatements();
            blocks.resetNextId(blockIdBefore);
            throw e;
        }
    }

    /** A failed flush may leave statements queued; the retry must start from an empty queue. */
    private void clearQueuedStatements() {
        try {
            blocks.clearInserts();
            flushes.clearLinks();
            SeriesCatalog.clearBlockStates(db);
        } catch (SQLException e) {
            LOG.debug("Derby store {}: could not clear the statements of a failed flush: {}", db.dir(), e.toString());
        }
    }
}
