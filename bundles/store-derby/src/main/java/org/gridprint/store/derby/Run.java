package org.gridprint.store.derby;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Readings of one series in time order, in primitive arrays: the memtable of a series and a decoded block.
 * Not thread-safe; the store serialises access.
 */
final class Run {

    /** Bytes per reading in a READING_BLOCK payload: ts 8, value 8, quality 1, batch 8, source 4, digest 4. */
    static final int BLOCK_RECORD = 33;

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

    long firstTs() {
        return ts[0];
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

    /** Encodes readings {@code [from, to)} as a block payload; {@code digests[i - from]} per reading. */
    byte[] encodeBlock(int from, int to, int[] digests) {
        var buf = ByteBuffer.allocate((to - from) * BLOCK_RECORD);
        for (int i = from; i < to; i++) {
            buf.putLong(ts[i]).putDouble(value[i]).put(quality[i]).putLong(batch[i]).putInt(source[i])
                    .putInt(digests[i - from]);
        }
        return buf.array();
    }

    /** Decodes a block payload; the digests go to {@code digestsOut} when it is not null. */
    static Run decodeBlock(byte[] payload, int[][] digestsOut) {
        if (payload.length % BLOCK_RECORD != 0) {
            throw new IllegalStateException("block payload of " + payload.length + " bytes is not a multiple of "
                    + BLOCK_RECORD);
        }
        int n = payload.length / BLOCK_RECORD;
        var run = new Run(n);
        var digests = new int[n];
        var buf = ByteBuffer.wrap(payload);
        for (int i = 0; i < n; i++) {
            run.ts[i] = buf.getLong();
            run.value[i] = buf.getDouble();
            run.quality[i] = buf.get();
            run.batch[i] = buf.getLong();
            run.source[i] = buf.getInt();
            digests[i] = buf.getInt();
        }
        run.size = n;
        if (digestsOut != null) {
            digestsOut[0] = digests;
        }
        return run;
    }
}
