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
        return of(ShortestDecimal.of(value));
    }

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
