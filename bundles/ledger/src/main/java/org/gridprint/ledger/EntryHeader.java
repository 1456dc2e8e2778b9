package org.gridprint.ledger;

import java.util.Objects;

/**
 * The header of a ledger entry, hashed before its lines.
 *
 * @param entryId           1, 2, 3 … without gaps across kinds
 * @param kind              what the entry records
 * @param committedAtMillis commit time, epoch milliseconds UTC
 * @param source            who submitted it (the batch source; for derived entries the computing component)
 * @param itemCount         the number of lines of the entry
 * @param basisEntryId      for EMISSIONS and ROLLUP the newest READINGS entry the records were computed from; 0 for
 *                          READINGS
 */
public record EntryHeader(long entryId, EntryKind kind, long committedAtMillis, String source, int itemCount,
        long basisEntryId) {

    public EntryHeader {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (entryId < 1) {
            throw new IllegalArgumentException("entry id must be >= 1, was " + entryId);
        }
        if (itemCount < 0) {
            throw new IllegalArgumentException("item count of entry " + entryId + " must be >= 0, was " + itemCount);
        }
        if (basisEntryId < 0 || basisEntryId >= entryId) {
            throw new IllegalArgumentException("basis of entry " + entryId + " must be 0 or an earlier entry, was "
                    + basisEntryId);
        }
    }

    /** The header line that is hashed: tab-separated, LF-terminated. */
    public String line() {
        return LedgerFormat.MAGIC + "\t" + LedgerFormat.VERSION + "\t" + entryId + "\t" + kind + "\t"
                + committedAtMillis + "\t" + Escape.escape(source) + "\t" + itemCount + "\t" + basisEntryId + "\n";
    }
}
