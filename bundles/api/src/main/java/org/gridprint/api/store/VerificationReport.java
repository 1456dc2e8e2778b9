package org.gridprint.api.store;

import java.util.List;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/** What {@link LedgerService#verify(VerifyScope)} found. */
public sealed interface VerificationReport {

    /** Most findings a report lists; {@link Broken#findingCount()} counts them all. */
    int MAX_FINDINGS = 100;

    long batchesChecked();

    long readingsChecked();

    /**
     * One thing that no longer matches.
     *
     * @param batchId the ledger entry (batch) concerned, 0 when none can be told
     * @param row     what no longer matches, e.g. a reading's key and stored value, a block or WAL row, the chain link
     * @param reason  in words, e.g. "stored hash 3fa… but rows recompute to 9c1…"
     * @since 1.1.0
     */
    record Finding(long batchId, Optional<String> row, String reason) {
        public Finding {
            row = row == null ? Optional.empty() : row;
        }
    }

    /**
     * Every entry checked recomputes to its stored hash and chains to the previous one, and the anchored head agrees.
     *
     * @param fromBatch the first batch checked: 1 for a full verify, the checkpoint's successor for an incremental one
     *                  (the checkpoint itself is re-checked as a link)
     * @since 1.1.0 {@code fromBatch}
     */
    record Intact(long batchesChecked, long readingsChecked, Optional<LedgerEntry> head, long fromBatch)
            implements VerificationReport {

        /** A full verify's result. */
        public Intact(long batchesChecked, long readingsChecked, Optional<LedgerEntry> head) {
            this(batchesChecked, readingsChecked, head, 1);
        }
    }

    /**
     * What no longer matches: every finding up to {@link #MAX_FINDINGS}, in batch order, and how many there were.
     *
     * @param findings     the first findings (at least one)
     * @param findingCount all findings, also those not listed
     * @since 1.1.0 {@code findings}, {@code findingCount}
     */
    record Broken(long batchesChecked, long readingsChecked, List<Finding> findings, long findingCount)
            implements VerificationReport {

        public Broken {
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("a broken ledger report needs at least one finding");
            }
            findings = List.copyOf(findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings);
            findingCount = Math.max(findingCount, findings.size());
        }

        /** One finding (the 1.0 shape). */
        public Broken(long batchesChecked, long readingsChecked, long batchId, Optional<String> row, String reason) {
            this(batchesChecked, readingsChecked, List.of(new Finding(batchId, row, reason)), 1);
        }

        /** The first broken batch. */
        public long batchId() {
            return findings.get(0).batchId();
        }

        /** The first finding's row. */
        public Optional<String> row() {
            return findings.get(0).row();
        }

        /** The first finding's reason. */
        public String reason() {
            return findings.get(0).reason();
        }
    }
}
