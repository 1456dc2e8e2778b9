package org.gridprint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gridprint.carbon.window.Co2eRate;

/**
 * CarbonBench (issue 12): (a) windowing and pricing of one year of 15-minute counter intervals for 1,000 meters
 * (35,040,000 intervals) against an hourly intensity series, location- and market-based, streamed with bounded
 * memory, on the engine's {@code WindowSplitter}; (b) the bytes per window of the resulting emission ledger in the
 * Derby store; (c) a year's totals by month for all meters from {@code EmissionWindowStore.totals}.
 *
 * <pre>
 * mvn -o -q -pl benchmarks exec:java -Dbench.main=org.gridprint.bench.CarbonBench -Dbench.args="--phase pricing"
 * java -Xmx256m -cp ... org.gridprint.bench.CarbonBench --phase all --meters 1000 --threads 2 --dir /tmp/carbon-bench
 * </pre>
 * Options: {@code --phase pricing|store|totals|all} (default pricing; totals: phase (c) on the store an earlier
 * {@code --phase store --dir} run left), {@code --meters N} (1000), {@code --threads N} (2),
 * {@code --sites N} (10, a multiple of the threads), {@code --store-meters N} (meters stored in (b)/(c), default all),
 * {@code --dir path} (the Derby directory for (b)/(c); default a temp directory, deleted after), {@code --postgres
 * jdbc:postgresql://127.0.0.1:PORT/gridprint_bench?user=postgres} ((b)/(c) on the PostgreSQL store instead, schema
 * gridprint_carbon, dropped at the end; start a server with benchmarks/postgres-server.sh).
 */
public final class CarbonBench {

    private CarbonBench() {
    }

    public static void main(String[] args) throws Exception {
        var opts = options(args);
        int meters = Integer.parseInt(opts.getOrDefault("--meters", "1000"));
        int threads = Integer.parseInt(opts.getOrDefault("--threads", "2"));
        int sites = Integer.parseInt(opts.getOrDefault("--sites", "10"));
        var phase = opts.getOrDefault("--phase", "pricing");
        if (sites % threads != 0) {
            throw new IllegalArgumentException("--sites " + sites + " must be a multiple of --threads " + threads
                    + " (a site's certificates are drawn on one thread)");
        }
        System.out.printf(Locale.ROOT, "CarbonBench: %d meters, %d threads, %d sites, JVM %s, %d CPUs, -Xmx %d MB%n",
                meters, threads, sites, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (phase.equals("pricing") || phase.equals("all")) {
            pricing(Math.min(50, meters), threads, sites, "warm-up");
            resetPeaks();
            pricing(meters, threads, sites, "timed");
        }
        if (phase.equals("totals")) {
            if (!opts.containsKey("--dir")) {
                throw new IllegalArgumentException("--phase totals needs --dir <the directory of an earlier --phase store"
                        + " run>");
            }
            try (var target = CarbonTarget.derby(Path.of(opts.get("--dir")).resolve("store"))) {
                CarbonStoreRun.totalsOnly(target);
            }
        }
        if (phase.equals("store") || phase.equals("all")) {
            int stored = Integer.parseInt(opts.getOrDefault("--store-meters", String.valueOf(meters)));
            var given = opts.containsKey("--dir") ? Path.of(opts.get("--dir")) : null;
            var dir = given != null ? given : java.nio.file.Files.createTempDirectory("carbon-bench-");
            try (var target = opts.containsKey("--postgres")
                    ? CarbonTarget.postgres(opts.get("--postgres"), dir.resolve("anchors"))
                    : CarbonTarget.derby(dir.resolve("store"))) {
                CarbonStoreRun.run(target, stored, sites);
            }
            if (given == null) {
                try (var files = java.nio.file.Files.walk(dir)) {
                    for (var p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Phase (a). */
    static void pricing(int meters, int threads, int sites, String label) throws Exception {
        var location = CarbonYear.hourlyIntensity();
        var residual = new Co2eRate(CarbonYear.RESIDUAL_MIX);
        var recs = certificates(meters, sites);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var runs = new ArrayList<CarbonPricingRun>();
        var futures = new ArrayList<Future<?>>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            var run = new CarbonPricingRun(location, residual, recs);
            runs.add(run);
            final int thread = t;
            futures.add(pool.submit(() -> {
                for (int m = thread; m < meters; m += threads) {
                    run.meter(m, m % sites);
                }
            }));
        }
        for (var f : futures) {
            f.get();
        }
        long nanos = System.nanoTime() - t0;
        pool.shutdown();
        long intervals = 0;
        long windows = 0;
        long amount = 0;
        long loc = 0;
        long mkt = 0;
        long covered = 0;
        long mismatches = 0;
        for (var r : runs) {
            intervals += r.intervals;
            windows += r.windows;
            amount += r.amountNano;
            loc += r.locationMicrograms;
            mkt += r.marketMicrograms;
            covered += r.coveredNano;
            mismatches += r.mismatches;
        }
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "(a) %s: %,d intervals -> %,d hourly windows x 2 methods in %.3f s: %,.0f"
                + " intervals/s, %,.0f windows/s (location+market priced)%n", label, intervals, windows, seconds,
                intervals / seconds, 2 * windows / seconds);
        System.out.printf(Locale.ROOT, "    energy %s MWh, location %s t CO2e, market %s t CO2e, certificates covered"
                + " %s %%; meters whose windows do not add up to the counter difference exactly: %d%n",
                BigDecimal.valueOf(amount, 12).setScale(3, RoundingMode.HALF_EVEN).toPlainString(),
                BigDecimal.valueOf(loc, 12).setScale(3, RoundingMode.HALF_EVEN).toPlainString(),
                BigDecimal.valueOf(mkt, 12).setScale(3, RoundingMode.HALF_EVEN).toPlainString(),
                amount == 0 ? "0" : BigDecimal.valueOf(covered * 100.0 / amount).setScale(1, RoundingMode.HALF_EVEN)
                        .toPlainString(), mismatches);
        System.gc();
        var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "    heap: peak used %d MB during the run (all pools), %d MB used after GC,"
                + " max %d MB%n", peakHeap() >> 20, mem.getUsed() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Certificates per site: 60 % of the site's estimated consumption (rated kW × 0.584 × 8,760 h), nano-kWh. */
    static long[] certificates(int meters, int sites) {
        var recs = new long[sites];
        for (int m = 0; m < meters; m++) {
            recs[m % sites] += CarbonYear.ratedW(m) * 584L * 8_760L * 600L; // W × ‰ × h × ‰ -> nano-kWh (1e-9 kWh)
        }
        return recs;
    }

    private static void resetPeaks() {
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static Map<String, String> options(String[] args) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected '" + args[i] + "'; expected --name value pairs");
            }
            m.put(args[i], args[++i]);
        }
        return m;
    }
}
