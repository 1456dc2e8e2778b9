package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueEqualityTest {

    @Test
    void zeroAndNegativeZeroAreTheSame() {
        assertTrue(ValueEquality.same(0.0, -0.0));
        assertTrue(ValueEquality.same(-0.0, 0.0));
    }

    @Test
    void nanIsTheSameAsNanWhateverItsBits() {
        double otherNan = Double.longBitsToDouble(0x7ff8000000000001L);
        assertTrue(ValueEquality.same(Double.NaN, Double.NaN));
        assertTrue(ValueEquality.same(Double.NaN, otherNan));
        assertFalse(ValueEquality.same(Double.NaN, 0.0));
        assertFalse(ValueEquality.same(1.0, Double.NaN));
    }

    @Test
    void differentNumbersDiffer() {
        assertFalse(ValueEquality.same(1.0, Math.nextUp(1.0)));
        assertFalse(ValueEquality.same(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertTrue(ValueEquality.same(12345.678, 12345.678));
    }
}
