package org.gridprint.shell.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as the allocation commands show them. */
final class AllocationText {

    private AllocationText() {
    }

    /** nano-kWh as kWh with 3 decimals. */
    static String kwh(long nano) {
        return BigDecimal.valueOf(nano).movePointLeft(9).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** µg as kg with 3 decimals. */
    static String kg(long micrograms) {
        return BigDecimal.valueOf(micrograms).movePointLeft(9).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** part of whole in percent, 1 decimal; "-" when the whole is 0. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "-";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).toPlainString();
    }
}
