package org.gridprint.store.postgres;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * The writer's view of the ledger head: the newest entry, the newest READINGS entry (the basis of derived records)
 * and the number of stored readings. A value: the writer keeps the one from before a group and puts it back when
 * the group's transaction rolls back.
 */
record Head(Optional<LedgerEntry> entry, long readingsEntryId, long readings) {

    static final Head EMPTY = new Head(Optional.empty(), 0, 0);

    long nextId() {
        return entry.map(e -> e.batchId() + 1).orElse(1L);
    }

    String hash(String genesis) {
        return entry.map(LedgerEntry::hash).orElse(genesis);
    }

    Head with(LedgerEntry e, boolean readingsEntry, long moreReadings) {
        return new Head(Optional.of(e), readingsEntry ? e.batchId() : readingsEntryId, readings + moreReadings);
    }

    static LedgerEntry entry(long id, long committedAtMillis, int count, String prev, String hash) {
        return new LedgerEntry(id, Instant.ofEpochMilli(committedAtMillis), count, prev, hash);
    }
}
