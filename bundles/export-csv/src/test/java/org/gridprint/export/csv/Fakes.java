package org.gridprint.export.csv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.VerificationReport;

/** Small fakes of the services an exporter reads, agreeing with the api's contracts. */
final class Fakes {

    private Fakes() {
    }

    static final class Registry implements MeterRegistry {
        final TreeMap<String, Meter> meters = new TreeMap<>();

        Registry add(String... ids) {
            for (var id : ids) {
                meters.put(id, Meter.of(id, "hq"));
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

    /** One read: the meters asked for and the window. */
    record Read(Collection<String> meterIds, Instant from, Instant to) {
    }

    static class Emissions implements EmissionStore {
        final List<EmissionRecord> records = new ArrayList<>();
        final List<Read> reads = new CopyOnWriteArrayList<>();

        @Override
        public int store(List<EmissionRecord> batch) {
            records.addAll(batch);
            return batch.size();
        }

        @Override
        public List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
            reads.add(new Read(List.copyOf(meterIds), from, to));
            return records.stream()
                    .filter(r -> meterIds.isEmpty() || meterIds.contains(r.interval().meterId()))
                    .filter(r -> r.interval().end().isAfter(from) && r.interval().start().isBefore(to))
                    .sorted(Comparator.comparing((EmissionRecord r) -> r.interval().meterId())
                            .thenComparing(r -> r.interval().start()))
                    .toList();
        }

        @Override
        public Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
            return Optional.empty();
        }
    }

    static final class Ledger implements LedgerService {
        final LedgerEntry entry = new LedgerEntry(7, Instant.parse("2026-03-05T11:59:00Z"), 10, "cd".repeat(32),
                "ab".repeat(32));

        @Override
        public Optional<LedgerEntry> head() {
            return Optional.of(entry);
        }

        @Override
        public VerificationReport verify() {
            return new VerificationReport.Intact(7, 70, Optional.of(entry));
        }
    }
}
