package org.gridprint.store.derby;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges late memtable readings (not after the series' last block) into the existing blocks: the block whose range
 * holds the reading, else the next block (its range is extended down). Keeps the blocks of a series non-overlapping.
 */
final class LateMerger {

    private static final Logger LOG = LoggerFactory.getLogger(LateMerger.class);

    private final StoreOptions options;
    private final SeriesCatalog catalog;
    private final BlockTable blocks;
    private final FlushTable flushes;

    LateMerger(StoreOptions options, SeriesCatalog catalog, BlockTable blocks, FlushTable flushes) {
        this.options = options;
        this.catalog = catalog;
        this.blocks = blocks;
        this.flushes = flushes;
    }

    /**
     * Merges readings {@code [0, lateEnd)} of {@code m} (the frozen run of {@code s}) into its blocks as part of flush
     * {@code fno}; queues the BLOCK_FLUSH links of the rewritten and split blocks.
     */
    void merge(Series s, Run m, int lateEnd, long fno, long flushedBatchId) throws SQLException {
        write(plan(s, m, lateEnd), fno, flushedBatchId);
    }

    /** The blocks late readings go into (as stored before the flush) and which readings go into each. */
    record Plan(Series series, Run late, java.util.Map<Long, Series.Block> targets, java.util.Map<Long, List<Integer>> members) {
    }

    /**
     * Finds the block of every late reading {@code [0, lateEnd)} of {@code m} (reads only). The flusher publishes the
     * targets' old contents ({@link Series#rewriting}) before it rewrites them: while the rewrite is uncommitted, a
     * block whose first timestamp moves is invisible to other connections' index scans.
     */
    Plan plan(Series s, Run m, int lateEnd) throws SQLException {
        var targets = new LinkedHashMap<Long, Series.Block>();
        var members = new HashMap<Long, List<Integer>>();
        for (int i = 0; i < lateEnd; i++) {
            long t = m.ts[i];
            var b = blocks.floor(s, t);
            if (b == null || !b.covers(t)) {
                b = blocks.ceiling(s, t);
                if (b == null) {
                    throw new SQLException("no block after " + t + " for " + s.meterId + " " + s.quantity
                            + " although its last block ends at " + s.blockLastTs);
                }
            }
            targets.putIfAbsent(b.blockId(), b);
            members.computeIfAbsent(b.blockId(), k -> new ArrayList<>()).add(i);
        }
        return new Plan(s, m, targets, members);
    }

    /** Rewrites the planned blocks as part of flush {@code fno}; queues the BLOCK_FLUSH links. */
    void write(Plan plan, long fno, long flushedBatchId) throws SQLException {
        var s = plan.series();
        var m = plan.late();
        var targets = plan.targets();
        var members = plan.members();
        int lateEnd = 0;
        for (var list : members.values()) {
            lateEnd += list.size();
        }
        for (var b : targets.values()) {
            var merged = merge(b, m, members.get(b.blockId()), i -> catalog.digest(s, m, i));
            var run = merged.run();
            int n = run.size;
            // write back, split into rows of at most maxBlockReadings (contiguous ranges: still no overlap)
            int max = options.maxBlockReadings();
            for (int from = 0; from < n; from += max) {
                int to = Math.min(n, from + max);
                var digests = Arrays.copyOfRange(merged.digests(), from, to);
                var content = BlockTable.Content.of(s.id, run, from, to, digests);
                long id;
                if (from == 0) {
                    id = b.blockId();
                    blocks.update(id, content);
                } else {
                    id = blocks.nextId();
                    blocks.insert(id, content);
                }
                // verify finds a reading through the flush that wrote its batch: link every such flush
                var linked = new TreeSet<Long>();
                linked.add(fno);
                if (from > 0) {
                    for (int i = from; i < to; i++) {
                        if (run.batch[i] <= flushedBatchId) {
                            linked.add(flushes.flushOf(run.batch[i]));
                        }
                    }
                }
                for (long f : linked) {
                    flushes.addLink(f, id);
                }
            }
        }
        LOG.info("Derby store: merged {} late readings of {} {} into {} existing blocks", lateEnd, s.meterId,
                s.quantity, targets.size());
    }

    /**
     * The readings of {@code block} and the readings {@code late} (indexes into {@code memtable}, ascending, none at a
     * timestamp of the block) in time order, with their digests: the block's own, {@code digestOf} for the others.
     */
    static BlockCodec.Records merge(Series.Block block, Run memtable, List<Integer> late, IntUnaryOperator digestOf) {
        var old = block.run();
        int n = old.size + late.size();
        var merged = new Run(n);
        var digests = new int[n];
        int a = 0;
        int k = 0;
        for (int out = 0; out < n; out++) {
            boolean takeOld = k >= late.size() || (a < old.size && old.ts[a] < memtable.ts[late.get(k)]);
            if (takeOld) {
                merged.insert(old.ts[a], old.value[a], old.quality[a], old.batch[a], old.source[a]);
                digests[out] = block.digests()[a++];
            } else {
                int i = late.get(k++);
                merged.insert(memtable.ts[i], memtable.value[i], memtable.quality[i], memtable.batch[i],
                        memtable.source[i]);
                digests[out] = digestOf.applyAsInt(i);
            }
        }
        return new BlockCodec.Records(merged, digests);
    }
}
