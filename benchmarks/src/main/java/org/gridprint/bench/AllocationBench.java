package org.gridprint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gridprint.allocation.rules.AllocationServiceImpl;
import org.gridprint.allocation.rules.RuleConfiguration;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * AllocationBench (issue 14, allocation rules): a site of 1,000 meters in a 5-level tree (main → 4 buildings → 20
 * floors → 100 panels → 875 circuits), one month (November 2026, America/New_York) of 15-minute emission windows,
 * location- and market-based (5,760,000 windows in the Derby store), allocated to 20 departments by three rules:
 * every tagged circuit by submeter, 5 chillers split by the runtime of 10 fan coils (RUNTIME counters), the main's
 * remainder by floor area. Measures {@code AllocationService.allocate}: the first computation (streamed scan of the
 * windows of the main and the 875 taken circuits, split, rounding, stored as version 1), the stored period read again
 * (windows recomputed with the stored rule version and checked against the stored digest) and a recalculation
 * (version 2); heap peak per run; checks that the shares add up to the main's month exactly (computed here from the
 * generator).
 *
 * <pre>
 * java -Xmx256m -cp $CP org.gridprint.bench.AllocationBench --phase all --dir /tmp/alloc-bench
 * </pre>
 * Options: {@code --phase store|allocate|all} (all), {@code --dir PATH} (the Derby store; kept), {@code --runs N}
 * (3 timed first computations, each on a fresh period key).
 */
public final class AllocationBench {

    static final String SITE = "bench";
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final Instant FROM = Instant.parse("2026-11-01T04:00:00Z"); // midnight in New York
    static final Instant TO = Instant.parse("2026-12-01T05:00:00Z");
    static final long WINDOW_MS = 15 * 60_000L;
    static final int DEPARTMENTS = 20;

    private AllocationBench() {
    }

