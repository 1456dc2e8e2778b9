package org.gridprint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.gridprint.api.IngestService;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * The Derby store (bundles/store-derby) in a directory of its own, the same classes Karaf runs; verify is the
 * store's full {@code verify}, the export is the real CsvExporter over the emission records of a year.
 */
final class DerbyTarget implements BenchTarget {

    private final Path dir;
    private final boolean deleteAtClose;
    private final DerbyStore store;
    private final MeterRegistry registry;
    private final IngestService ingest;
    private final LongSupplier commitCounter;
    private final AtomicInteger exports = new AtomicInteger();

    DerbyTarget(Path dir, boolean deleteAtClose, StoreOptions options, List<Meter> meters) {
        this.dir = dir;
        this.deleteAtClose = deleteAtClose;
        this.store = DerbyStore.open(dir, Clock.systemUTC(), options);
        this.registry = registry(meters);
        meters.forEach(store::registerMeter);
        this.ingest = new IngestServiceImpl(store, registry, Clock.systemUTC(), null);
        this.commitCounter = StoreCalls.commitCounter(store);
    }

    static MeterRegistry registry(List<Meter> meters) {
        var byId = new TreeMap<String, Meter>();
        meters.forEach(m -> byId.put(m.id(), m));
        return registry(byId);
    }

    private static MeterRegistry registry(Map<String, Meter> byId) {
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

    @Override
    public long prefillEmissions(List<String> meterIds) {
        return EmissionYear.prefill(store, store, meterIds);
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
        return StoreCalls.verify(store);
    }

    @Override
    public String exportOnce(Path tmp) throws IOException {
        return StoreCalls.export(registry, store, store, store, tmp.resolve("export-" + exports.incrementAndGet() + ".csv"));
    }

    @Override
    public long bytesWritten() {
        return ProcIo.writeBytes("self"); // embedded: Derby writes from this JVM
    }

    @Override
    public long durableCommits() {
        return commitCounter == null ? -1 : commitCounter.getAsLong();
    }

    @Override
    public String commitsHow() {
        return commitCounter != null ? "the store's own count of durable commits"
                : "not counted by the store: one Derby commit per batch with an accepted reading (no group commit "
                        + "at 106c38c), so durable commits/s = ledgered batches/s";
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
