package org.gridprint.api.store;

import java.time.Instant;

import org.gridprint.api.Reading;

/** A reading that conflicted with a stored one, kept with its reason and the stored value. */
public record QuarantinedReading(long id, Reading reading, double storedValue, String reason, Instant receivedAt) {
}
