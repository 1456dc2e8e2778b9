package org.gridprint.api;

/** How far a value can be trusted. Ordered from best to worst. */
public enum Quality {
    /** Read from the device, within range. */
    GOOD,
    /** Computed or filled in (interpolated, integrated from power, corrected by an operator). */
    ESTIMATED,
    /** Read, but doubtful (out of the meter's range, after a reset, from a device in error). */
    SUSPECT,
    /** Known to be wrong; kept for the audit trail, never used in totals. */
    BAD;

    /** The worse of two qualities. */
    public Quality worst(Quality other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
