package org.gridprint.store.derby;

import java.util.List;

/** The accepted readings not yet in block rows (kept per series in {@link Series#memtable}) and their count. */
final class Memtable {

    private int size;

    int size() {
        return size;
    }

    void insert(Series s, long ts, double value, byte quality, long batchId, int sourceId) {
        s.memtable.insert(ts, value, quality, batchId, sourceId);
        size++;
    }

    /** After a committed flush: the readings of {@code touched} are now held in block rows. */
    void flushed(List<Series> touched) {
        for (var s : touched) {
            s.blockLastTs = Math.max(s.blockLastTs, s.memtable.lastTs());
            s.blockReadings += s.memtable.size;
            s.memtable.clear();
        }
        size = 0;
    }
}
