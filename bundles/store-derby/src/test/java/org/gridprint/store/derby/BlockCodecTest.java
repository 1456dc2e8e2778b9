package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class BlockCodecTest {

    private static Run run() {
        var run = new Run(4);
        run.insert(1_767_225_600_000L, 100.0, (byte) 0, 7, 2);
        run.insert(1_767_225_660_000L, -0.0, (byte) 3, 8, 0);
        run.insert(1_767_225_720_000L, Double.NaN, (byte) 1, 9, Integer.MAX_VALUE);
        run.insert(-5, Double.MIN_VALUE, (byte) 2, Long.MAX_VALUE, 1); // inserted first in time order
        return run;
    }

    @Test
    void roundTripsASliceWithItsDigests() {
        var run = run();
        var digests = new int[] { 11, -1, Integer.MIN_VALUE };
        var payload = BlockCodec.encode(run, 1, 4, digests);
        assertEquals(3 * 33, payload.length);
        var back = BlockCodec.decode(payload);
        assertEquals(3, back.run().size);
        assertArrayEquals(digests, back.digests());
        for (int i = 0; i < 3; i++) {
            assertEquals(run.ts[i + 1], back.run().ts[i]);
            assertEquals(Double.doubleToRawLongBits(run.value[i + 1]), Double.doubleToRawLongBits(back.run().value[i]));
            assertEquals(run.quality[i + 1], back.run().quality[i]);
            assertEquals(run.batch[i + 1], back.run().batch[i]);
            assertEquals(run.source[i + 1], back.run().source[i]);
        }
    }

    /** The offsets README.md documents for READING_BLOCK.PAYLOAD (the integration test edits them directly). */
    @Test
    void writesTheDocumentedLayout() {
        var run = run();
        var payload = BlockCodec.encode(run, 0, 4, new int[] { 1, 2, 3, 4 });
        var buf = ByteBuffer.wrap(payload);
        int i = 1;
        assertEquals(1_767_225_600_000L, buf.getLong(33 * i));
        assertEquals(100.0, buf.getDouble(33 * i + 8));
        assertEquals(0, buf.get(33 * i + 16));
        assertEquals(7, buf.getLong(33 * i + 17));
        assertEquals(2, buf.getInt(33 * i + 25));
        assertEquals(2, buf.getInt(33 * i + 29));
        assertEquals(-5, buf.getLong(0), "records are in timestamp order");
    }

    @Test
    void rejectsAPayloadThatIsNotWholeRecords() {
        var e = assertThrows(IllegalStateException.class, () -> BlockCodec.decode(new byte[34]));
        assertEquals("block payload of 34 bytes is not a multiple of 33", e.getMessage());
    }
}
