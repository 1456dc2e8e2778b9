package org.gridprint.api.store;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/** The hash-chained ledger of committed batches. */
@ProviderType
public interface LedgerService {

    /** The newest entry, empty before the first batch. */
    Optional<LedgerEntry> head();

    /** Recomputes every batch hash and the chain from the stored rows. */
    VerificationReport verify();
}
