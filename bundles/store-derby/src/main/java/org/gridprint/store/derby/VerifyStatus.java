package org.gridprint.store.derby;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * What {@code StoreAdmin.status()} reports about verify: the checkpoint (the last verified entry, where an
 * incremental verify starts), and when the last verify of this store instance ran and whether it found the ledger
 * intact.
 */
public record VerifyStatus(Optional<LedgerEntry> checkpoint, Optional<Instant> lastVerify,
        Optional<Boolean> lastVerifyIntact) {
}
