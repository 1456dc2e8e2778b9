package org.gridprint.store.derby;

import java.util.Arrays;

/**
 * Readings of one series in time order, in primitive arrays: the memtable of a series and a decoded block
 * (the payload codec is {@link BlockCodec}).
 * Not thread-safe: the memtable run is changed by the writer under the memory write lock; readers copy
 * ({@link #copy}) under the read lock.
 */
final class Run {

    long[] ts;
    double[] value;
    byte[] quality;
    long[] batch;
    int[] source;
    int size;

    Run(int capacity) {
        capacity = Math.max(capacity, 4);
        ts = new long[capacity];
        value = new double[capacity];
        quality = new byte[capacity];
        batch = new long[capacity];
        source = new int[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    long lastTs() {
        return ts[size - 1];
    }

    /** Index of {@code t}, or {@code -(insertion point) - 1}. */
    int indexOf(long t) {
        if (size > 0 && t > ts[size - 1]) {
            return -size - 1;
        }
        return Arrays.binarySearch(ts, 0, size, t);
    }

    /** Index of the last reading strictly before {@code t}, or -1. */
    int lastBefore(long t) {
        int i = indexOf(t);
        int ins = i >= 0 ? i : -i - 1;
        return ins - 1;
    }

    /** Index of the first reading at or after {@code t} (may be {@code size}). */
    int firstAtOrAfter(long t) {
        int i = indexOf(t);
        return i >= 0 ? i : -i - 1;
    }

    /** Inserts a reading whose timestamp is not present yet, keeping time order. */
    void insert(long t, double v, byte q, long b, int s) {
        int at = size;
        if (size > 0 && t <= ts[size - 1]) {
            int i = indexOf(t);
            if (i >= 0) {
                throw new IllegalStateException("timestamp " + t + " already held");
            }
            at = -i - 1;
        }
        if (size == ts.length) {
            grow();
        }
        if (at < size) {
            int n = size - at;
            System.arraycopy(ts, at, ts, at + 1, n);
            System.arraycopy(value, at, value, at + 1, n);
            System.arraycopy(quality, at, quality, at + 1, n);
            System.arraycopy(batch, at, batch, at + 1, n);
            System.arraycopy(source, at, source, at + 1, n);
        }
        ts[at] = t;
        value[at] = v;
        quality[at] = q;
        batch[at] = b;
        source[at] = s;
        size++;
    }

    private void grow() {
        int cap = ts.length * 2;
        ts = Arrays.copyOf(ts, cap);
        value = Arrays.copyOf(value, cap);
        quality = Arrays.copyOf(quality, cap);
        batch = Arrays.copyOf(batch, cap);
        source = Arrays.copyOf(source, cap);
    }

    void clear() {
        size = 0;
        if (ts.length > 64) {
            ts = new long[16];
            value = new double[16];
            quality = new byte[16];
            batch = new long[16];
            source = new int[16];
        }
    }

    /** A copy of readings {@code [from, to)} (for a reader: taken under the memory read lock). */
    Run copy(int from, int to) {
        var c = new Run(to - from);
        int n = to - from;
        System.arraycopy(ts, from, c.ts, 0, n);
        System.arraycopy(value, from, c.value, 0, n);
        System.arraycopy(quality, from, c.quality, 0, n);
        System.arraycopy(batch, from, c.batch, 0, n);
        System.arraycopy(source, from, c.source, 0, n);
        c.size = n;
        return c;
    }

    /** The readings of {@code a} and {@code b} (no timestamp in both) in time order, as a new run. */
    static Run merge(Run a, Run b) {
        var out = new Run(a.size + b.size);
        int i = 0;
        int j = 0;
        while (i < a.size || j < b.size) {
            boolean takeA = j >= b.size || (i < a.size && a.ts[i] < b.ts[j]);
            var r = takeA ? a : b;
            int k = takeA ? i++ : j++;
            int at = out.size++;
            out.ts[at] = r.ts[k];
            out.value[at] = r.value[k];
            out.quality[at] = r.quality[k];
            out.batch[at] = r.batch[k];
            out.source[at] = r.source[k];
        }
        return out;
    }

    long minBatch(int from, int to) {
        long m = Long.MAX_VALUE;
        for (int i = from; i < to; i++) {
            m = Math.min(m, batch[i]);
        }
        return m;
    }

    long maxBatch(int from, int to) {
        long m = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            m = Math.max(m, batch[i]);
        }
        return m;
    }
}
