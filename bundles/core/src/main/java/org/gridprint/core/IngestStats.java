package org.gridprint.core;

/**
 * Totals since the ingest service started (readings unless named otherwise).
 *
 * @param batches       submitted batches (including those that failed in the store)
 * @param storeFailures batches whose store append threw (nothing of them was stored)
 */
public record IngestStats(long batches, long accepted, long duplicates, long conflicts, long invalid,
        long storeFailures) {
}
