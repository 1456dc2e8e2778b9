package org.gridprint.ledger;

import java.time.Instant;

/**
 * One line of the head log: the ledger entry {@code entryId} had hash {@code hash} when it was written.
 *
 * @param lineNumber 1-based line of the head log
 */
public record Anchor(long lineNumber, long entryId, String hash, long writtenAtMillis) {

    /** The line as written: {@code <entryId> <hash> <epoch millis written>} and LF. */
    public String line() {
        return entryId + " " + hash + " " + writtenAtMillis + "\n";
    }

    @Override
    public String toString() {
        return "entry " + entryId + " (hash " + hash + ") at " + Instant.ofEpochMilli(writtenAtMillis);
    }
}
