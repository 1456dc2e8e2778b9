package org.gridprint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.allocation.audit.AuditServiceImpl;
import org.gridprint.allocation.tree.MeterTreeImpl;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.AuditRequest;
import org.gridprint.api.allocation.MeterTree;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * AuditBench (issue 14): the differential audit of a site of 1,000 meters in a 5-level tree (main incomer → 9
 * buildings → 90 floors → 300 panels → 600 circuits: 400 parents) over one month (January 2025, UTC) of 15-minute
 * windows, location- and market-based (2,976 windows per meter and method: 5,952,000 windows), on the Derby store.
 * Every parent's figures are checked against the generator's own sums (exact to the nano-kWh).
 *
 * <pre>
 * java -Xmx256m -cp $CP org.gridprint.bench.AuditBench --phase all --dir /tmp/audit-bench
 * java -Xmx64m  -cp $CP org.gridprint.bench.AuditBench --phase audit --dir /tmp/audit-bench
 * </pre>
 * Options: {@code --phase store|audit|all} (default all), {@code --dir path} (kept; default a temp directory, deleted
 * after), {@code --runs N} (timed audits after the first, default 3).
 */
public final class AuditBench {

    static final String SITE = "bench";
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final int DAYS = 31;
    static final int PER_DAY = 96;
    static final Duration Q = Duration.ofMinutes(15);

    private AuditBench() {
    }

    /** The tree: index 0 main, 1..9 buildings, 10..99 floors, 100..399 panels, 400..999 circuits. */
    record Tree(List<Meter> meters, int[] parent, List<List<Integer>> children) {
    }

    static Tree tree() {
        var ids = new String[1000];
        var parent = new int[1000];
        var tags = new ArrayList<List<String>>();
        for (int i = 0; i < 1000; i++) {
            tags.add(new ArrayList<>());
        }
        ids[0] = SITE + "/main";
        parent[0] = -1;
        for (int b = 0; b < 9; b++) {
            int m = 1 + b;
            ids[m] = SITE + "/b" + b;
            parent[m] = 0;
            tags.get(m).add("building=B" + b);
        }
        for (int f = 0; f < 90; f++) {
            int m = 10 + f;
            int b = f / 10;
            ids[m] = ids[1 + b] + "/f" + (f % 10);
            parent[m] = 1 + b;
            tags.get(m).addAll(List.of("building=B" + b, "floor=" + (f % 10)));
        }
        for (int p = 0; p < 300; p++) {
            int m = 100 + p;
            int f = p % 90;
            ids[m] = ids[10 + f] + "/p" + (p / 90);
            parent[m] = 10 + f;
            tags.get(m).addAll(tags.get(10 + f));
            tags.get(m).add("panel=P" + p);
        }
        for (int c = 0; c < 600; c++) {
            int m = 400 + c;
            int p = c % 300;
            ids[m] = ids[100 + p] + "/c" + (c / 300);
            parent[m] = 100 + p;
            tags.get(m).addAll(tags.get(100 + p));
            tags.get(m).add("circuit=" + (c / 300));
        }
        var meters = new ArrayList<Meter>();
        var children = new ArrayList<List<Integer>>();
        for (int i = 0; i < 1000; i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < 1000; i++) {
            meters.add(new Meter(ids[i], ids[i], SITE, "", i >= 400 ? "MACHINE" : "", "3P", "", "", tags.get(i),
                    parent[i] < 0 ? Optional.empty() : Optional.of(ids[parent[i]]), 0));
            if (parent[i] >= 0) {
                children.get(parent[i]).add(i);
            }
        }
        return new Tree(meters, parent, children);
    }

    /** Energy of every meter in window {@code w} (nano-kWh): circuits by a formula, parents = children + a share. */
    static long[] energies(Tree t, int w) {
        var e = new long[1000];
        for (int m = 999; m >= 0; m--) {
            if (m >= 400) {
                e[m] = (2_000L + (m * 37L + w * 13L) % 1_500L) * 1_000_000L; // 2.0 .. 3.5 kWh
            } else {
                long sum = 0;
                for (int c : t.children().get(m)) {
                    sum += e[c];
                }
                long share;
                if (m >= 100 && m % 97 == 0) {
                    share = -sum * 3 / 100; // a reversed CT: children 3 % above the panel
                } else if (m >= 100) {
                    share = sum * (m % 50) / 1000; // 0 .. 4.9 % unmetered
                } else if (m >= 10) {
                    share = sum / 100;
                } else if (m >= 1) {
                    share = sum * 2 / 100;
                } else {
                    share = sum * 5 / 1000;
                }
                e[m] = sum + share;
            }
        }
        return e;
    }

