package org.gridprint.store.derby;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The count of accepted readings not yet in block rows (kept per series in {@link Series#memtable} and, while a flush
 * writes them, {@link Series#frozen}). Changes happen under the memory write lock; the count is readable anywhere.
 */
final class Memtable {

    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger frozen = new AtomicInteger();

    /** Readings not in blocks (memtable + frozen). */
    int size() {
        return size.get() + frozen.get();
    }

    /** Readings in the memtables (not frozen): what the size trigger of the flush looks at. */
    int active() {
        return size.get();
    }

    void insert(Series s, long ts, double value, byte quality, long batchId, int sourceId) {
        s.memtable.insert(ts, value, quality, batchId, sourceId);
        size.incrementAndGet();
    }

    /**
     * Freezes every series' memtable for a flush (under the memory write lock): the readings move to
     * {@link Series#frozen}, the series get new, empty memtables. Returns the series frozen.
     */
    List<Series> freeze(List<Series> all) {
        var touched = new ArrayList<Series>();
        for (var s : all) {
            if (s.frozen != null) {
                throw new IllegalStateException("series " + s.meterId + " " + s.quantity + " is already frozen");
            }
            if (!s.memtable.isEmpty()) {
                s.frozen = s.memtable;
                s.memtable = new Run(16);
                touched.add(s);
            }
        }
        frozen.set(size.getAndSet(0));
        return touched;
    }

    /** After a committed flush (under the memory write lock): the frozen readings are held in block rows now. */
    void flushed(List<Series> touched) {
        for (var s : touched) {
            var f = s.frozen;
            if (s.firstKnown) {
                s.blockFirstTs = Math.min(s.blockFirstTs, f.ts[0]);
            }
            s.blockLastTs = Math.max(s.blockLastTs, f.lastTs());
            s.blockReadings += f.size;
            s.frozen = null;
            s.rewriting = null;
            s.cached = null;
        }
        frozen.set(0);
    }

    /** After a failed flush (under the memory write lock): the frozen readings go back into the memtables. */
    void thaw(List<Series> touched) {
        int back = 0;
        for (var s : touched) {
            var f = s.frozen;
            s.memtable = Run.merge(f, s.memtable);
            back += f.size;
            s.frozen = null;
            s.rewriting = null;
            s.cached = null;
        }
        size.addAndGet(back);
        frozen.set(0);
    }
}
