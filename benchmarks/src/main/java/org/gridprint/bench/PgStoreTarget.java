package org.gridprint.bench;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Meter;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.core.IngestServiceImpl;

/**
 * The real PostgreSQL store (bundles/store-postgres, {@value #STORE_CLASS}) when it is on the class path: opened
 * without OSGi as its README describes ({@code PostgresStore.open(PostgresOptions.of(url, user, password,
 * anchorDirectory).withSchema(...), clock, AlarmSink.NONE)}), in schema {@value #SCHEMA} (refused if it exists,
 * dropped at the end), with its anchor directory in the bench's temp directory. Only the opening is reflective (the
 * benchmarks module compiles without that bundle); everything else goes through the api: its own verify, the real
 * CsvExporter over its emission table, its commit counter.
 */
final class PgStoreTarget implements BenchTarget {

    static final String STORE_CLASS = "org.gridprint.store.postgres.PostgresStore";
    static final String SCHEMA = "gridprint_load";
    private static final String PACKAGE = "org.gridprint.store.postgres.";
    private static final Pattern USER = Pattern.compile("[?&]user=([^&]*)");
    private static final Pattern PASSWORD = Pattern.compile("[?&]password=([^&]*)");

    private final PgServerProbe probe;
    private final AutoCloseable closer;
    private final ReadingStore store;
    private final LedgerService ledger;
    private final EmissionStore emissions;
    private final MeterRegistry registry;
    private final IngestService ingest;
    private final LongSupplier commits;
    private final Path anchors;
    private final AtomicInteger exports = new AtomicInteger();

    static boolean onClassPath() {
        try {
            Class.forName(STORE_CLASS);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    PgStoreTarget(String url, List<Meter> meters, Path anchors) throws Exception {
        this.anchors = anchors;
        this.probe = new PgServerProbe(url);
        try {
            if (probe.schemaExists(SCHEMA)) {
                throw new SQLException("schema " + SCHEMA + " exists (left by an interrupted run? then DROP SCHEMA "
                        + SCHEMA + " CASCADE)");
            }
            Files.createDirectories(anchors);
            var opened = open(url, anchors);
            this.closer = (AutoCloseable) opened;
            this.store = (ReadingStore) opened;
            this.ledger = (LedgerService) opened;
            this.emissions = (EmissionStore) opened;
            this.commits = StoreCalls.commitCounter(opened);
            this.registry = DerbyTarget.registry(meters);
            meters.forEach(store::registerMeter);
            this.ingest = new IngestServiceImpl(store, registry, Clock.systemUTC(), null);
        } catch (Exception e) {
            probe.close();
            throw e;
        }
    }

    /** PostgresStore.open(PostgresOptions.of(...).withSchema(SCHEMA), clock, AlarmSink.NONE). */
    private static Object open(String url, Path anchors) throws Exception {
        var user = USER.matcher(url);
        var password = PASSWORD.matcher(url);
        var plainUrl = url.replaceAll("[?&](user|password)=[^&]*", "").replaceFirst("^([^?]*)&", "$1?");
        var optionsType = Class.forName(PACKAGE + "PostgresOptions");
        var sinkType = Class.forName(PACKAGE + "AlarmSink");
        try {
            var options = optionsType.getMethod("of", String.class, String.class, String.class, Path.class)
                    .invoke(null, plainUrl, user.find() ? user.group(1) : "postgres",
                            password.find() ? password.group(1) : "", anchors);
            options = optionsType.getMethod("withSchema", String.class).invoke(options, SCHEMA);
            return Class.forName(STORE_CLASS).getMethod("open", optionsType, Clock.class, sinkType)
                    .invoke(null, options, Clock.systemUTC(), sinkType.getField("NONE").get(null));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public String name() {
        return "PostgreSQL store (bundles/store-postgres)";
    }

    @Override
    public long prefillEmissions(List<String> meterIds) {
        return EmissionYear.prefill(store, emissions, meterIds);
    }

    @Override
    public IngestService ingest() {
        return ingest;
    }

    @Override
    public String verifyOnce() {
        return StoreCalls.verify(ledger);
    }

    @Override
    public String exportOnce(Path dir) throws Exception {
        return StoreCalls.export(registry, store, emissions, ledger, dir.resolve("pg-export-" + exports.incrementAndGet()
                + ".csv"));
    }

    @Override
    public long bytesWritten() {
        return probe.bytesWritten();
    }

    @Override
    public long walBytes() {
        return probe.walBytes();
    }

    @Override
    public long durableCommits() {
        return commits == null ? -1 : commits.getAsLong();
    }

    @Override
    public String commitsHow() {
        return commits != null ? "the store's own count of durable commits"
                : "not counted by the store, so durable commits/s = ledgered batches/s";
    }

    @Override
    public void checkpoint() throws SQLException {
        probe.checkpoint();
    }

    @Override
    public long sizeOnDisk() {
        return probe.single("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r'");
    }

    @Override
    public void close() throws Exception {
        try {
            closer.close();
        } finally {
            try {
                probe.dropSchema(SCHEMA);
            } finally {
                probe.close();
                try (var files = Files.walk(anchors)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
