package org.gridprint.store.derby;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The write-ahead payload of a batch (WAL rows, PART 0, 1, ...): its accepted readings in canonical order,
 * big-endian records: series id int (4), timestamp epoch millis long (8), value IEEE-754 double (8), quality ordinal
 * byte (1), source id int (4) — 25 bytes for batches of ledger format 1 — and, for format 2, the row digest int (4):
 * 29 bytes.
 */
final class WalCodec {

    static final int RECORD = 25;
    static final int RECORD_V2 = 29;
    /** Readings per WAL row: the payload is a VARCHAR(32672) FOR BIT DATA. */
    static final int PER_PART = 32_672 / RECORD;
    static final int PER_PART_V2 = 32_672 / RECORD_V2;

    /** One decoded WAL record; {@code digest} is 0 for format 1. */
    record Entry(int seriesId, long ts, double value, byte quality, int sourceId, int digest) {
        Entry(int seriesId, long ts, double value, byte quality, int sourceId) {
            this(seriesId, ts, value, quality, sourceId, 0);
        }
    }

    static int recordSize(int format) {
        return format >= 2 ? RECORD_V2 : RECORD;
    }

    static ByteBuffer allocate(int readings, int format) {
        return ByteBuffer.allocate(readings * recordSize(format));
    }

    static void put(ByteBuffer buf, int seriesId, long ts, double value, byte quality, int sourceId, int digest) {
        buf.putInt(seriesId).putLong(ts).putDouble(value).put(quality).putInt(sourceId).putInt(digest);
    }

    /** Splits a format 2 payload into the PAYLOADs of its WAL rows, {@link #PER_PART_V2} records each. */
    static List<byte[]> partsV2(byte[] payload) {
        return split(payload, PER_PART_V2 * RECORD_V2);
    }

    /** Decodes a payload of {@code format}; a length that is not a whole number of records is an exception. */
    static Entry[] decode(byte[] payload, long batchId, int format) {
        if (format < 2) {
            return decode(payload, batchId);
        }
        if (payload.length % RECORD_V2 != 0) {
            throw new IllegalStateException("payload of batch " + batchId + " has " + payload.length
                    + " bytes, not a multiple of " + RECORD_V2);
        }
        var buf = ByteBuffer.wrap(payload);
        var out = new Entry[payload.length / RECORD_V2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Entry(buf.getInt(), buf.getLong(), buf.getDouble(), buf.get(), buf.getInt(), buf.getInt());
        }
        return out;
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
        return split(payload, PER_PART * RECORD);
    }

    private static List<byte[]> split(byte[] payload, int partBytes) {
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
