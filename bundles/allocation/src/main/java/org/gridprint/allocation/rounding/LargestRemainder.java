package org.gridprint.allocation.rounding;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Largest-remainder (Hamilton) rounding, the one rule every allocation in Gridprint uses so that shares add up to
 * the whole exactly.
 * <ul>
 * <li>{@link #split(long, long[])}: a whole in integer units split in proportion to non-negative weights. Each part
 * gets the floor of its exact share; the units left over go one each to the parts with the largest remainders;
 * equal remainders go to the lower index first (callers order parts by target name so the tie rule is stable).</li>
 * <li>{@link #round(long[], long)}: exact parts (e.g. nano-kWh) rounded to a coarser unit (e.g. Wh = 10^6 nano-kWh)
 * so that the rounded parts add up to the rounded whole (half-up at the whole), by the same remainder rule.</li>
 * </ul>
 * Weights and wholes are integers; arithmetic is exact (BigInteger where a product could overflow).
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /**
     * Splits {@code whole} (>= 0) in proportion to {@code weights} (each >= 0). All-zero weights split nothing: the
     * result is all zero and the caller must keep the whole as unallocated.
     *
     * @throws IllegalArgumentException a negative whole or weight, naming its index
     */
    public static long[] split(long whole, long[] weights) {
        if (whole < 0) {
            throw new IllegalArgumentException("the whole to split must be >= 0, was " + whole);
        }
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weight " + i + " must be >= 0, was " + weights[i]);
            }
            sum = sum.add(BigInteger.valueOf(weights[i]));
        }
        long[] parts = new long[weights.length];
        if (sum.signum() == 0 || whole == 0) {
            return parts;
        }
        BigInteger w = BigInteger.valueOf(whole);
        BigInteger[] remainders = new BigInteger[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = w.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += parts[i];
        }
        distribute(parts, remainders, whole - given);
        return parts;
    }

    /**
     * Rounds exact {@code parts} (each >= 0) to multiples of {@code unit}, returned in that unit, so that they add up
     * to the rounded sum (half-up) of the parts.
     */
    public static long[] round(long[] parts, long unit) {
        if (unit <= 0) {
            throw new IllegalArgumentException("unit must be > 0, was " + unit);
        }
        long total = 0;
        long[] out = new long[parts.length];
        BigInteger[] remainders = new BigInteger[parts.length];
        long given = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] < 0) {
                throw new IllegalArgumentException("part " + i + " must be >= 0, was " + parts[i]);
            }
            total = Math.addExact(total, parts[i]);
            out[i] = parts[i] / unit;
            remainders[i] = BigInteger.valueOf(parts[i] % unit);
            given += out[i];
        }
        long wholeUnits = total / unit + ((total % unit) * 2 >= unit ? 1 : 0);
        distribute(out, remainders, wholeUnits - given);
        return out;
    }

    /** Gives {@code left} (0 <= left <= parts) extra units to the largest remainders, lower index first on ties. */
    private static void distribute(long[] parts, BigInteger[] remainders, long left) {
        if (left <= 0) {
            return;
        }
        Integer[] order = new Integer[parts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> {
            int c = remainders[b].compareTo(remainders[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; k < left; k++) {
            parts[order[k]]++;
        }
    }
}
