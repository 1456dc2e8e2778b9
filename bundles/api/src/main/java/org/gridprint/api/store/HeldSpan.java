package org.gridprint.api.store;

import java.time.Instant;

/**
 * The timestamps of the oldest and newest stored reading.
 *
 * @since 1.1.0
 */
public record HeldSpan(Instant first, Instant last) {
}
