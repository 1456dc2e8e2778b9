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
     * A meter's counter implies more power than its configured maximum: the windows it touches are SUSPECT_SPIKE
     * and excluded from totals until an operator accepts or corrects them. Raised once per meter when it starts,
     * cleared when the meter's intervals are plausible again.
     *
     * @since 1.3.0
     */
    SUSPECT_INTERVAL,
    /**
     * A grid-intensity provider cannot be reached or answers errors (timeouts, 429, 5xx): backed off; raised once
     * per provider, cleared when it answers again.
     *
     * @since 1.3.0
     */
    PROVIDER_UNAVAILABLE,
    /**
     * A parent meter's energy differs from the sum of its submeters (or a utility bill from its site's meters) by
     * more than the configured threshold; a negative remainder (submeters above the main) counts too. Raised once per
     * parent, cleared when its windows are within the threshold again.
     *
     * @since 1.4.0
     */
    UNMETERED_ENERGY,
    /**
     * An edge's outbox reached its capacity: its stated policy applies (new readings refused or the oldest dropped,
     * counted). Raised once, cleared when the outbox is below capacity again.
     *
     * @since 1.4.0
     */
    OUTBOX_FULL,
    /**
     * An edge cannot forward to its central instance (broker or central unreachable, acknowledgements not coming);
     * readings wait in the outbox. Raised once, cleared when acknowledgements flow again.
     *
     * @since 1.4.0
     */
    FORWARD_UNAVAILABLE
}
