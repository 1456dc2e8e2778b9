package org.gridprint.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.ReadingKey;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;

/** In-memory store with the idempotency rules: same value again = duplicate, other value = conflict. */
class FakeReadingStore implements ReadingStore {

    final Map<ReadingKey, Reading> rows = new HashMap<>();
    final List<List<Reading>> appendCalls = new ArrayList<>();
    final List<Meter> registered = new ArrayList<>();
    RuntimeException failWith;
    private long batchId;
    private String head = "0".repeat(64);

    @Override
    public synchronized StoreResult append(String source, List<Reading> readings) {
        appendCalls.add(List.copyOf(readings));
        if (failWith != null) {
            throw failWith;
        }
        var outcomes = new ArrayList<IngestOutcome>();
        int accepted = 0;
        for (var r : readings) {
            var stored = rows.get(r.key());
            if (stored == null) {
                rows.put(r.key(), r);
                outcomes.add(new IngestOutcome.Accepted(r));
                accepted++;
            } else if (Double.compare(stored.value(), r.value()) == 0) {
                outcomes.add(new IngestOutcome.Duplicate(r));
            } else {
                outcomes.add(new IngestOutcome.Conflict(r, stored.value(), "value differs from the stored one"));
            }
        }
        Optional<LedgerEntry> entry = Optional.empty();
        if (accepted > 0) {
            var previous = head;
            head = Integer.toHexString((previous + batchId).hashCode());
            entry = Optional.of(new LedgerEntry(++batchId, Instant.EPOCH, accepted, previous, head));
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
    public List<QuarantinedReading> quarantine(int limit) {
        return List.of();
    }

    @Override
    public long readingCount() {
        return rows.size();
    }
}
