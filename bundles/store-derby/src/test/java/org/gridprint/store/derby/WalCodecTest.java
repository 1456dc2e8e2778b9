package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class WalCodecTest {

    @Test
    void roundTripsRecordsInTheDocumentedLayout() {
        var buf = WalCodec.allocate(2);
        WalCodec.put(buf, 3, 1_767_225_600_000L, 100.0, (byte) 1, 9);
        WalCodec.put(buf, Integer.MAX_VALUE, -1, -0.0, (byte) 3, 0);
        var payload = buf.array();
        assertEquals(50, payload.length);
        var raw = ByteBuffer.wrap(payload);
        assertEquals(3, raw.getInt(0));
        assertEquals(1_767_225_600_000L, raw.getLong(4));
        assertEquals(100.0, raw.getDouble(12));
        assertEquals(1, raw.get(20));
        assertEquals(9, raw.getInt(21));

        var back = WalCodec.decode(payload, 1);
        assertEquals(new WalCodec.Entry(3, 1_767_225_600_000L, 100.0, (byte) 1, 9), back[0]);
        assertEquals(new WalCodec.Entry(Integer.MAX_VALUE, -1, -0.0, (byte) 3, 0), back[1]);
    }

    @Test
    void splitsAPayloadIntoRowsOfAtMost1306Records() {
        assertEquals(1306, WalCodec.PER_PART);
        int readings = 2 * 1306 + 5;
        var buf = WalCodec.allocate(readings);
        for (int i = 0; i < readings; i++) {
            WalCodec.put(buf, i, i, i, (byte) 0, i);
        }
        var parts = WalCodec.parts(buf.array());
        assertEquals(3, parts.size());
        assertEquals(1306 * 25, parts.get(0).length);
        assertEquals(1306 * 25, parts.get(1).length);
        assertEquals(5 * 25, parts.get(2).length);
        var joined = new ByteArrayOutputStream();
        parts.forEach(joined::writeBytes);
        assertArrayEquals(buf.array(), joined.toByteArray());
        assertEquals(1306, WalCodec.decode(parts.get(1), 1)[0].seriesId());
        assertEquals(1, WalCodec.parts(WalCodec.allocate(1306).array()).size(), "a full row needs no second part");
        assertEquals(0, WalCodec.parts(new byte[0]).size());
    }

    @Test
    void rejectsAPayloadThatIsNotWholeRecords() {
        var e = assertThrows(IllegalStateException.class, () -> WalCodec.decode(new byte[26], 4));
        assertEquals("payload of batch 4 has 26 bytes, not a multiple of 25", e.getMessage());
    }
}
