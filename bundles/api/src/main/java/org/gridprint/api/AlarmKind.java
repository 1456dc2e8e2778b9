package org.gridprint.api;

/** Kinds of alarm, the last segment of {@code gridprint/alarms/<KIND>}. */
public enum AlarmKind {
    /** A different value arrived for a key that is already stored; the new value was quarantined. */
    CONFLICT,
    /** Readings were rejected as invalid. */
    INVALID_READING,
    /** A device could not be read (timeout, Modbus exception, connection refused). */
    DEVICE_ERROR,
    /** A configuration could not be used; the message names PID, field and what is expected. */
    CONFIG_ERROR,
    /** A cumulative counter went down (reset or rollover). */
    COUNTER_RESET,
    /** A value that should not be negative was (a CT clamped backwards). */
    NEGATIVE_VALUE,
    /** A meter has not reported for longer than expected. */
    STALE,
    /** The ledger no longer matches the stored rows. */
    LEDGER_BROKEN,
    /**
     * The store cannot write (disk full, I/O error, server unreachable): batches are refused and stay with the
     * drivers until it is back. Raised once when it starts, cleared once when it is back.
     *
     * @since 1.3.0
     */
    STORE_UNAVAILABLE,
    /**
     * An interval's implied power exceeds the meter's limit: its windows are SUSPECT and excluded from totals until
     * accepted or corrected. Raised once per meter condition, cleared when it ends.
     */
    SUSPECT_INTERVAL,
    /**
     * A grid-intensity provider cannot be reached or answers errors (timeout, 429, 5xx, refused login, malformed
     * answer): polls are backed off. Raised once per provider, cleared at its next success.
     */
    PROVIDER_UNAVAILABLE
}
