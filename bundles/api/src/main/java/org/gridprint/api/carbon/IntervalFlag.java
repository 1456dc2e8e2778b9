package org.gridprint.api.carbon;

/** Why an energy interval is not a plain difference of two good counter readings. */
public enum IntervalFlag {
    /** The counter wrapped past its maximum: energy = (max - start) + end. */
    ROLLOVER,
    /** The counter went down without a known rollover: treated as a reset to zero; energy = end. */
    COUNTER_RESET,
    /** Integrated from power because no counter was available. */
    FROM_POWER,
    /** One of the readings was not GOOD. */
    DEGRADED_INPUT
}
