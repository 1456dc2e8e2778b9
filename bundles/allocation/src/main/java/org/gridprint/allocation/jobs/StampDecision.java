package org.gridprint.allocation.jobs;

import org.gridprint.api.allocation.Job;

/** What one stamp does to its job's record. */
sealed interface StampDecision {

    /** Write the job as the next version (expected current version {@code expectedVersion}, 0: new). */
    record Store(Job job, String startSource, String stopSource, int expectedVersion) implements StampDecision {
    }

    /** The job already says this: nothing to store. */
    record Duplicate() implements StampDecision {
    }

    /** Refused: the field and what was wrong and expected. */
    record Refused(String field, String reason) implements StampDecision {
    }
}
