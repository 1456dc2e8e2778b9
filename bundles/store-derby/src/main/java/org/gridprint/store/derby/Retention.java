package org.gridprint.store.derby;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;

import org.gridprint.api.LedgerEntry;
import org.gridprint.ledger.CanonicalLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (off by default): replaces the raw readings older than a cutoff by hourly windows per series, in one
 * transaction with a ROLLUP entry (docs/ledger-spec.md, 10). Only flushed READINGS entries whose readings are all
 * older than the cutoff and that quarantined nothing are pruned: their records leave READING_BLOCK, their BATCH rows
 * stay (PRUNED_BY = the ROLLUP entry) so the chain still verifies as links, and the ROLLUP entry's lines name each
 * pruned entry (P: id, hash, reading count) and each window (W). Per series, readings before the newest pruned
 * timestamp count as duplicates from then on (SERIES.PRUNED_BEFORE), so nothing is accepted twice.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final long HOUR = 3_600_000L;
    static final String SOURCE = "retention";

    /** One hourly window being folded, in time order. */
    private static final class Window {
        long firstTs;
        double first;
        long lastTs;
        double last;
        int count;
        double min;
        double max;
        double sum;

        void add(long ts, double v) {
            if (count == 0) {
                firstTs = ts;
                first = v;
                min = v;
                max = v;
                sum = v;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            lastTs = ts;
            last = v;
            count++;
        }
    }

    /** A block that holds readings before the cutoff. */
    private record Touched(Series series, Series.Block block) {
    }

    private final StoreConnection db;
    private final SeriesCatalog catalog;
    private final BatchLedger ledger;
    private final ReadWriteLock memory;

    /**
     * Runs on the writer thread with the writer's connection; the caller holds the write side of the flush lock (no
     * flush rewrites blocks meanwhile). {@code memory} guards the series state readers copy.
     */
    Retention(StoreConnection db, SeriesCatalog catalog, BatchLedger ledger, ReadWriteLock memory) {
        this.db = db;
        this.catalog = catalog;
        this.ledger = ledger;
        this.memory = memory;
    }

    /** Reads SERIES.PRUNED_BEFORE into the series. */
    void load() throws SQLException {
        try (var st = db.connection().createStatement(); var rs = st.executeQuery(
                "SELECT SERIES_ID, PRUNED_BEFORE FROM SERIES WHERE PRUNED_BEFORE > " + Long.MIN_VALUE)) {
            while (rs.next()) {
                if (catalog.seriesProblem(rs.getInt(1)) == null) {
                    catalog.get(rs.getInt(1)).prunedBefore = rs.getLong(2);
                }
            }
        }
    }

    /**
     * Rolls up the flushed readings older than {@code cutoffMillis} (the caller flushed first); returns the ROLLUP
     * entry, empty when nothing could be pruned.
     */
    Optional<LedgerEntry> rollUp(long cutoffMillis, long flushedBatchId) {
        var touched = new ArrayList<Touched>();
        var candidates = new HashMap<Long, Integer>();
        try {
            for (var s : catalog.all()) {
                var ps = db.statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK "
                        + "WHERE SERIES_ID = ? AND FIRST_TS < ? ORDER BY FIRST_TS");
                ps.setInt(1, s.id);
                ps.setLong(2, cutoffMillis);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var records = BlockCodec.decode(rs.getBytes(4));
                        var problem = BlockCheck.rangeProblem(rs.getLong(2), rs.getLong(3), records.run());
                        if (problem != null) {
                            throw new IllegalStateException("READING_BLOCK " + rs.getLong(1) + ": " + problem
                                    + "; nothing is rolled up until it is repaired (run verify)");
                        }
                        var run = records.run();
                        var block = new Series.Block(rs.getLong(1), run.ts[0], run.ts[run.size - 1], run,
                                records.digests());
                        touched.add(new Touched(s, block));
                        for (int i = 0; i < run.size && run.ts[i] < cutoffMillis; i++) {
                            if (run.batch[i] <= flushedBatchId) {
                                candidates.merge(run.batch[i], 1, Integer::sum);
                            }
                        }
                    }
                }
            }
            var pruned = prunable(candidates);
            if (pruned.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(write(cutoffMillis, touched, pruned));
        } catch (SQLException | RuntimeException e) {
            db.rollbackQuietly();
            catalog.all().forEach(s -> s.cached = null);
            throw new IllegalStateException("Derby store " + db.dir() + ": retention (readings before "
                    + java.time.Instant.ofEpochMilli(cutoffMillis) + ") failed, nothing was rolled up: "
                    + e.getMessage(), e);
        }
    }

    /** Entries whose readings are all candidates, that quarantined nothing and are not pruned yet: id -> hash. */
    private TreeMap<Long, String[]> prunable(Map<Long, Integer> candidates) throws SQLException {
        var out = new TreeMap<Long, String[]>();
        if (candidates.isEmpty()) {
            return out;
        }
        long min = candidates.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = candidates.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        var ps = db.statement("SELECT BATCH_ID, READING_COUNT, ITEM_COUNT, HASH FROM BATCH WHERE BATCH_ID BETWEEN ? "
                + "AND ? AND KIND = 'READINGS' AND PRUNED_BY = 0");
        ps.setLong(1, min);
        ps.setLong(2, max);
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                Integer found = candidates.get(rs.getLong(1));
                if (found != null && found == rs.getInt(2) && rs.getInt(2) == rs.getInt(3)) {
                    out.put(rs.getLong(1), new String[] { rs.getString(4), Integer.toString(rs.getInt(2)) });
                }
            }
        }
        return out;
    }

    private LedgerEntry write(long cutoffMillis, List<Touched> touched, TreeMap<Long, String[]> pruned)
            throws SQLException {
        long rollupId = ledger.nextId();
        var lines = new ArrayList<String>();
        var windows = new TreeMap<String, Window>();
        var windowSeries = new HashMap<String, Series>();
        var removedBySeries = new HashMap<Series, Integer>();
        var horizon = new HashMap<Series, Long>();
        Set<Long> emptied = new HashSet<>();
        for (var t : touched) {
            var s = t.series();
            var run = t.block().run();
            var keep = new ArrayList<Integer>();
            for (int i = 0; i < run.size; i++) {
                if (!pruned.containsKey(run.batch[i])) {
                    keep.add(i);
                    continue;
                }
                long hour = Math.floorDiv(run.ts[i], HOUR) * HOUR;
                var key = s.id + ":" + hour;
                windows.computeIfAbsent(key, k -> new Window()).add(run.ts[i], run.value[i]);
                windowSeries.put(key, s);
                removedBySeries.merge(s, 1, Integer::sum);
                horizon.merge(s, run.ts[i] + 1, Math::max);
            }
            if (keep.size() == run.size) {
                continue;
            }
            if (keep.isEmpty()) {
                delete(t.block().blockId());
                emptied.add(t.block().blockId());
            } else {
                rewrite(s, t.block(), keep);
            }
        }
        var insert = db.statement("INSERT INTO ROLLUP (ROLLUP_ID, SERIES_ID, HOUR_TS, FIRST_TS, FIRST_BITS, LAST_TS, "
                + "LAST_BITS, READING_COUNT, MIN_BITS, MAX_BITS, SUM_BITS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (var e : windows.entrySet()) {
            var s = windowSeries.get(e.getKey());
            var w = e.getValue();
            long hour = Math.floorDiv(w.firstTs, HOUR) * HOUR;
            insert.setLong(1, rollupId);
            insert.setInt(2, s.id);
            insert.setLong(3, hour);
            insert.setLong(4, w.firstTs);
            insert.setLong(5, Double.doubleToRawLongBits(w.first));
            insert.setLong(6, w.lastTs);
            insert.setLong(7, Double.doubleToRawLongBits(w.last));
            insert.setInt(8, w.count);
            insert.setLong(9, Double.doubleToRawLongBits(w.min));
            insert.setLong(10, Double.doubleToRawLongBits(w.max));
            insert.setLong(11, Double.doubleToRawLongBits(w.sum));
            insert.addBatch();
            lines.add(CanonicalLines.window(s.meterId, s.quantity, hour, w.firstTs, w.first, w.lastTs, w.last, w.count,
                    w.min, w.max, w.sum));
        }
        insert.executeBatch();
        var mark = db.statement("UPDATE BATCH SET PRUNED_BY = ? WHERE BATCH_ID = ?");
        for (var p : pruned.entrySet()) {
            mark.setLong(1, rollupId);
            mark.setLong(2, p.getKey());
            mark.addBatch();
            lines.add(CanonicalLines.pruned(p.getKey(), p.getValue()[0], Integer.parseInt(p.getValue()[1])));
        }
        mark.executeBatch();
        var series = db.statement("UPDATE SERIES SET PRUNED_BEFORE = ?, BLOCK_READINGS = BLOCK_READINGS - ? "
                + "WHERE SERIES_ID = ?");
        for (var e : removedBySeries.entrySet()) {
            long newHorizon = Math.max(e.getKey().prunedBefore, Math.min(cutoffMillis, horizon.get(e.getKey())));
            series.setLong(1, newHorizon);
            series.setLong(2, e.getValue());
            series.setInt(3, e.getKey().id);
            series.addBatch();
        }
        series.executeBatch();
        var entry = ledger.writeRollup(lines);
        db.commit();
        ledger.committed(entry, false);
        memory.writeLock().lock();
        try {
            for (var e : removedBySeries.entrySet()) {
                var s = e.getKey();
                s.prunedBefore = Math.max(s.prunedBefore, Math.min(cutoffMillis, horizon.get(s)));
                s.blockReadings -= e.getValue();
                s.firstKnown = false;
                s.blockFirstTs = Long.MAX_VALUE;
                s.rewrites++; // a running scan of the series restarts from its position
            }
            catalog.all().forEach(s -> s.cached = null);
        } finally {
            memory.writeLock().unlock();
        }
        LOG.info("Derby store {}: retention rolled up {} readings of {} entries (before {}) into {} hourly windows, "
                + "ROLLUP entry {} ({} blocks emptied)", db.dir(), removedBySeries.values().stream()
                        .mapToInt(Integer::intValue).sum(), pruned.size(), java.time.Instant.ofEpochMilli(cutoffMillis),
                windows.size(), entry.batchId(), emptied.size());
        return entry;
    }

    private void delete(long blockId) throws SQLException {
        var links = db.statement("DELETE FROM BLOCK_FLUSH WHERE BLOCK_ID = ?");
        links.setLong(1, blockId);
        links.executeUpdate();
        var block = db.statement("DELETE FROM READING_BLOCK WHERE BLOCK_ID = ?");
        block.setLong(1, blockId);
        block.executeUpdate();
    }

    private void rewrite(Series s, Series.Block b, List<Integer> keep) throws SQLException {
        var run = new Run(keep.size());
        var digests = new int[keep.size()];
        var old = b.run();
        for (int k = 0; k < keep.size(); k++) {
            int i = keep.get(k);
            run.insert(old.ts[i], old.value[i], old.quality[i], old.batch[i], old.source[i]);
            digests[k] = b.digests()[i];
        }
        var content = BlockTable.Content.of(s.id, run, 0, run.size, digests);
        var ps = db.statement("UPDATE READING_BLOCK SET FIRST_TS = ?, LAST_TS = ?, READING_COUNT = ?, MIN_BATCH_ID = ?, "
                + "MAX_BATCH_ID = ?, PAYLOAD = ? WHERE BLOCK_ID = ?");
        ps.setLong(1, content.firstTs());
        ps.setLong(2, content.lastTs());
        ps.setInt(3, content.count());
        ps.setLong(4, content.minBatch());
        ps.setLong(5, content.maxBatch());
        ps.setBytes(6, content.payload());
        ps.setLong(7, b.blockId());
        ps.executeUpdate();
    }
}
