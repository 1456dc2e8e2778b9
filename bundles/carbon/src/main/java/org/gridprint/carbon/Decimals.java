package org.gridprint.carbon;

import java.math.BigDecimal;

import org.gridprint.api.carbon.ShortestDecimal;

/**
 * Decimal views of doubles for the arithmetic whose results auditors recompute from printed numbers. The CSV
 * exporter prints doubles with the same rule, so Gridprint's decimal arithmetic and the printed operands agree,
 * and the result does not depend on the Java version ({@code Double.toString} changed in Java 19).
 */
final class Decimals {

    private Decimals() {
    }

    /** The decimal with the fewest significant digits (at most 17) that reads back as exactly {@code value}. */
    static BigDecimal shortest(double value) {
        return ShortestDecimal.of(value);
    }

    static double subtract(double a, double b) {
        return shortest(a).subtract(shortest(b)).doubleValue();
    }

    static double multiply(double a, double b) {
        return shortest(a).multiply(shortest(b)).doubleValue();
    }
}
