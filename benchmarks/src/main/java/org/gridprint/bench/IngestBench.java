package org.gridprint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * Durable, idempotent ingest into the Derby store: loads N batches, then submits the same N batches again
 * (all duplicates), and prints readings/s, heap and disk use; optionally the same batches into PostgreSQL as a
 * baseline. Bounded: stops by itself; no network except the PostgreSQL URL given (loopback).
 *
 * <pre>
 * --batches N          batches per phase (default 1000)
 * --meters M           meters (default 1000)
 * --shape poll|series  poll: a batch = M meters at one timestamp (default);
 *                      series: a batch = one meter's 1000 consecutive timestamps
 * --store-only         call DerbyStore.append directly instead of IngestServiceImpl.submit
 * --flush-threshold R  memtable readings before a flush (default 65536)
 * --block R            readings per block row (default 960, at most 960)
 * --page-cache P       Derby page cache pages (default 4000)
 * --dir PATH           database directory (default: a new temp directory, deleted at the end)
 * --compare-postgres URL  then the same batches into PostgreSQL (see PgReadingStore), e.g.
 *                      jdbc:postgresql://127.0.0.1:54329/gridprint_bench?user=postgres; prints both;
 *                      an unreachable server is reported (naming the URL) and the Derby run goes on alone
 * </pre>
 */
public final class IngestBench {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final int SERIES_BATCH = 1000;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        var opts = parse(args);
        int batches = intOption(opts, "batches", 1000);
        int meterCount = intOption(opts, "meters", 1000);
        var shape = opts.getOrDefault("shape", "poll");
        boolean storeOnly = opts.containsKey("store-only");
        var defaults = StoreOptions.defaults();
        var options = new StoreOptions(intOption(opts, "page-cache", defaults.pageCacheSize()),
                intOption(opts, "flush-threshold", defaults.flushThreshold()),
                intOption(opts, "block", defaults.maxBlockReadings()));
        boolean tempDir = !opts.containsKey("dir");
        var dir = tempDir ? Files.createTempDirectory("gridprint-bench") : Path.of(opts.get("dir"));
        var pgUrl = opts.get("compare-postgres");

        var meters = new TreeMap<String, Meter>();
        for (int m = 0; m < meterCount; m++) {
            var id = String.format(Locale.ROOT, "bench/panel-%02d/m%04d", m / 50, m);
            meters.put(id, Meter.of(id, "bench"));
        }
        var ids = new ArrayList<>(meters.keySet());
        MeterRegistry registry = new MeterRegistry() {
            @Override
            public Optional<Meter> meter(String id) {
                return Optional.ofNullable(meters.get(id));
            }

            @Override
            public Collection<Meter> meters() {
                return meters.values();
            }
        };
        // every bench timestamp is in the past of this clock (ingest rejects future readings)
        var clock = Clock.fixed(Instant.parse("2035-01-01T00:00:00Z"), ZoneOffset.UTC);
        // deterministic: the PostgreSQL run gets exactly the batches the Derby run got
        Function<Integer, List<Reading>> batchOf = shape.equals("series") ? b -> seriesBatch(ids, b) : b -> pollBatch(ids, b);
        long total = (long) batches * batchOf.apply(0).size();

