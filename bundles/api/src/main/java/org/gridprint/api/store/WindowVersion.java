package org.gridprint.api.store;

import java.time.Instant;

import org.gridprint.api.carbon.EmissionWindow;

/**
 * One stored version of a window: why it was written and when (version 1's reason is {@code computed}).
 *
 * @since 1.2.0
 */
public record WindowVersion(EmissionWindow window, String reason, Instant recordedAt) {
}
