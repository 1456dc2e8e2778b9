package org.gridprint.carbon.window;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.gridprint.api.carbon.ShortestDecimal;

/**
 * Nano-units: amounts as longs in 10^-9 of the canonical unit (kWh → nano-kWh = µWh, m³ → nano-m³). A stored
 * reading (a double) becomes nano-units through its shortest decimal ({@link ShortestDecimal}), rounded HALF_EVEN to
 * 9 decimals: {@code 1234.5 kWh → 1_234_500_000_000}. Counters with more than 9 decimals are rounded there (a
 * µWh is far below any meter's resolution).
 */
public final class Nano {

    /** 10^9 nano-units per unit. */
    public static final long PER_UNIT = 1_000_000_000L;

    private Nano() {
    }

    /**
     * @throws IllegalArgumentException for NaN, infinite values or values beyond ±9.2 × 10^9 units
     */
    public static long of(double value) {
        // fast path, same result: the shortest decimal of a value with at most 9 decimals found in double arithmetic
        if (value >= 0 && value < 9.2e9) {
            var p = 1d;
            for (var k = 0; k <= 9; k++, p *= 10) {
                var x = value * p;
                // m below 2^50 and the value's rounding interval narrower than a quarter step: at most one k-decimal
                // reads back as the value, and Math.round finds it despite the multiplication's rounding
                if (x >= 0x1p50 || Math.ulp(value) * p > 0.25) {
                    break;
                }
                var m = Math.round(x);
                if (m / p == value) {
                    return m * POW10[9 - k];
                }
            }
        }
        // second fast path, same result, for values with binary noise (1234.5600000000002): the exact binary value
        // times 10^9 (product and its rounding error via fma) rounds like the shortest decimal when it is farther
        // from the half-way point than the value's own rounding interval (the shortest decimal lies inside it)
        if (value >= 0 && value < 4e6) {
            var x = value * 1e9;
            var err = Math.fma(value, 1e9, -x);
            var floor = Math.floor(x);
            var frac = x - floor;
            var margin = Math.ulp(value) * 1e9 + Math.ulp(x);
            var distance = (frac - 0.5) + err;
            if (Math.abs(distance) > margin) {
                return (long) floor + (distance > 0 ? 1 : 0);
            }
        }
        return of(ShortestDecimal.of(value));
    }

    private static final long[] POW10 = { 1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L };

    /** A decimal amount in nano-units, rounded HALF_EVEN to 9 decimals. */
    public static long of(BigDecimal value) {
        try {
            return value.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + value.toPlainString() + " is beyond the range of nano-units"
                    + " (about ±9.2e9 units)");
        }
    }

    /** Exactly, for amounts that must not be rounded (an operator's correction): at most 9 decimals. */
    public static long exact(BigDecimal value) {
        try {
            return value.movePointRight(9).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + value.toPlainString() + " must have at most 9 decimals and"
                    + " be below about 9.2e9 units");
        }
    }

    /** A nano amount as a plain decimal in the canonical unit (1500000000 → 1.5). */
    public static BigDecimal toDecimal(long nano) {
        return BigDecimal.valueOf(nano, 9).stripTrailingZeros();
    }
}