    public static void main(String[] args) throws Exception {
        var opts = CarbonBench.options(args);
        var phase = opts.getOrDefault("--phase", "all");
        int runs = Integer.parseInt(opts.getOrDefault("--runs", "3"));
        var given = opts.containsKey("--dir") ? Path.of(opts.get("--dir")) : null;
        var dir = given != null ? given : Files.createTempDirectory("audit-bench-");
        System.out.printf(Locale.ROOT, "AuditBench: JVM %s, %d CPUs, -Xmx %d MB, dir %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, dir);
        var tree = tree();
        try {
            if (phase.equals("store") || phase.equals("all")) {
                store(tree, dir.resolve("store"));
            }
            if (phase.equals("audit") || phase.equals("all")) {
                audit(tree, dir.resolve("store"), runs);
            }
        } finally {
            if (given == null) {
                try (var files = Files.walk(dir)) {
                    for (var p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    static void store(Tree tree, Path dir) {
        long t0 = System.nanoTime();
        long stored = 0;
        try (var store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults())) {
            var now = Instant.now();
            for (int d = 0; d < DAYS; d++) {
                var day = new long[PER_DAY][];
                for (int k = 0; k < PER_DAY; k++) {
                    day[k] = energies(tree, d * PER_DAY + k);
                }
                for (int m0 = 0; m0 < 1000; m0 += 50) {
                    var batch = new ArrayList<EmissionWindow>(50 * PER_DAY * 2);
                    for (int m = m0; m < m0 + 50; m++) {
                        var id = tree.meters().get(m).id();
                        for (int k = 0; k < PER_DAY; k++) {
                            var start = FROM.plus(Q.multipliedBy((long) d * PER_DAY + k));
                            long nano = day[k][m];
                            long hour = (start.getEpochSecond() / 3600) % 24;
                            long loc = nano * (300 + 10 * hour) / 1000; // 300..530 g/kWh -> µg
                            long mkt = nano * 450 / 1000;
                            batch.add(window(id, AccountingMethod.LOCATION_BASED, start, nano, loc, now));
                            batch.add(window(id, AccountingMethod.MARKET_BASED, start, nano, mkt, now));
                        }
                    }
                    stored += store.storeWindows(batch, "computed").added();
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "store: %,d windows in %.1f s (%,.0f windows/s)%n", stored, s, stored / s);
    }

    private static EmissionWindow window(String id, AccountingMethod method, Instant start, long nano, long ug,
            Instant now) {
        return new EmissionWindow(id, SITE, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start, start.plus(Q),
                nano, ug, 1, 0, 0, Quality.GOOD, Set.of(), start, start.plus(Q), 1, now);
    }

    static void audit(Tree tree, Path dir, int runs) {
        // expected: each meter's month total
        var total = new long[1000];
        for (int w = 0; w < DAYS * PER_DAY; w++) {
            var e = energies(tree, w);
            for (int m = 0; m < 1000; m++) {
                total[m] += e[m];
            }
        }
        var registry = MeterRegistryImpl.of(tree.meters());
        try (var store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults())) {
            var service = new AuditServiceImpl(registry, store, null, null, a -> { }, Clock.systemUTC());
            var request = new AuditRequest(SITE, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1));
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            var report = service.audit(request);
            long cold = System.nanoTime() - t0;
            long peak = peakHeap();
            long best = Long.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                long t1 = System.nanoTime();
                report = service.audit(request);
                best = Math.min(best, System.nanoTime() - t1);
            }
            System.gc();
            long after = usedHeap();
            int exact = 0;
            var byParent = new HashMap<String, AuditFinding>();
            report.findings().forEach(f -> byParent.put(f.parent(), f));
            Map<AuditFinding.Verdict, Integer> verdicts = new java.util.EnumMap<>(AuditFinding.Verdict.class);
            for (int m = 0; m < 400; m++) {
                var f = byParent.get(tree.meters().get(m).id());
                long children = 0;
                for (int c : tree.children().get(m)) {
                    children += total[c];
                }
                if (f != null && f.parentNano() == total[m] && f.childrenNano() == children
                        && f.windowsCompared() == DAYS * PER_DAY && f.unmeteredMarketMicrograms().isPresent()) {
                    exact++;
                }
                if (f != null) {
                    verdicts.merge(f.verdict(), 1, Integer::sum);
                }
            }
            long windows = 2L * 1000 * DAYS * PER_DAY;
            System.out.printf(Locale.ROOT, "audit: %d parents, %,d windows (both methods): first %.0f ms, best of %d"
                    + " %.0f ms (%,.0f windows/s); heap peak %d MB, after GC %d MB; exact %d of 400; verdicts %s%n",
                    report.findings().size(), windows, cold / 1e6, runs, best / 1e6, windows / (best / 1e9),
                    peak >> 20, after >> 20, exact, verdicts);
            var worst = report.findings().get(0);
            System.out.printf(Locale.ROOT, "worst: %s %s %s kWh of %s kWh (%s %%)%n", worst.parent(), worst.verdict(),
                    worst.unmeteredNano() / 1e9, worst.parentNano() / 1e9, worst.unmeteredPercent().orElse(null));
            var treeService = new MeterTreeImpl(registry, store, null, s -> ZoneOffset.UTC);
            long t2 = System.nanoTime();
            var root = treeService.tree(SITE, MeterTree.View.METERING, LocalDate.of(2025, 1, 1),
                    LocalDate.of(2025, 2, 1));
            long treeNanos = System.nanoTime() - t2;
            long t3 = System.nanoTime();
            treeService.tree(SITE, MeterTree.View.LOCATION, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1));
            long locNanos = System.nanoTime() - t3;
            System.out.printf(Locale.ROOT, "tree: %d nodes, site %.3f MWh (expected %.3f): metering %.0f ms, location"
                    + " %.0f ms%n", root.size(), root.energyNano() / 1e12, total[0] / 1e12, treeNanos / 1e6,
                    locNanos / 1e6);
        }
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

    private static long usedHeap() {
        var rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
