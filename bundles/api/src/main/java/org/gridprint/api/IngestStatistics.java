package org.gridprint.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Totals of an {@link IngestService} since it started, for operators (readings unless named otherwise).
 *
 * @param batches       submitted batches, including empty ones and those whose store append failed
 * @param accepted      readings stored for the first time
 * @param duplicates    readings whose identical value was already stored
 * @param conflicts     readings quarantined because a different value was already stored
 * @param invalid       readings rejected before storage
 * @param storeFailures batches whose store append failed (nothing of them was stored)
 * @param lastBatchAt   when the last batch was submitted (service clock), empty before the first
 */
public record IngestStatistics(long batches, long accepted, long duplicates, long conflicts, long invalid,
        long storeFailures, Optional<Instant> lastBatchAt) {

    public IngestStatistics {
        Objects.requireNonNull(lastBatchAt, "lastBatchAt");
    }

    /** All zeros, no batch yet. */
    public static IngestStatistics none() {
        return new IngestStatistics(0, 0, 0, 0, 0, 0, Optional.empty());
    }
}
