package org.gridprint.driver.bacnet;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.Reading;

/** What one poll cycle did. */
public sealed interface CycleOutcome {

    /** Polled: the readings submitted (or kept) and the failures, in the operator's words. */
    record Polled(Instant slot, List<Reading> readings, List<String> failures, int requests) implements CycleOutcome {
        public Polled {
            readings = List.copyOf(readings);
            failures = List.copyOf(failures);
        }
    }

    /** Not polled (configuration error, disabled, no IngestService, stopped). */
    record Skipped(String reason) implements CycleOutcome {
    }
}
