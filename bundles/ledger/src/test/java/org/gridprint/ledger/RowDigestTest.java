package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RowDigestTest {

    @Test
    void isCrc32cOfTheUtf8Line() {
        // the CRC-32C check value (RFC 3720, appendix B.4): "123456789" -> 0xE3069283
        assertEquals(0xE3069283, RowDigest.of("123456789"));
    }

    @Test
    void oneChangedValueBitChangesTheDigest() {
        var a = CanonicalLines.reading("m", org.gridprint.api.Quantity.VOLTAGE, 0, 230.0, org.gridprint.api.Quality.GOOD, "s");
        var b = CanonicalLines.reading("m", org.gridprint.api.Quantity.VOLTAGE, 0, Math.nextUp(230.0),
                org.gridprint.api.Quality.GOOD, "s");
        assertNotEquals(RowDigest.of(a), RowDigest.of(b));
    }
}
