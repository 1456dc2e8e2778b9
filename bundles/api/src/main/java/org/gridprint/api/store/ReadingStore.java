package org.gridprint.api.store;

import org.osgi.annotation.versioning.ProviderType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * The reading ledger. Writes are idempotent on (meter, quantity, timestamp): the same value again is a
 * duplicate, a different value a conflict that is quarantined, never an overwrite. Every committed batch is
 * appended to the hash-chained ledger in the same durable transaction.
 * Called by the ingest service only; drivers never call it.
 */
@ProviderType
public interface ReadingStore {

    /**
     * Stores a batch of already validated readings in one durable transaction.
     *
     * @return an outcome per reading (Accepted, Duplicate or Conflict), in the order given, and the
     *         ledger entry when at least one reading was accepted
     */
    StoreResult append(String source, List<Reading> readings);

    /** Records or updates a meter's metadata (for queries, exports and SQL users). */
    void registerMeter(Meter meter);

    /** Readings of one series with {@code from <= timestamp < to}, in time order. */
    List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to);

    /** The latest reading of a series strictly before {@code before}. */
    Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before);

    /** The latest reading of a series. */
    Optional<Reading> latest(String meterId, Quantity quantity);

    /** Quarantined conflicts, newest first, at most {@code limit}. */
    List<QuarantinedReading> quarantine(int limit);

    /** Number of stored readings. */
    long readingCount();

    /**
     * Streams the readings of one series with {@code from <= timestamp < to} to {@code sink} in time order, in
     * memory bounded independently of the number of readings, until the sink returns false. Runs on a reader
     * connection or snapshot: it never holds up appends, and interrupting the calling thread ends the scan with an
     * exception without harming the store. The default delegates to {@link #readings}.
     *
     * @return the number of readings passed to the sink
     * @since 1.1.0
     */
    default long scan(String meterId, Quantity quantity, Instant from, Instant to, ReadingSink sink) {
        long n = 0;
        for (var r : readings(meterId, quantity, from, to)) {
            n++;
            if (!sink.accept(r)) {
                break;
            }
        }
        return n;
    }

    /**
     * The timestamps of the oldest and newest stored reading of any series, empty when none is stored.
     *
     * @since 1.1.0
     */
    default Optional<HeldSpan> heldSpan() {
        return Optional.empty();
    }

    /** The result of {@link #append}. */
    record StoreResult(List<IngestOutcome> outcomes, Optional<LedgerEntry> ledgerEntry) {
        public StoreResult {
            outcomes = List.copyOf(outcomes);
        }
    }
}
