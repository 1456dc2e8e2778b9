package org.gridprint.carbon;

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

/** Small in-memory stand-ins for the store and registry services (pure-logic tests only). */
final class Fakes {

    private Fakes() {
    }

    static final class Readings implements ReadingStore {
        final Map<String, TreeMap<Instant, Reading>> series = new HashMap<>();
        final Set<String> failing = new HashSet<>();
        /** Run (once) when a meter is first read: may throw anything or queue more work. */
        final Map<String, Runnable> onFirstRead = new HashMap<>();
        int rangeQueries;

        void add(Reading... readings) {
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

    static final class Emissions implements EmissionStore {
        final Map<String, EmissionRecord> records = new HashMap<>();
        int storeCalls;

        private static String key(EmissionRecord r) {
            return r.interval().meterId() + "|" + r.interval().start() + "|" + r.factor().method();
        }

        @Override
        public int store(List<EmissionRecord> batch) {
            storeCalls++;
            var added = 0;
            for (var r : batch) {
                if (records.putIfAbsent(key(r), r) == null) {
                    added++;
                }
            }
            return added;
        }

        @Override
        public List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
            return records.values().stream()
                    .filter(r -> meterIds.isEmpty() || meterIds.contains(r.interval().meterId()))
                    .filter(r -> r.interval().end().isAfter(from) && r.interval().start().isBefore(to))
                    .sorted(Comparator.comparing((EmissionRecord r) -> r.interval().meterId())
                            .thenComparing(r -> r.interval().start()))
                    .toList();
        }

        List<EmissionRecord> of(String meterId) {
            return emissions(List.of(meterId), Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
        }

        @Override
        public Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
            return records.values().stream()
                    .filter(r -> r.interval().meterId().equals(meterId) && r.factor().method() == method)
                    .map(r -> r.interval().end()).max(Comparator.naturalOrder());
        }
    }

    static final class Meters implements MeterRegistry {
        final TreeMap<String, Meter> meters = new TreeMap<>();

        Meters add(Meter... ms) {
            for (var m : ms) {
                meters.put(m.id(), m);
            }
            return this;
        }

        @Override
        public Optional<Meter> meter(String id) {
            return Optional.ofNullable(meters.get(id));
        }

        @Override
        public Collection<Meter> meters() {
            return List.copyOf(meters.values());
        }
    }

    static final class RecordingEventAdmin implements EventAdmin {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }

        List<Event> on(String topic) {
            return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
        }
    }

}
