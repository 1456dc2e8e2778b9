package org.gridprint.store.derby;

import java.nio.ByteBuffer;

/**
 * The READING_BLOCK payload: {@link #RECORD}-byte big-endian records in timestamp order, each timestamp long (8),
 * value IEEE-754 double (8), quality ordinal byte (1), batch id long (8), source id int (4), digest int (4).
 */
final class BlockCodec {

    /** Bytes per reading in a block payload. */
    static final int RECORD = 33;

    /** The readings of a block payload and the digest written with each. */
    record Records(Run run, int[] digests) {
    }

    private BlockCodec() {
    }

    /** Encodes readings {@code [from, to)} of {@code run}; {@code digests[i - from]} per reading. */
    static byte[] encode(Run run, int from, int to, int[] digests) {
        var buf = ByteBuffer.allocate((to - from) * RECORD);
        for (int i = from; i < to; i++) {
            buf.putLong(run.ts[i]).putDouble(run.value[i]).put(run.quality[i]).putLong(run.batch[i])
                    .putInt(run.source[i]).putInt(digests[i - from]);
        }
        return buf.array();
    }

    static Records decode(byte[] payload) {
        if (payload.length % RECORD != 0) {
            throw new IllegalStateException("block payload of " + payload.length + " bytes is not a multiple of "
                    + RECORD);
        }
        int n = payload.length / RECORD;
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
        return new Records(run, digests);
    }
}
