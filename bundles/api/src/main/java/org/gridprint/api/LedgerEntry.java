package org.gridprint.api;

import java.time.Instant;

/**
 * One committed batch in the hash-chained ledger.
 *
 * @param batchId      sequence number, starting at 1
 * @param committedAt  commit time
 * @param readingCount readings stored by this batch
 * @param previousHash hex SHA-256 of the previous entry ("0" x 64 for the first)
 * @param hash         hex SHA-256 of the canonical batch and the previous hash
 */
public record LedgerEntry(long batchId, Instant committedAt, int readingCount, String previousHash, String hash) {
}
