package org.gridprint.store.derby;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The write-ahead payload of a batch (WAL rows, PART 0, 1, ... of at most {@link #PER_PART} readings): its
 * accepted readings in canonical order, 25 bytes each, big-endian:
 * series id int (4), timestamp epoch millis long (8), value IEEE-754 double (8), quality ordinal byte (1),
 * source id int (4).
 */
final class WalCodec {

    static final int RECORD = 25;
    /** Readings per WAL row: the payload is a VARCHAR(32672) FOR BIT DATA. */
    static final int PER_PART = 32_672 / RECORD;

    /** One decoded WAL record. */
    record Entry(int seriesId, long ts, double value, byte quality, int sourceId) {
    }

    private WalCodec() {
    }

    static ByteBuffer allocate(int readings) {
        return ByteBuffer.allocate(readings * RECORD);
    }

    static void put(ByteBuffer buf, int seriesId, long ts, double value, byte quality, int sourceId) {
        buf.putInt(seriesId).putLong(ts).putDouble(value).put(quality).putInt(sourceId);
    }

    /** Splits a batch's payload into the PAYLOADs of its WAL rows (PART 0, 1, ...), {@link #PER_PART} records each. */
    static List<byte[]> parts(byte[] payload) {
        int partBytes = PER_PART * RECORD;
        var out = new ArrayList<byte[]>(payload.length / partBytes + 1);
        for (int off = 0; off < payload.length; off += partBytes) {
            out.add(Arrays.copyOfRange(payload, off, Math.min(payload.length, off + partBytes)));
        }
        return out;
    }

    static Entry[] decode(byte[] payload, long batchId) {
        if (payload.length % RECORD != 0) {
            throw new IllegalStateException("payload of batch " + batchId + " has " + payload.length
                    + " bytes, not a multiple of " + RECORD);
        }
        var buf = ByteBuffer.wrap(payload);
        var out = new Entry[payload.length / RECORD];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Entry(buf.getInt(), buf.getLong(), buf.getDouble(), buf.get(), buf.getInt());
        }
        return out;
    }
}
