package org.gridprint.api;

import java.util.List;
import java.util.Optional;

/**
 * The result of one submitted batch: an outcome per submitted reading, in submission order, and the
 * ledger batch that holds the accepted ones (empty when nothing was accepted).
 */
public record IngestResult(List<IngestOutcome> outcomes, Optional<LedgerEntry> ledgerEntry) {

    public IngestResult {
        outcomes = List.copyOf(outcomes);
    }

    public long accepted() {
        return count(IngestOutcome.Accepted.class);
    }

    public long duplicates() {
        return count(IngestOutcome.Duplicate.class);
    }

    public long conflicts() {
        return count(IngestOutcome.Conflict.class);
    }

    public long invalid() {
        return count(IngestOutcome.Invalid.class);
    }

    private long count(Class<? extends IngestOutcome> kind) {
        return outcomes.stream().filter(kind::isInstance).count();
    }
}
