package org.gridprint.shell.allocation;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Table cells of exact amounts (nano-kWh, µg) shown to three decimals (Wh, mg) so that the rows add up to the total
 * row as printed: each row gets its floor, the units left over go to the largest remainders (the lower row first on
 * ties), the total is the exact sum rounded half-up. The same rule the allocation bundle uses for shares.
 */
final class WhRows {

    private static final long UNIT = 1_000_000L; // nano-kWh per Wh, µg per mg

    private WhRows() {
    }

    /** The rows in thousandths (Wh of kWh, mg of kg... of the displayed unit), adding up to the rounded total. */
    static long[] round(long[] exact) {
        long total = 0;
        long[] out = new long[exact.length];
        long[] rem = new long[exact.length];
        long given = 0;
        for (int i = 0; i < exact.length; i++) {
            total += exact[i];
            out[i] = Math.floorDiv(exact[i], UNIT);
            rem[i] = Math.floorMod(exact[i], UNIT);
            given += out[i];
        }
        long whole = roundTotal(total);
        Integer[] order = new Integer[exact.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : Integer.compare(a, b));
        for (int k = 0; k < whole - given && k < order.length; k++) {
            out[order[k]]++;
        }
        return out;
    }

    static long roundTotal(long exact) {
        return Math.floorDiv(exact, UNIT) + (Math.floorMod(exact, UNIT) * 2 >= UNIT ? 1 : 0);
    }

    /** Thousandths as a decimal with 3 places: {@code 1833} → {@code 1.833}. */
    static String cell(long thousandths) {
        return BigDecimal.valueOf(thousandths, 3).toPlainString();
    }
}
