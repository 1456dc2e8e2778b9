package org.gridprint.api;

/** The idempotency key of a reading: a reading is stored at most once per key. */
public record ReadingKey(String meterId, Quantity quantity, long epochMillis) {
}
