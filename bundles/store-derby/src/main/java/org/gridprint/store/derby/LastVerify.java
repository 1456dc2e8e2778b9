package org.gridprint.store.derby;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;

/**
 * The outcome of the last verify run in this process (for {@code status()}): when, whether intact, and the head it
 * reached. Kept in memory; the persistent form is the verify checkpoint ({@code verify-checkpoint} beside the
 * database), which {@link StoreStatusReader} reads after a restart.
 */
final class LastVerify {

    record Outcome(Instant at, boolean intact, Optional<LedgerEntry> head) {
    }

    private volatile Outcome last;

    void record(VerificationReport report, Instant at) {
        if (report instanceof VerificationReport.Intact intact) {
            last = new Outcome(at, true, intact.head());
        } else {
            last = new Outcome(at, false, Optional.empty());
        }
    }

    Optional<Outcome> last() {
        return Optional.ofNullable(last);
    }
}
