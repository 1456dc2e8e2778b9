package org.gridprint.api.store;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * The hash-chained ledger of committed batches. Verifying never holds up ingest: it reads through its own
 * connection or snapshot, and an interrupted verify leaves the store working.
 */
@ProviderType
public interface LedgerService {

    /** The newest entry, empty before the first batch. */
    Optional<LedgerEntry> head();

    /** Recomputes every batch hash and the chain from the stored rows ({@link VerifyScope#FULL}). */
    VerificationReport verify();

    /**
     * Recomputes the ledger from the stored rows, from the first entry or from the last checkpoint.
     * The default runs a full verify.
     *
     * @since 1.1.0
     */
    default VerificationReport verify(VerifyScope scope) {
        return verify();
    }
}
