package org.gridprint.api.carbon;

/** Why an energy interval is not a plain difference of two good counter readings. */
public enum IntervalFlag {
    /** The counter wrapped past its maximum: energy = (max - start) + end. */
    ROLLOVER,
    /**
     * The counter went down to near zero (at most a small share of the start value) without a known rollover:
     * treated as a reset to zero; energy = end (counted since the reset), quality at least SUSPECT.
     */
    COUNTER_RESET,
    /**
     * The counter went down, but neither to near zero (no reset) nor as a wrap at a known rollover value: a glitch,
     * jitter or a replaced meter that cannot be told apart. No energy is counted for the interval (energy 0),
     * quality at least SUSPECT; the next interval starts from the lower value.
     */
    COUNTER_DROP,
    /** Integrated from power because no counter was available. */
    FROM_POWER,
    /** One of the readings was not GOOD. */
    DEGRADED_INPUT
}
