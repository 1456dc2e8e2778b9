package org.gridprint.core;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.gridprint.api.IngestStatistics;

/**
 * The totals behind {@code IngestService.statistics()}. Thread-safe without locks: every change replaces one
 * immutable snapshot, so a reader sees the counters of one moment (never a batch counted in one and not yet in
 * another counter it changed at the same step).
 */
final class IngestTotals {

    private final AtomicReference<IngestStatistics> current = new AtomicReference<>(IngestStatistics.none());

    /** A batch was submitted at {@code at}; the last batch time never goes back (concurrent submitters). */
    void batchSubmitted(Instant at) {
        current.updateAndGet(s -> new IngestStatistics(s.batches() + 1, s.accepted(), s.duplicates(), s.conflicts(),
                s.invalid(), s.storeFailures(), Optional.of(s.lastBatchAt().filter(t -> t.isAfter(at)).orElse(at))));
    }

    void storeFailed() {
        current.updateAndGet(s -> new IngestStatistics(s.batches(), s.accepted(), s.duplicates(), s.conflicts(),
                s.invalid(), s.storeFailures() + 1, s.lastBatchAt()));
    }

    /** Adds the outcomes of one batch. */
    void outcomes(long accepted, long duplicates, long conflicts, long invalid) {
        current.updateAndGet(s -> new IngestStatistics(s.batches(), s.accepted() + accepted,
                s.duplicates() + duplicates, s.conflicts() + conflicts, s.invalid() + invalid, s.storeFailures(),
                s.lastBatchAt()));
    }

    IngestStatistics snapshot() {
        return current.get();
    }
}
