package org.gridprint.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.ReadingKey;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.InBatch;
import org.gridprint.ledger.LedgerFormat;

/** In-memory store following the ledger contract: same value again = duplicate, other value = conflict. */
class FakeReadingStore implements ReadingStore {

    final Map<ReadingKey, Reading> rows = new HashMap<>();
    final List<List<Reading>> appendCalls = new ArrayList<>();
    final List<Meter> registered = new ArrayList<>();
    RuntimeException failWith;
    private long batchId;
    final List<QuarantinedReading> quarantined = new ArrayList<>();
    private String head = LedgerFormat.GENESIS_HASH;

    /**
     * The contract's rules (docs/ledger-spec.md) through the ledger library: {@link InBatch} for outcomes (0.0 and
     * -0.0 the same, NaN the same as NaN, conflicts quarantined with the shared reason text), one entry per batch
     * that accepted or quarantined something, hashed with {@link EntryHash} over the R and Q lines.
     */
    @Override
    public synchronized StoreResult append(String source, List<Reading> readings) {
        appendCalls.add(List.copyOf(readings));
        if (failWith != null) {
            throw failWith;
        }
        var outcomes = InBatch.classify(readings, key -> {
            var stored = rows.get(key);
            return stored == null ? OptionalDouble.empty() : OptionalDouble.of(stored.value());
        });
        var lines = new ArrayList<String>();
        int accepted = 0;
        long now = Instant.EPOCH.toEpochMilli();
        var newQuarantine = new ArrayList<QuarantinedReading>();
        for (var o : outcomes) {
            if (o instanceof IngestOutcome.Accepted a) {
                rows.put(a.reading().key(), a.reading());
                lines.add(CanonicalLines.reading(a.reading()));
                accepted++;
            } else if (o instanceof IngestOutcome.Conflict c) {
                lines.add(CanonicalLines.quarantined(c.reading(), c.storedValue(), now, c.reason()));
                newQuarantine.add(new QuarantinedReading(quarantined.size() + newQuarantine.size() + 1L, c.reading(),
                        c.storedValue(), c.reason(), Instant.EPOCH));
            }
        }
        quarantined.addAll(newQuarantine);
        Optional<LedgerEntry> entry = Optional.empty();
        if (!lines.isEmpty()) {
            var previous = head;
            var header = new EntryHeader(++batchId, EntryKind.READINGS, now, source, lines.size(), 0);
            head = EntryHash.of(previous, header, lines);
            entry = Optional.of(new LedgerEntry(batchId, Instant.EPOCH, accepted, previous, head));
        }
        return new StoreResult(outcomes, entry);
    }

    @Override
    public synchronized void registerMeter(Meter meter) {
        registered.add(meter);
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        return rows.values().stream().filter(r -> r.meterId().equals(meterId) && r.quantity() == quantity)
                .filter(r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(to))
                .sorted(Comparator.comparing(Reading::timestamp)).toList();
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        return readings(meterId, quantity, Instant.EPOCH, before).stream().reduce((a, b) -> b);
    }

    @Override
    public Optional<Reading> latest(String meterId, Quantity quantity) {
        return latestBefore(meterId, quantity, Instant.MAX);
    }

    @Override
    public synchronized List<QuarantinedReading> quarantine(int limit) {
        var newestFirst = new ArrayList<>(quarantined);
        java.util.Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(Math.max(limit, 0), newestFirst.size()));
    }

    @Override
    public long readingCount() {
        return rows.size();
    }
}
