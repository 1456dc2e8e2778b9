package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;

import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.HeldSpan;
import org.gridprint.api.store.ReadingSink;

/**
 * The read side, on a reader connection: the readings of a series in a time range (streamed), its latest reading
 * before a time, and the span of all stored readings, over block rows and the unflushed readings.
 *
 * <p>Consistency without holding up the writer or the flusher: the unflushed readings of the series are copied
 * first (under the memory read lock, briefly), then the blocks are read. A reading the flusher moves into a block
 * meanwhile is then in both and is passed on once (timestamps only go up). A flush that rewrites existing blocks of
 * the series (late readings merged, a block split) moves older readings to rows the scan has not listed: the scan
 * sees the series' rewrite count change and continues from the last timestamp it passed on, with a new listing.
 * Memory: the copied unflushed readings of one series (at most the flush threshold), one decoded block, and 8 bytes
 * per block of the range (about 1/120 byte per reading).
 */
final class ReadingQueries {

    private final SeriesCatalog catalog;
    private final ReadWriteLock memory;

    ReadingQueries(SeriesCatalog catalog, ReadWriteLock memory) {
        this.catalog = catalog;
        this.memory = memory;
    }

    /** Passes the readings in {@code [from, to)} to {@code sink} in time order until it returns false. */
    long scan(StoreConnection db, String meterId, Quantity quantity, long from, long to, ReadingSink sink)
            throws SQLException {
        var s = catalog.existing(meterId, quantity);
        if (s == null || from >= to) {
            return 0;
        }
        var blocks = new BlockTable(db, false);
        long next = from;
        long passed = 0;
        while (true) {
            Run unflushed;
            long generation;
            long blockLast;
            memory.readLock().lock();
            try {
                unflushed = unflushed(s, next, to);
                generation = s.rewrites;
                blockLast = s.blockLastTs;
            } finally {
                memory.readLock().unlock();
            }
            long[] firsts = new long[0];
            if (blockLast != Long.MIN_VALUE && next <= blockLast) {
                var floor = blocks.floor(s, next);
                firsts = blocks.firstTimestamps(s, floor != null ? floor.firstTs() : next, to);
            }
            int u = 0;
            boolean restart = false;
            for (long first : firsts) {
                interruptCheck(meterId, quantity);
                var b = blocks.at(s, first);
                if (s.rewrites != generation || b == null) {
                    restart = true;
                    break;
                }
                var run = b.run();
                for (int i = run.firstAtOrAfter(next); i < run.size && run.ts[i] < to; i++) {
                    long t = run.ts[i];
                    for (; u < unflushed.size && unflushed.ts[u] <= t; u++) {
                        if (unflushed.ts[u] < next || unflushed.ts[u] == t) {
                            continue;
                        }
                        if (!sink.accept(catalog.reading(s, unflushed, u))) {
                            return passed + 1;
                        }
                        passed++;
                        next = unflushed.ts[u] + 1;
                    }
                    if (t < next) {
                        continue;
                    }
                    if (!sink.accept(catalog.reading(s, run, i))) {
                        return passed + 1;
                    }
                    passed++;
                    next = t + 1;
                }
            }
            if (!restart && s.rewrites != generation) {
                restart = true;
            }
            if (restart) {
                continue;
            }
            for (; u < unflushed.size; u++) {
                if (unflushed.ts[u] < next) {
                    continue;
                }
                if (!sink.accept(catalog.reading(s, unflushed, u))) {
                    return passed + 1;
                }
                passed++;
                next = unflushed.ts[u] + 1;
            }
            return passed;
        }
    }

    private static void interruptCheck(String meterId, Quantity quantity) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("scan of " + meterId + " " + quantity + " interrupted");
        }
    }

    /** A copy of the unflushed readings (frozen and memtable) of {@code s} in {@code [from, to)}; call under the read lock. */
    private static Run unflushed(Series s, long from, long to) {
        var m = range(s.memtable, from, to);
        var f = s.frozen;
        var out = f == null ? m : Run.merge(range(f, from, to), m);
        var rewriting = s.rewriting;
        if (rewriting != null) {
            // blocks being rewritten by an uncommitted flush may be invisible to this connection's index scan
            for (var b : rewriting) {
                out = Run.merge(range(b.run(), from, to), out);
            }
        }
        return out;
    }

    private static Run range(Run r, long from, long to) {
        int a = r.firstAtOrAfter(from);
        int b = r.firstAtOrAfter(to);
        return r.copy(a, Math.max(a, b));
    }

    /**
     * The latest reading strictly before {@code before} (epoch millis). Asked again when a flush started or finished
     * rewriting blocks of the series meanwhile (a moving block can be invisible to the lookup; bounded retries).
     */
    Optional<Reading> latestBefore(StoreConnection db, String meterId, Quantity quantity, long before)
            throws SQLException {
        var s = catalog.existing(meterId, quantity);
        if (s == null) {
            return Optional.empty();
        }
        Reading best = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            best = null;
            long blockLast;
            long generation;
            memory.readLock().lock();
            try {
                generation = s.rewrites;
                var runs = new ArrayList<Run>();
                runs.add(s.memtable);
                if (s.frozen != null) {
                    runs.add(s.frozen);
                }
                if (s.rewriting != null) {
                    s.rewriting.forEach(b -> runs.add(b.run()));
                }
                for (var run : runs) {
                    int i = run.lastBefore(before);
                    if (i >= 0 && (best == null || run.ts[i] > best.timestamp().toEpochMilli())) {
                        best = catalog.reading(s, run, i);
                    }
                }
                blockLast = s.blockLastTs;
            } finally {
                memory.readLock().unlock();
            }
            if (blockLast != Long.MIN_VALUE && (best == null || best.timestamp().toEpochMilli() < blockLast)) {
                var b = new BlockTable(db, false).floor(s, before - 1);
                if (b != null) {
                    int j = b.run().lastBefore(before);
                    if (j >= 0 && (best == null || b.run().ts[j] > best.timestamp().toEpochMilli())) {
                        best = catalog.reading(s, b.run(), j);
                    }
                }
            }
            if (s.rewrites == generation) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The oldest and newest stored timestamps of any series. */
    Optional<HeldSpan> heldSpan(StoreConnection db) throws SQLException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        var blocks = new BlockTable(db, false);
        for (var s : catalog.all()) {
            long blockFirst;
            long generation;
            memory.readLock().lock();
            try {
                generation = s.rewrites;
                blockFirst = s.firstKnown ? s.blockFirstTs : Long.MIN_VALUE;
                for (var run : new Run[] { s.memtable, s.frozen }) {
                    if (run != null && !run.isEmpty()) {
                        first = Math.min(first, run.ts[0]);
                        last = Math.max(last, run.lastTs());
                    }
                }
                if (s.blockLastTs != Long.MIN_VALUE) {
                    last = Math.max(last, s.blockLastTs);
                }
            } finally {
                memory.readLock().unlock();
            }
            if (blockFirst == Long.MIN_VALUE) {
                blockFirst = blocks.firstTs(s);
                memory.writeLock().lock();
                try {
                    if (s.rewrites == generation && !s.firstKnown) {
                        s.blockFirstTs = blockFirst;
                        s.firstKnown = true;
                    }
                } finally {
                    memory.writeLock().unlock();
                }
            }
            first = Math.min(first, blockFirst);
        }
        return first == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(new HeldSpan(Instant.ofEpochMilli(first), Instant.ofEpochMilli(last)));
    }
}
