package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NumbersTest {

    private static String plain(double v) {
        return Numbers.plain(Numbers.decimal(v, "test value"));
    }

    @Test
    void numbersArePlainShortestAndLocaleFree() {
        assertEquals("0.1", plain(0.1));
        assertEquals("12", plain(12.0));
        assertEquals("1200", plain(1200.0));
        assertEquals("0", plain(0.0));
        assertEquals("0", plain(-0.0));
        assertEquals("299.507041911", plain(299.507041911));
        assertEquals("4294967.296", plain(4_294_967.296));
        assertEquals("0.0000001", plain(1e-7));
        assertEquals("100000000000000000000", plain(1e20));
        assertEquals("0.30000000000000004", plain(0.1 + 0.2));
        assertEquals("2.99507041911", Numbers.plain(Numbers.kilograms(2995.07041911, "g")));
        assertThrows(IllegalStateException.class, () -> Numbers.decimal(Double.NaN, "x"));
    }

    @Test
    void everyPrintedNumberReadsBackAsTheSameDoubleInAtMostSeventeenDigits() {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++) {
            var v = switch (i % 3) {
                case 0 -> random.nextDouble() * 1e6;
                case 1 -> Math.round(random.nextDouble() * 1e9) / 1000.0;
                default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            };
            var d = Numbers.decimal(v, "v");
            assertEquals(v, Double.parseDouble(Numbers.plain(d)), "round trip of " + v);
            assertTrue(d.precision() <= 17);
            assertTrue(d.precision() <= new BigDecimal(Double.toString(v)).stripTrailingZeros().precision(),
                    "never longer than Double.toString for " + v);
        }
    }

    @Test
    void timesAreFixedWidthUtc() {
        assertEquals("2026-03-01T00:15:00.000Z", Numbers.time(Instant.parse("2026-03-01T00:15:00Z")));
        assertEquals("2026-03-01T00:15:00.500Z", Numbers.time(Instant.parse("2026-03-01T00:15:00.5Z")));
    }
}
