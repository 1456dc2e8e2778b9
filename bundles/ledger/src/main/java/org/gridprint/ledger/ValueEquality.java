package org.gridprint.ledger;

/**
 * When a received value is the same as a stored one (a duplicate) rather than a different one (a conflict):
 * numerically equal, so 0.0 and -0.0 are the same, and NaN is the same as NaN (whatever its bits).
 */
public final class ValueEquality {

    private ValueEquality() {
    }

    public static boolean same(double stored, double received) {
        return stored == received || (Double.isNaN(stored) && Double.isNaN(received));
    }
}
