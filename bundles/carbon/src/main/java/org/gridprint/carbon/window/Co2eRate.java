package org.gridprint.carbon.window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A factor in g CO2e per canonical unit, prepared to price nano-unit amounts exactly and fast:
 * {@code µg = amountNano × gramsPerUnit / 1000}, rounded HALF_EVEN once (nano-unit × g/unit = 10^-9 g = 10^-3 µg).
 * The result equals {@code new BigDecimal(amountNano).multiply(gramsPerUnit).movePointLeft(3).setScale(0, HALF_EVEN)}
 * for every input; the common case runs in long arithmetic (an estimate in double corrected by the exact remainder
 * computed modulo 2^64), anything beyond it in BigDecimal. Immutable, thread-safe.
 */
public final class Co2eRate {

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (var i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final BigDecimal gramsPerUnit;
    private final long unscaled;
    /** Divisor exponent: scale + 3. */
    private final int k;
    private final long divisor;
    private final boolean fast;

    public Co2eRate(BigDecimal gramsPerUnit) {
        Objects.requireNonNull(gramsPerUnit, "gramsPerUnit");
        if (gramsPerUnit.signum() < 0) {
            throw new IllegalArgumentException("a CO2e factor must be >= 0, was " + gramsPerUnit.toPlainString());
        }
        this.gramsPerUnit = gramsPerUnit;
        var stripped = gramsPerUnit.signum() == 0 ? BigDecimal.ZERO : gramsPerUnit.stripTrailingZeros();
        var kk = stripped.scale() + 3;
        var small = stripped.precision() <= 18 && kk >= 1 && kk <= 15;
        this.fast = small;
        this.unscaled = small ? stripped.unscaledValue().longValueExact() : 0;
        this.k = kk;
        this.divisor = small ? POW10[kk] : 0;
    }

    public BigDecimal gramsPerUnit() {
        return gramsPerUnit;
    }

    /** CO2e in micrograms of {@code amountNano} nano-units. */
    public long micrograms(long amountNano) {
        if (amountNano < 0) {
            throw new IllegalArgumentException("amount must be >= 0, was " + amountNano);
        }
        if (fast) {
            final double estimate = (double) amountNano * (double) unscaled / (double) divisor;
            if (estimate < 1e17) {
                long q = (long) estimate;
                long r = amountNano * unscaled - q * divisor; // exact: |true remainder| < 2^63
                q += Math.floorDiv(r, divisor);
                r = Math.floorMod(r, divisor);
                final long twice = r * 2;
                if (twice > divisor || (twice == divisor && (q & 1) == 1)) {
                    q++;
                }
                return q;
            }
        }
        return slow(amountNano);
    }

    long slow(long amountNano) {
        try {
            return BigDecimal.valueOf(amountNano).multiply(gramsPerUnit).movePointLeft(3)
                    .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("CO2e of " + Nano.toDecimal(amountNano).toPlainString() + " units at "
                    + gramsPerUnit.toPlainString() + " g/unit is beyond the range of a window (about 9,200 t)");
        }
    }

    @Override
    public String toString() {
        return gramsPerUnit.toPlainString() + " g/unit (k=" + k + ")";
    }
}
