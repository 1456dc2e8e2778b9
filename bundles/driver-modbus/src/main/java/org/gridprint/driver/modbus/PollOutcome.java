package org.gridprint.driver.modbus;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.Reading;

/** What one poll cycle did. */
public sealed interface PollOutcome {

    /** Nothing was read: bad configuration, disabled, or no IngestService to hand readings to. */
    record Skipped(String reason) implements PollOutcome {
    }

    /**
     * The cycle ran. {@code readings} were handed to the IngestService (empty if every request failed);
     * {@code failures} describes each failed read request (empty if the device answered everything).
     */
    record Polled(Instant timestamp, List<Reading> readings, List<String> failures) implements PollOutcome {
        public Polled {
            readings = List.copyOf(readings);
            failures = List.copyOf(failures);
        }

        public boolean complete() {
            return failures.isEmpty();
        }
    }
}
