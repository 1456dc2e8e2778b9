package org.gridprint.api;

/** What happened to one submitted reading. */
public sealed interface IngestOutcome {

    Reading reading();

    /** Stored for the first time. */
    record Accepted(Reading reading) implements IngestOutcome {
    }

    /** The same value was already stored under this key: counted, not stored again. */
    record Duplicate(Reading reading) implements IngestOutcome {
    }

    /**
     * A different value is already stored under this key: the new one is quarantined with the reason and
     * an alarm is raised; the stored one is never overwritten.
     */
    record Conflict(Reading reading, double storedValue, String reason) implements IngestOutcome {
    }

    /** Rejected before storage (NaN, future timestamp, unknown meter, ...): the reason says why. */
    record Invalid(Reading reading, String reason) implements IngestOutcome {
    }
}
