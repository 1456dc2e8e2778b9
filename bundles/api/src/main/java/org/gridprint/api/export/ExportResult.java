package org.gridprint.api.export;

import java.nio.file.Path;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * A written export and its proof: the SHA-256 of the file and the ledger head it was computed from.
 */
public record ExportResult(Path file, long rows, String sha256, Optional<LedgerEntry> ledgerHead) {
}