        System.out.printf(Locale.ROOT, "gridprint ingest bench: %d batches x %s (%d meters), %s, %s, Java %s, %d cores, max heap %d MB%n",
                batches, shape.equals("series") ? "1 meter x " + SERIES_BATCH + " timestamps" : meterCount + " meters x 1 timestamp",
                meterCount, storeOnly ? "store.append directly" : "IngestServiceImpl.submit -> store", options,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        if (pgUrl != null) {
            // find out before the Derby run whether the comparison can happen at all
            try (var c = DriverManager.getConnection(pgUrl)) {
                System.out.println("PostgreSQL baseline: " + masked(pgUrl) + " (" + PgReadingStore.serverInfo(c) + ")");
            } catch (SQLException e) {
                System.out.println("ERROR: PostgreSQL at " + masked(pgUrl) + " is unreachable (" + e.getMessage()
                        + "); running Derby only, no PostgreSQL comparison");
                pgUrl = null;
            }
        }

        System.out.println("== Derby store; directory: " + dir);
        var derby = runDerby(dir, tempDir, clock, options, meters, registry, storeOnly, batches, batchOf, total);

        Result pg = null;
        if (pgUrl != null) {
            System.out.println("== PostgreSQL: " + masked(pgUrl) + ", schema " + PgReadingStore.SCHEMA
                    + " (dropped at the end)");
            try {
                pg = runPostgres(pgUrl, clock, meters, registry, storeOnly, batches, batchOf, total);
            } catch (SQLException e) {
                System.out.println("ERROR: PostgreSQL run against " + masked(pgUrl) + " failed: " + e.getMessage()
                        + "; only the Derby figures above are valid");
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof SQLException) && !(e.getCause() != null
                        && e.getCause().getCause() instanceof SQLException)) {
                    throw e; // a failed bench check, not a connection problem
                }
                System.out.println("ERROR: PostgreSQL run against " + masked(pgUrl) + " failed: " + e.getMessage()
                        + "; only the Derby figures above are valid");
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %18s %18s %14s %16s%n", "store (" + total + " readings per phase)",
                "load readings/s", "replay readings/s", "disk MB", "bytes/reading");
        for (var r : pg == null ? List.of(derby) : List.of(derby, pg)) {
            System.out.printf(Locale.ROOT, "%-40s %,18.0f %,18.0f %14.1f %16.1f%n", r.name, r.load.rate, r.replay.rate,
                    r.diskBytes / 1e6, (double) r.diskBytes / total);
        }
    }

    /** One store's figures: the two phases and its disk use. */
    private record Result(String name, Phase load, Phase replay, long diskBytes) {
    }

    private static Result runDerby(Path dir, boolean tempDir, Clock clock, StoreOptions options,
            Map<String, Meter> meters, MeterRegistry registry, boolean storeOnly, int batches,
            Function<Integer, List<Reading>> batchOf, long total) throws IOException {
        var store = DerbyStore.open(dir, clock, options);
        Phase load;
        Phase replay;
        try {
            meters.values().forEach(store::registerMeter);
            IngestService ingest = storeOnly ? (source, batch) -> {
                var r = store.append(source, batch);
                return new IngestResult(r.outcomes(), r.ledgerEntry());
            } : new IngestServiceImpl(store, registry, clock, null);

            load = phase("load", ingest, batches, batchOf);
            replay = phase("replay", ingest, batches, batchOf);
            check(load.accepted == total, "load accepted " + load.accepted + " of " + total);
            check(replay.duplicates == total, "replay: " + replay.duplicates + " duplicates of " + total);
            check(store.readingCount() == total, "store holds " + store.readingCount() + " readings, expected " + total);

            long t = System.nanoTime();
            store.flush();
            double flushMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            var report = store.verify();
            double verifySec = (System.nanoTime() - t) / 1e9;
            check(report instanceof VerificationReport.Intact, "verify: " + report);
            System.gc();
            System.gc();
            var rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            System.out.printf(Locale.ROOT, "final flush %.0f ms; verify: %d batches, %d readings in %.2f s (%.0f readings/s), %s%n",
                    flushMs, report.batchesChecked(), report.readingsChecked(), verifySec,
                    report.readingsChecked() / verifySec, report.getClass().getSimpleName());
            System.out.printf(Locale.ROOT, "heap used after GC: %d MB (peak phase heap: load %d MB, replay %d MB)%n",
                    heap >> 20, load.peakHeap >> 20, replay.peakHeap >> 20);
        } finally {
            store.close();
        }
        long bytes = size(dir);
        long seg0 = Files.isDirectory(dir.resolve("db/seg0")) ? size(dir.resolve("db/seg0")) : 0;
        long log = Files.isDirectory(dir.resolve("db/log")) ? size(dir.resolve("db/log")) : 0;
        System.out.printf(Locale.ROOT, "disk: %.1f MB (%.1f bytes/reading; tables+indexes db/seg0 %.1f MB, "
                + "transaction log db/log %.1f MB) in %s%n", bytes / 1e6, (double) bytes / total, seg0 / 1e6,
                log / 1e6, dir);
        if (tempDir) {
            delete(dir);
        }
        return new Result("Derby store (" + (storeOnly ? "DerbyStore.append" : "IngestServiceImpl") + ")", load,
                replay, bytes);
    }

    private static Result runPostgres(String url, Clock clock, Map<String, Meter> meters, MeterRegistry registry,
            boolean storeOnly, int batches, Function<Integer, List<Reading>> batchOf, long total) throws SQLException {
        try (var store = PgReadingStore.create(url, clock)) {
            meters.values().forEach(store::registerMeter);
            IngestService ingest = storeOnly ? (source, batch) -> {
                var r = store.append(source, batch);
                return new IngestResult(r.outcomes(), r.ledgerEntry());
            } : new IngestServiceImpl(store, registry, clock, null);

            long wal0 = store.walPosition();
            var load = phase("load", ingest, batches, batchOf);
            long wal1 = store.walPosition();
            var replay = phase("replay", ingest, batches, batchOf);
            long wal2 = store.walPosition();
            check(load.accepted == total, "PostgreSQL load accepted " + load.accepted + " of " + total);
            check(replay.duplicates == total, "PostgreSQL replay: " + replay.duplicates + " duplicates of " + total);
            check(store.readingCount() == total, "PostgreSQL holds " + store.readingCount() + " readings, expected "
                    + total);
            long t = System.nanoTime();
            var chain = store.checkChain();
            double chainMs = (System.nanoTime() - t) / 1e6;
            check(chain[0] == batches && chain[1] == 0, "PostgreSQL hash chain: " + chain[0] + " batch rows, "
                    + chain[1] + " broken links");
            System.out.printf(Locale.ROOT, "hash chain links: %d batch rows, %d broken, checked in %.0f ms "
                    + "(links only: the reading table keeps no batch id, so hashes cannot be recomputed)%n",
                    chain[0], chain[1], chainMs);
            System.out.printf(Locale.ROOT, "WAL written: load %.1f MB, replay %.1f MB%n", (wal1 - wal0) / 1e6,
                    (wal2 - wal1) / 1e6);
            var sizes = store.sizes();
            long bytes = sizes.values().stream().mapToLong(Long::longValue).sum();
            var parts = new StringBuilder();
            sizes.forEach((k, v) -> parts.append(parts.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f MB", v / 1e6)));
            var split = store.readingHeapAndIndex();
            System.out.printf(Locale.ROOT, "disk (pg_total_relation_size): %.1f MB (%.1f bytes/reading; %s; "
                    + "reading = heap %.1f MB + primary key index %.1f MB + maps); not counted: pg_wal%n",
                    bytes / 1e6, (double) bytes / total, parts, split[0] / 1e6, split[1] / 1e6);
            return new Result("PostgreSQL (" + (storeOnly ? "store.append" : "IngestServiceImpl") + ")", load,
                    replay, bytes);
        }
    }

    /** The URL with the value of a password parameter replaced by ***. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private record Phase(long accepted, long duplicates, long peakHeap, double rate) {
    }

    private static Phase phase(String name, IngestService ingest, int batches, Function<Integer, List<Reading>> batchOf) {
        long accepted = 0;
        long duplicates = 0;
        long readings = 0;
        long peak = 0;
        var rt = Runtime.getRuntime();
        long start = System.nanoTime();
        long stepStart = start;
        long stepReadings = 0;
        int step = Math.max(1, batches / 5);
        for (int b = 0; b < batches; b++) {
            var batch = batchOf.apply(b);
            var result = ingest.submit("bench/driver", batch);
            accepted += result.accepted();
            duplicates += result.duplicates();
            readings += batch.size();
            stepReadings += batch.size();
            if ((b + 1) % step == 0 || b == batches - 1) {
                long now = System.nanoTime();
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                System.out.printf(Locale.ROOT, "  %-6s batches %5d..%5d: %,9.0f readings/s%n", name, b + 2 - (b % step + 1),
                        b + 1, stepReadings / ((now - stepStart) / 1e9));
                stepStart = now;
                stepReadings = 0;
            }
        }
        double sec = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d readings in %.2f s = %,.0f readings/s (%d accepted, %d duplicates)%n",
                name, readings, sec, readings / sec, accepted, duplicates);
        return new Phase(accepted, duplicates, peak, readings / sec);
    }

    /** Batch b: every meter at minute b; a counter value that grows with time. */
    private static List<Reading> pollBatch(List<String> ids, int b) {
        var ts = T0.plusSeconds(60L * b);
        var out = new ArrayList<Reading>(ids.size());
        for (int m = 0; m < ids.size(); m++) {
            out.add(new Reading(ids.get(m), Quantity.ACTIVE_ENERGY_IMPORT, ts, 1000.0 + b * 0.25 + m, Quality.GOOD,
                    "bench/driver"));
        }
        return out;
    }

    /** Batch b: meter b % M, its timestamps (b / M) * 1000 .. + 999 minutes. */
    private static List<Reading> seriesBatch(List<String> ids, int b) {
        var id = ids.get(b % ids.size());
        long first = (long) (b / ids.size()) * SERIES_BATCH;
        var out = new ArrayList<Reading>(SERIES_BATCH);
        for (int k = 0; k < SERIES_BATCH; k++) {
            long minute = first + k;
            out.add(new Reading(id, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(60L * minute), 500.0 + minute * 0.25,
                    Quality.GOOD, "bench/driver"));
        }
        return out;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench check failed: " + what);
        }
    }

    private static int intOption(Map<String, String> opts, String name, int defaultValue) {
        var value = opts.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    private static Map<String, String> parse(String[] args) {
        var out = new TreeMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; see the IngestBench javadoc");
            }
            var key = args[i].substring(2);
            if (key.equals("store-only")) {
                out.put(key, "true");
            } else if (i + 1 < args.length) {
                out.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return out;
    }

    private static long size(Path dir) throws IOException {
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

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
