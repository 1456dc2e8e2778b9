package org.gridprint.shell.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers of {@code gridprint:allocate}: Wh as kWh and grams as kg with 3 decimals (exact), nano-kWh and µg in full. */
final class AllocateText {

    private AllocateText() {
    }

    /** Wh → kWh, 3 decimals (exact: 1 Wh = 0.001 kWh). */
    static String kWh(long wh) {
        return BigDecimal.valueOf(wh, 3).toPlainString();
    }

    /** g → kg, 3 decimals (exact). */
    static String kg(long grams) {
        return BigDecimal.valueOf(grams, 3).toPlainString();
    }

    /** nano-kWh → kWh with every digit (9 decimals). */
    static String exactKWh(long nano) {
        return BigDecimal.valueOf(nano, 9).toPlainString();
    }

    /** µg → kg with every digit (9 decimals). */
    static String exactKg(long micrograms) {
        return BigDecimal.valueOf(micrograms, 9).toPlainString();
    }

    /** A percentage of a whole, one decimal; "-" for a zero whole. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "-";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
