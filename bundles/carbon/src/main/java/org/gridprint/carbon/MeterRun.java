package org.gridprint.carbon;

import java.time.Instant;
import java.util.Optional;

/** What one computation of one meter did. */
public sealed interface MeterRun {

    String meterId();

    /**
     * Windows were computed up to the newest closed window (or up to where a factor or a generation meter's
     * readings were missing, then {@code incomplete} says why).
     *
     * @param windows   primary windows computed (LOCATION_BASED or DIRECT), before the store's comparison
     * @param added     windows of every scope/method newly stored
     * @param revised   windows stored as a new version
     * @param unchanged windows computed with the same content as stored
     * @param from      start of the first added or revised window, empty if none
     * @param to        end of the last added or revised window, empty if none
     * @param resets    intervals flagged COUNTER_RESET or ROLLOVER
     */
    record Computed(String meterId, long windows, long added, long revised, long unchanged, Optional<Instant> from,
            Optional<Instant> to, int resets, Optional<String> incomplete) implements MeterRun {

        static Computed nothing(String meterId) {
            return new Computed(meterId, 0, 0, 0, 0, Optional.empty(), Optional.empty(), 0, Optional.empty());
        }

        /** Windows added or revised. */
        public long stored() {
            return added + revised;
        }
    }

    /** Nothing was computed, for a reason that is not an error of this bundle (no site, unknown meter, no readings). */
    record Skipped(String meterId, String reason) implements MeterRun {
    }

    /** An exception; logged with the meter id, the next run tries again. */
    record Failed(String meterId, String error) implements MeterRun {
    }
}
