package org.gridprint.api.store;

import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/** What {@link LedgerService#verify()} found. */
public sealed interface VerificationReport {

    long batchesChecked();

    long readingsChecked();

    /** Every batch recomputes to its stored hash and every hash chains to the previous one. */
    record Intact(long batchesChecked, long readingsChecked, Optional<LedgerEntry> head) implements VerificationReport {
    }

    /**
     * The first batch (and, where it can be told, the first row) that no longer matches.
     *
     * @param batchId the first batch that fails
     * @param row     what no longer matches: a reading's key and values, or the chain link
     * @param reason  in words, e.g. "stored hash 3fa… but rows recompute to 9c1…"
     */
    record Broken(long batchesChecked, long readingsChecked, long batchId, Optional<String> row, String reason)
            implements VerificationReport {
    }
}
