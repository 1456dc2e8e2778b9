package org.gridprint.carbon;

import java.time.Instant;
import java.util.Optional;

/** What one calculation of one meter did. */
public sealed interface MeterRun {

    String meterId();

    /**
     * Intervals were computed up to the newest reading (or up to where a factor was missing, then
     * {@code incomplete} says why).
     *
     * @param intervals intervals computed in this run
     * @param stored    of which newly stored (the store is idempotent)
     * @param from      start of the first computed interval, empty if none
     * @param to        end of the last computed interval, empty if none
     * @param resets    intervals flagged COUNTER_RESET or ROLLOVER
     */
    record Computed(String meterId, int intervals, int stored, Optional<Instant> from, Optional<Instant> to,
            int resets, Optional<String> incomplete) implements MeterRun {
    }

    /** Nothing was computed, for a reason that is not an error of this bundle (no factor, unknown meter, no readings). */
    record Skipped(String meterId, String reason) implements MeterRun {
    }

    /** An exception; logged with the meter id, the next run tries again. */
    record Failed(String meterId, String error) implements MeterRun {
    }
}
