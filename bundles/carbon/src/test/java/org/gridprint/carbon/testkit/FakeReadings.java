package org.gridprint.carbon.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.ledger.InBatch;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An in-memory ReadingStore following the contract's in-batch rules (no ledger); failing meters and a hook on first read for robustness tests. Thread-safety: as the tests need (single worker). */
public final class FakeReadings implements ReadingStore {
    public final Map<String, TreeMap<Instant, Reading>> series = new HashMap<>();
    public final Set<String> failing = new HashSet<>();
    /** Run (once) when a meter is first read: may throw anything or queue more work. */
    public final Map<String, Runnable> onFirstRead = new HashMap<>();
    public int rangeQueries;

    public synchronized void add(Reading... readings) {
        for (var r : readings) {
            series.computeIfAbsent(r.meterId() + "|" + r.quantity(), k -> new TreeMap<>()).putIfAbsent(r.timestamp(), r);
        }
    }

    private TreeMap<Instant, Reading> of(String meterId, Quantity quantity) {
        var hook = onFirstRead.remove(meterId);
        if (hook != null) {
            hook.run();
        }
        if (failing.contains(meterId)) {
            throw new IllegalStateException("simulated store failure for " + meterId);
        }
        return series.getOrDefault(meterId + "|" + quantity, new TreeMap<>());
    }

    @Override
    public StoreResult append(String source, List<Reading> readings) {
        // the contract's in-batch and value rules (docs/ledger-spec.md); this fake keeps no ledger
        var outcomes = InBatch.classify(readings, key -> {
            var stored = series.getOrDefault(key.meterId() + "|" + key.quantity(), new TreeMap<>())
                    .get(Instant.ofEpochMilli(key.epochMillis()));
            return stored == null ? OptionalDouble.empty() : OptionalDouble.of(stored.value());
        });
        outcomes.stream().filter(o -> o instanceof IngestOutcome.Accepted).forEach(o -> add(o.reading()));
        return new StoreResult(outcomes, Optional.empty());
    }

    @Override
    public void registerMeter(Meter meter) {
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        rangeQueries++;
        return new ArrayList<>(of(meterId, quantity).subMap(from, true, to, false).values());
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        return Optional.ofNullable(of(meterId, quantity).lowerEntry(before)).map(Map.Entry::getValue);
    }

    @Override
    public Optional<Reading> latest(String meterId, Quantity quantity) {
        return Optional.ofNullable(of(meterId, quantity).lastEntry()).map(Map.Entry::getValue);
    }

    @Override
    public List<QuarantinedReading> quarantine(int limit) {
        return List.of();
    }

    @Override
    public long readingCount() {
        return series.values().stream().mapToLong(TreeMap::size).sum();
    }
}
