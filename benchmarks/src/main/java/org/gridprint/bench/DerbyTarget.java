package org.gridprint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.api.IngestService;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.export.csv.CsvExporter;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * The Derby store (bundles/store-derby) in a directory of its own, the same classes Karaf runs; verify is the
 * store's full {@code verify}, the export is the real {@link CsvExporter} over the emission records of a year.
 */
final class DerbyTarget implements BenchTarget {

    /** The year the emission records cover, and the export's window. */
    static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2026-01-01T00:00:00Z");

    private final Path dir;
    private final boolean deleteAtClose;
    private final DerbyStore store;
    private final MeterRegistry registry;
    private final IngestService ingest;
    private final Method commitCounter;
    private final AtomicInteger exports = new AtomicInteger();

    DerbyTarget(Path dir, boolean deleteAtClose, StoreOptions options, List<Meter> meters) {
        this.dir = dir;
        this.deleteAtClose = deleteAtClose;
        this.store = DerbyStore.open(dir, Clock.systemUTC(), options);
        var byId = new TreeMap<String, Meter>();
        meters.forEach(m -> byId.put(m.id(), m));
        this.registry = registry(byId);
        meters.forEach(store::registerMeter);
        this.ingest = new IngestServiceImpl(store, registry, Clock.systemUTC(), null);
        this.commitCounter = counter(store);
    }

    static MeterRegistry registry(Map<String, Meter> byId) {
        return new MeterRegistry() {
            @Override
            public Optional<Meter> meter(String id) {
                return Optional.ofNullable(byId.get(id));
            }

            @Override
            public Collection<Meter> meters() {
                return byId.values();
            }
        };
    }

    /** A store that counts its durable commits says so with a public {@code long durableCommits()}. */
    private static Method counter(Object store) {
        try {
            var m = store.getClass().getMethod("durableCommits");
            return m.getReturnType() == long.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Hourly emission records of the year for each meter given; returns how many were stored. */
    long prefillEmissions(List<String> meterIds) {
        var factor = new EmissionFactor(400.0, "g CO2e/kWh", "bench factor", "2025", "AR5", "bench-grid",
                Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
        long stored = 0;
        var computedAt = Instant.now();
        for (var id : meterIds) {
            var records = new ArrayList<EmissionRecord>(8760);
            double counter = 1000.0;
            for (var t = YEAR_START; t.isBefore(YEAR_END); t = t.plusSeconds(3600)) {
                double kwh = 2.0 + (t.getEpochSecond() / 3600 % 24) * 0.125;
                var interval = new EnergyInterval(id, Quantity.ACTIVE_ENERGY_IMPORT, t, t.plusSeconds(3600), counter,
                        counter + kwh, kwh, Quality.GOOD, Set.of());
                counter += kwh;
                records.add(new EmissionRecord(interval, "load", factor, kwh * factor.gramsCo2ePerUnit(), computedAt));
            }
            stored += store.store(records);
        }
        return stored;
    }

    @Override
    public String name() {
        return "Derby store";
    }

    @Override
    public IngestService ingest() {
        return ingest;
    }

    @Override
    public String verifyOnce() {
        var report = store.verify(VerifyScope.FULL);
        if (!(report instanceof VerificationReport.Intact)) {
            throw new IllegalStateException("bench check failed: verify under load reported " + report);
        }
        return String.format(Locale.ROOT, "Intact, %,d batches, %,d readings", report.batchesChecked(),
                report.readingsChecked());
    }

    @Override
    public String exportOnce(Path tmp) throws IOException {
        var target = tmp.resolve("export-" + exports.incrementAndGet() + ".csv");
        var result = new CsvExporter(registry, store, store, Clock.systemUTC(), "bench")
                .export(new ExportRequest(YEAR_START, YEAR_END, List.of(), target));
        for (var p : List.of(target, CsvExporter.sidecar(target), CsvExporter.manifest(target))) {
            Files.deleteIfExists(p);
        }
        return String.format(Locale.ROOT, "%,d rows, ledger head %s", result.rows(),
                result.ledgerHead().map(h -> "batch " + h.batchId()).orElse("none"));
    }

    @Override
    public long bytesWritten() {
        return ProcIo.writeBytes("self"); // embedded: Derby writes from this JVM
    }

    @Override
    public long durableCommits() {
        if (commitCounter == null) {
            return -1;
        }
        try {
            return (long) commitCounter.invoke(store);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    @Override
    public String commitsHow() {
        return commitCounter != null ? "the store's own count (DerbyStore.durableCommits())"
                : "not counted by the store at this commit: one Derby commit per batch with an accepted reading "
                        + "(no group commit), so durable commits/s = ledgered batches/s";
    }

    @Override
    public void checkpoint() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:derby:" + dir.toAbsolutePath().resolve("db"));
                var st = c.createStatement()) {
            st.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
        }
    }

    @Override
    public long sizeOnDisk() throws IOException {
        return size(dir);
    }

    @Override
    public void close() throws IOException {
        store.close();
        if (deleteAtClose) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
