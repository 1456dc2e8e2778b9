package org.gridprint.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One measured value. The idempotency key is (meterId, quantity, timestamp); the timestamp is kept
 * at millisecond precision (finer parts are truncated here, so the key is stable across stores).
 *
 * @param meterId   the operator's stable meter id, e.g. {@code hq/b1/panel-3/ahu-2}
 * @param quantity  what is measured
 * @param timestamp when it was measured (UTC instant)
 * @param value     in the quantity's canonical unit
 * @param quality   how far it can be trusted
 * @param source    the driver instance that produced it, e.g. {@code modbus/panel-3}
 */
public record Reading(String meterId, Quantity quantity, Instant timestamp, double value, Quality quality,
        String source) {

    public Reading {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(source, "source");
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Reading good(String meterId, Quantity quantity, Instant timestamp, double value, String source) {
        return new Reading(meterId, quantity, timestamp, value, Quality.GOOD, source);
    }

    /** The idempotency key of this reading. */
    public ReadingKey key() {
        return new ReadingKey(meterId, quantity, timestamp.toEpochMilli());
    }
}
