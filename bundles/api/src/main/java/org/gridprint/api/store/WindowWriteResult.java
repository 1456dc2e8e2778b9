package org.gridprint.api.store;

import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * What {@link EmissionWindowStore#storeWindows} did: windows new, revised (a new version, the old one kept) and
 * unchanged (same content as the current version), and the ledger entry that covers the change (none when nothing
 * changed).
 *
 * @since 1.2.0
 */
public record WindowWriteResult(int added, int revised, int unchanged, Optional<LedgerEntry> ledgerEntry) {
}
