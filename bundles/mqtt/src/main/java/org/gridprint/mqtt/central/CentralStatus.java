package org.gridprint.mqtt.central;

import java.time.Instant;
import java.util.Optional;

/** Counts of the central receiver since it started. */
public record CentralStatus(String serverUri, boolean connected, long connects, long batches, long readingsAccepted,
        long duplicates, long refused, long acks, long badMessages, Optional<Instant> lastBatch, String lastError) {
}