    public static void main(String[] args) throws Exception {
        var opts = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        var phase = opts.getOrDefault("--phase", "all");
        var dir = Path.of(opts.getOrDefault("--dir", "/tmp/alloc-bench"));
        int runs = Integer.parseInt(opts.getOrDefault("--runs", "3"));
        var tree = new Tree();
        System.out.printf(Locale.ROOT, "AllocationBench: %d meters (%d circuits), %d windows per meter and method,"
                + " JVM %s, %d CPUs, -Xmx %d MB%n", tree.meters.size(), tree.circuits.size(), windows(),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (phase.equals("store") || phase.equals("all")) {
            Files.createDirectories(dir);
            try (var store = DerbyStore.open(dir.resolve("store"), Clock.systemUTC(), StoreOptions.defaults())) {
                long t0 = System.nanoTime();
                long n = tree.store(store);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "store: %,d windows in %.1f s (%,.0f windows/s), %,d runtime readings%n",
                        n, s, n / s, tree.fcus.size() * (windows() + 1L));
            }
        }
        if (phase.equals("scan")) {
            // the floor: the same scan with a sink that only counts (what the store's decoding costs)
            try (var store = DerbyStore.open(dir.resolve("store"), Clock.systemUTC(), StoreOptions.defaults())) {
                var ids = new java.util.HashSet<String>(tree.circuits);
                ids.add("bench/main");
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    long[] n = {0};
                    store.scanWindows(new org.gridprint.api.store.WindowQuery(FROM, TO, ids, SITE,
                            Optional.of(Scope.SCOPE_2), Optional.empty()), w -> {
                                n[0] += w.amountNano() & 1;
                                return true;
                            });
                    System.out.printf(Locale.ROOT, "scan only (one thread), run %d: %.2f s  load %s%n", run,
                            (System.nanoTime() - t0) / 1e9, load());
                }
            }
        }
        if (phase.equals("allocate") || phase.equals("all")) {
            try (var store = DerbyStore.open(dir.resolve("store"), Clock.systemUTC(), StoreOptions.defaults())) {
                var service = new AllocationServiceImpl(store, store, store, tree.registry(), tree.rules(), null,
                        Clock.systemUTC());
                long mainNano = tree.mainTotalNano();
                long expectedWh = mainNano / 1_000_000 + (mainNano % 1_000_000 >= 500_000 ? 1 : 0);
                // each run its own period key, new in every invocation: the end moves by a few ms past TO, which
                // does not change which windows start in the period (none is stored after TO)
                long base = System.currentTimeMillis() / 1000 % 86_400 * 10;
                for (int run = 0; run <= runs; run++) {
                    var to = TO.plusMillis(base + run);
                    var request = new AllocationRequest(SITE, "department", FROM, to, ZONE, false, "");
                    var a = timed(run == 0 ? "first computation (warm-up)" : "first computation, run " + run,
                            () -> service.allocate(request));
                    check(a, expectedWh);
                    if (run == runs) {
                        timed("stored period read again (windows recomputed, digest checked)",
                                () -> service.allocate(request));
                        var r = timed("recalculation (version 2)", () -> service.allocate(new AllocationRequest(SITE,
                                "department", FROM, to, ZONE, true, "bench recalculation")));
                        check(r, expectedWh);
                        print(r);
                    }
                }
            }
        }
    }

    static int windows() {
        return (int) ((TO.toEpochMilli() - FROM.toEpochMilli()) / WINDOW_MS);
    }

    interface Call {
        Allocation run();
    }

    static Allocation timed(String label, Call call) {
        System.gc();
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        var a = call.run();
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%-62s %6.2f s  version %d  %,d target windows  heap peak %,d MB  load %s%n",
                label, s, a.version(), a.windows().size(), peak >> 20, load());
        return a;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    static void check(Allocation a, long expectedWh) {
        long wh = a.shares().stream().mapToLong(AllocationShare::energyWh).sum();
        long loc = a.shares().stream().mapToLong(AllocationShare::locationCo2eGrams).sum();
        long mkt = a.shares().stream().mapToLong(AllocationShare::marketCo2eGrams).sum();
        long rec = a.shares().stream().mapToLong(AllocationShare::recWh).sum();
        if (wh != a.totalEnergyWh() || loc != a.totalLocationCo2eGrams() || mkt != a.totalMarketCo2eGrams()
                || rec != a.totalRecWh() || wh != expectedWh) {
            throw new IllegalStateException("shares do not add up: " + wh + " Wh of " + a.totalEnergyWh()
                    + " (main " + expectedWh + "), " + loc + " g, " + mkt + " g, " + rec + " Wh");
        }
    }

    static void print(Allocation a) {
        System.out.printf(Locale.ROOT, "total %,.3f kWh, location %,.3f kg, market %,.3f kg, REC %,.3f kWh; %d"
                + " shares, e.g.%n", a.totalEnergyWh() / 1e3, a.totalLocationCo2eGrams() / 1e3,
                a.totalMarketCo2eGrams() / 1e3, a.totalRecWh() / 1e3, a.shares().size());
        a.shares().stream().limit(3).forEach(s -> System.out.printf(Locale.ROOT, "  %-14s %,12.3f kWh  %s%n",
                s.target(), s.energyWh() / 1e3, s.basis()));
    }

    /** The generated site: ids, parents, leaves under each meter; deterministic amounts. */
    static final class Tree {
        final Map<String, Meter> meters = new LinkedHashMap<>();
        final List<String> circuits = new ArrayList<>();
        final List<String> chillers = new ArrayList<>();
        final List<String> fcus = new ArrayList<>();
        final Map<String, List<Integer>> leaves = new HashMap<>();

        Tree() {
            add("bench/main", null, "MAIN", "");
            int circuit = 0;
            int panelNo = 0;
            for (int b = 1; b <= 4; b++) {
                var building = "bench/b" + b;
                add(building, "bench/main", "BUILDING", "");
                for (int f = 1; f <= 5; f++) {
                    var floor = building + "/f" + f;
                    add(floor, building, "FLOOR", "");
                    for (int p = 1; p <= 5; p++, panelNo++) {
                        var panel = floor + "/p" + p;
                        add(panel, floor, "PANEL", "");
                        int n = panelNo < 75 ? 9 : 8;
                        for (int c = 1; c <= n; c++, circuit++) {
                            var id = panel + "/c" + c;
                            boolean chiller = circuit % 175 == 7;
                            add(id, panel, chiller ? "CHILLER" : circuit % 87 == 3 ? "FCU" : "CIRCUIT",
                                    chiller ? "" : String.format(Locale.ROOT, "D%02d", circuit % DEPARTMENTS));
                            circuits.add(id);
                            if (chiller) {
                                chillers.add(id);
                            } else if (circuit % 87 == 3) {
                                fcus.add(id);
                            }
                        }
                    }
                }
            }
            for (var id : meters.keySet()) {
                var list = new ArrayList<Integer>();
                for (int i = 0; i < circuits.size(); i++) {
                    var c = circuits.get(i);
                    if (c.equals(id) || c.startsWith(id.equals("bench/main") ? "bench/" : id + "/")) {
                        list.add(i);
                    }
                }
                leaves.put(id, list);
            }
        }

        private void add(String id, String parent, String type, String department) {
            meters.put(id, new Meter(id, id, SITE, "", type, "3P", department, "", List.of(),
                    Optional.ofNullable(parent), 0));
        }

        /** A circuit's energy in window j, nano-kWh: 0.05..0.25 kWh per quarter hour. */
        static long circuit(int i, int j) {
            long h = (i * 2_654_435_761L) ^ (j * 40_503L) ^ 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            return 50_000_000L + Math.floorMod(h, 200_000_000L);
        }

        /** A meter's energy in window j: its circuits plus 2 % unmetered per level above them. */
        long amount(String id, int j) {
            long sum = 0;
            for (int i : leaves.get(id)) {
                sum += circuit(i, j);
            }
            int levels = (int) id.chars().filter(ch -> ch == '/').count();
            return switch (meters.get(id).assetType()) {
                case "MAIN" -> sum + sum / 50 * 4;
                case "BUILDING" -> sum + sum / 50 * 3;
                case "FLOOR" -> sum + sum / 50 * 2;
                case "PANEL" -> sum + sum / 50;
                default -> levels >= 0 ? sum : sum;
            };
        }

        long mainTotalNano() {
            long t = 0;
            for (int j = 0; j < windows(); j++) {
                t += amount("bench/main", j);
            }
            return t;
        }

        long store(DerbyStore store) {
            long n = 0;
            int w = windows();
            var computed = Instant.parse("2026-12-01T06:00:00Z");
            for (var id : meters.keySet()) {
                var list = new ArrayList<EmissionWindow>(2 * w);
                for (int j = 0; j < w; j++) {
                    long nano = amount(id, j);
                    var start = FROM.plusMillis(j * WINDOW_MS);
                    var end = start.plusMillis(WINDOW_MS);
                    long covered = nano * 3 / 10;
                    list.add(new EmissionWindow(id, SITE, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                            AccountingMethod.LOCATION_BASED, start, end, nano, nano * 2 / 5, 1, 0, 0, Quality.GOOD,
                            null, start, end, 1, computed));
                    list.add(new EmissionWindow(id, SITE, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                            AccountingMethod.MARKET_BASED, start, end, nano, (nano - covered) / 2, 2, 3, covered,
                            Quality.GOOD, null, start, end, 1, computed));
                }
                store.storeWindows(list, "bench");
                n += list.size();
            }
            for (int k = 0; k < fcus.size(); k++) {
                var readings = new ArrayList<Reading>();
                double hours = 1000 * (k + 1);
                for (int j = 0; j <= w; j++) {
                    readings.add(Reading.good(fcus.get(k), Quantity.RUNTIME, FROM.plusMillis(j * WINDOW_MS), hours,
                            "bench"));
                    hours += (circuit(k, j) % 4) * 0.0625; // 0..0.1875 h per quarter hour
                }
                store.append("bench", readings);
            }
            return n;
        }

        MeterRegistry registry() {
            return new MeterRegistry() {
                @Override
                public Optional<Meter> meter(String id) {
                    return Optional.ofNullable(meters.get(id));
                }

                @Override
                public Collection<Meter> meters() {
                    return meters.values();
                }
            };
        }

        List<RuleConfiguration> rules() {
            var runtime = new StringBuilder();
            for (int k = 0; k < fcus.size(); k++) {
                runtime.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "D%02d", k)).append(':')
                        .append(fcus.get(k));
            }
            var area = new StringBuilder();
            for (int d = 0; d < DEPARTMENTS; d++) {
                area.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "D%02d:%d", d, 400 + 37 * d));
            }
            return List.of(
                    RuleConfiguration.of("org.gridprint.allocation.rule~sub", Map.of("site", SITE, "method",
                            "submeter")),
                    RuleConfiguration.of("org.gridprint.allocation.rule~plant", Map.of("site", SITE, "name", "plant",
                            "method", "runtime", "pool", String.join(", ", chillers), "runtime", runtime.toString())),
                    RuleConfiguration.of("org.gridprint.allocation.rule~rest", Map.of("site", SITE, "method", "area",
                            "pool", "remainder", "main", "bench/main", "area", area.toString())));
        }
    }
}
