package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one rule by which Gridprint turns stored doubles into decimals, for arithmetic that auditors recompute
 * and for every printed number: the decimal with the fewest significant digits (at most 17) that reads back as
 * exactly the double. Lossless, and independent of the Java version ({@code Double.toString} changed in Java 19),
 * so the carbon calculator's decimal arithmetic and the exported operands agree digit for digit.
 *
 * @since 1.1.0
 */
public final class ShortestDecimal {

    private ShortestDecimal() {
    }

    /**
     * @throws IllegalArgumentException for NaN or an infinite value
     */
    public static BigDecimal of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return BigDecimal.ZERO;
        }
        var exact = new BigDecimal(value);
        for (var digits = 1; digits < 17; digits++) {
            var candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
