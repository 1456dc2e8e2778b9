package org.gridprint.allocation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;

/** In-memory readings following the contract for the reads allocation makes (series in time order). */
final class MemoryReadings implements ReadingStore {

    private final List<Reading> all = new ArrayList<>();

    void add(String meterId, Quantity quantity, String instant, double value) {
        all.add(Reading.good(meterId, quantity, Instant.parse(instant), value, "test"));
    }

    @Override
    public StoreResult append(String source, List<Reading> readings) {
        throw new UnsupportedOperationException("tests add readings with add()");
    }

    @Override
    public void registerMeter(Meter meter) {
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        return all.stream().filter(r -> r.meterId().equals(meterId) && r.quantity() == quantity
                && !r.timestamp().isBefore(from) && r.timestamp().isBefore(to))
                .sorted(Comparator.comparing(Reading::timestamp)).toList();
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        return all.stream().filter(r -> r.meterId().equals(meterId) && r.quantity() == quantity
                && r.timestamp().isBefore(before)).max(Comparator.comparing(Reading::timestamp));
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
        return all.size();
    }
}
