package org.gridprint.carbon.intensity;

import java.time.Duration;
import java.util.Optional;

/**
 * One poll's outcome: values fetched, values new to the store, the error (no secret in it) and the delay to the
 * next poll (the poll period, or the back-off after a failure).
 */
public record PollResult(int fetched, int stored, Optional<String> error, Duration nextDelay) {
}
