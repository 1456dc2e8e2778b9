package org.gridprint.allocation.datacenter;

import java.math.BigDecimal;
import java.util.Optional;

/** Decimal text of the statement's integer amounts (no floating point). */
final class Amounts {

    private Amounts() {
    }

    /** Wh → kWh with 3 decimals; g → kg with 3 decimals. */
    static String milli(long units) {
        return BigDecimal.valueOf(units, 3).toPlainString();
    }

    /** nano-kWh → kWh with 9 decimals; µg → kg with 9 decimals. */
    static String nano(long units) {
        return BigDecimal.valueOf(units, 9).toPlainString();
    }

    static String pue(Optional<BigDecimal> pue) {
        return pue.map(BigDecimal::toPlainString).orElse("-");
    }
}
