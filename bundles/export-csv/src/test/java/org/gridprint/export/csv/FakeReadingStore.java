package org.gridprint.export.csv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Meter;
import org.gridprint.api.store.HeldSpan;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingSink;
import org.gridprint.api.store.ReadingStore;

/**
 * A reading store for the exporter's tests: readings in a list, the held span as set (or derived), every call
 * recorded by method name. Appends are not needed by the exporter and are refused.
 */
class FakeReadingStore implements ReadingStore {

    final List<Reading> readings = new ArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    Optional<HeldSpan> span = Optional.empty();

    FakeReadingStore span(Instant first, Instant last) {
        span = Optional.of(new HeldSpan(first, last));
        return this;
    }

    @Override
    public StoreResult append(String source, List<Reading> batch) {
        throw new UnsupportedOperationException("the exporter never appends");
    }

    @Override
    public void registerMeter(Meter meter) {
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        calls.add("readings");
        return readings.stream()
                .filter(r -> r.meterId().equals(meterId) && r.quantity() == quantity)
                .filter(r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(to))
                .sorted(Comparator.comparing(Reading::timestamp))
                .toList();
    }

    @Override
    public long scan(String meterId, Quantity quantity, Instant from, Instant to, ReadingSink sink) {
        calls.add("scan");
        long n = 0;
        for (var r : readings(meterId, quantity, from, to)) {
            n++;
            if (!sink.accept(r)) {
                break;
            }
        }
        return n;
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        calls.add("latestBefore");
        return readings.stream().filter(r -> r.meterId().equals(meterId) && r.quantity() == quantity)
                .filter(r -> r.timestamp().isBefore(before)).max(Comparator.comparing(Reading::timestamp));
    }

    @Override
    public Optional<Reading> latest(String meterId, Quantity quantity) {
        calls.add("latest");
        return readings.stream().filter(r -> r.meterId().equals(meterId) && r.quantity() == quantity)
                .max(Comparator.comparing(Reading::timestamp));
    }

    @Override
    public List<QuarantinedReading> quarantine(int limit) {
        return List.of();
    }

    @Override
    public long readingCount() {
        calls.add("readingCount");
        return readings.size();
    }

    @Override
    public Optional<HeldSpan> heldSpan() {
        calls.add("heldSpan");
        return span;
    }
}
