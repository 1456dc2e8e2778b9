package org.gridprint.carbon.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Random;

import org.gridprint.api.carbon.ShortestDecimal;
import org.junit.jupiter.api.Test;

class NanoTest {

    @Test
    void byHand() {
        assertEquals(1_234_500_000_000L, Nano.of(1234.5));
        assertEquals(0L, Nano.of(0.0));
        assertEquals(25_000_000_000_000_000L, Nano.of(25_000_000.0));
        assertEquals(24_999_999_990_000_000L, Nano.of(24_999_999.99));
        // 0.1 + 0.2 = 0.30000000000000004 (shortest decimal) -> 0.300000000 at 9 decimals
        assertEquals(300_000_000L, Nano.of(0.1 + 0.2));
        assertEquals(1L, Nano.of(0.000000001));
        assertEquals(2L, Nano.of(0.0000000015)); // HALF_EVEN: 1.5 nano -> 2
        assertEquals(2L, Nano.of(0.0000000025)); // 2.5 nano -> 2
        assertThrows(IllegalArgumentException.class, () -> Nano.of(Double.NaN));
    }

    /** The fast path gives exactly the definition: shortest decimal, HALF_EVEN at 9 decimals. */
    @Test
    void agreesWithTheShortestDecimalEverywhere() {
        var rnd = new Random(3);
        for (var i = 0; i < 400_000; i++) {
            double v = switch (i % 9) {
                case 0 -> rnd.nextDouble() * 10;
                case 1 -> Math.round(rnd.nextDouble() * 1e7) / 1000.0; // 3 decimals, up to 10,000 kWh
                case 2 -> Math.round(rnd.nextDouble() * 9e11) / 100.0; // 2 decimals, up to 9 TWh
                case 3 -> rnd.nextDouble() * 9e9;
                case 4 -> Math.round(rnd.nextDouble() * 1e15) / 1e6; // 6 decimals
                case 5 -> rnd.nextInt(1_000_000) * 0.001 + rnd.nextInt(1000) * 0.1; // sums with binary noise
                case 6 -> Math.round(rnd.nextDouble() * 9e9); // whole kWh up to 9 GWh
                case 7 -> (rnd.nextInt(4_000_000) * 1000L + 500 + rnd.nextInt(3) - 1) / 1e12 * (1 + rnd.nextInt(3)
                        * 1e-16); // near half-way points of the 9th decimal
                default -> rnd.nextDouble() * 1e-6;
            };
            var expected = ShortestDecimal.of(v).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN)
                    .longValueExact();
            assertEquals(expected, Nano.of(v), () -> "value " + v + " = " + new BigDecimal(v));
        }
    }
}
