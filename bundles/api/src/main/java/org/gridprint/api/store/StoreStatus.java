package org.gridprint.api.store;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * What an operator needs to know about the store ({@code gridprint:store}).
 *
 * @param backend        e.g. "Apache Derby 10.16 (embedded)", "PostgreSQL 15.18"
 * @param location       where the data lives: a directory, or a JDBC URL without credentials
 * @param available      false while the store cannot write (e.g. disk full); appends are refused then
 * @param lastError      the condition that made it unavailable, or the last one that cleared
 * @param bytesOnDisk    size of the store on disk, -1 when not known (a server)
 * @param readings       stored readings
 * @param series         stored series (meter and quantity)
 * @param walDepth       readings accepted but not yet in block rows (0 for backends without a WAL)
 * @param lastFlush      when readings last moved from the WAL to blocks
 * @param head           the ledger head
 * @param checkpoint     the last verified entry: incremental verifies start after it
 * @param lastVerify     when the ledger was last verified
 * @param lastVerifyIntact whether that verify found the ledger intact
 * @since 1.1.0
 */
public record StoreStatus(String backend, String location, boolean available, Optional<String> lastError,
        long bytesOnDisk, long readings, long series, long walDepth, Optional<Instant> lastFlush,
        Optional<LedgerEntry> head, Optional<LedgerEntry> checkpoint, Optional<Instant> lastVerify,
        Optional<Boolean> lastVerifyIntact) {
}
