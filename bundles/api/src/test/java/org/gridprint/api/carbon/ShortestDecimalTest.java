package org.gridprint.api.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ShortestDecimalTest {

    @Test
    void printsTheShortestDecimalThatReadsBackExactly() {
        assertEquals("0.1", ShortestDecimal.of(0.1).toPlainString());
        assertEquals("5", ShortestDecimal.of(5.0).toPlainString());
        assertEquals("299.507041911", ShortestDecimal.of(299.507041911).toPlainString());
        assertEquals("0.3333333333333333", ShortestDecimal.of(1.0 / 3).toPlainString());
        assertEquals("0.0000001", ShortestDecimal.of(1e-7).toPlainString());
        assertEquals("0", ShortestDecimal.of(-0.0).toPlainString());
    }

    @Test
    void everyResultReadsBackAsTheSameDouble() {
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++) {
            var value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            assertEquals(value, ShortestDecimal.of(value).doubleValue(), 0.0);
        }
        // the sum a calculator would form from two printed operands is the decimal sum, not the binary one
        assertEquals(new BigDecimal("0.3"), ShortestDecimal.of(0.1).add(ShortestDecimal.of(0.2)));
    }

    @Test
    void refusesNonFiniteValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> ShortestDecimal.of(Double.NaN));
        assertEquals("not a finite number: NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShortestDecimal.of(Double.POSITIVE_INFINITY));
    }
}
