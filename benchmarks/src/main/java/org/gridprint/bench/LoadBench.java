package org.gridprint.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.store.derby.StoreOptions;

/**
 * Realistic ingest load: devices polled every second on wall-clock slots by a pool of submitting threads, through
 * {@code IngestServiceImpl.submit} into the Derby store and (with {@code --postgres}) PostgreSQL, one after the
 * other in the same run. Per shape and store: a warm-up, then phases of equal length with the load going on all
 * the time — {@code baseline}; {@code verify} (a full verify over and over in another thread); {@code export} (a
 * year-long export over and over in another thread) — then open-loop runs of tiny batches as fast as the store
 * takes them. Prints the configuration, a line per phase and markdown tables for docs/benchmarks.md. Bounded:
 * every phase ends by itself; no network except the loopback PostgreSQL URL given. Options:
 *
 * <pre>
 * --shapes 1000x3,100x40   slot-load shapes: devices x readings per poll (x3: one meter's energy, power, reactive
 *                          energy; x40: a gateway of 10 meters x 4 points)
 * --threads T              submitting threads of the slot load (default 16)
 * --warmup S --duration S  warm-up and phase length in seconds (default 10 and 60)
 * --phases LIST            default baseline,verify,export
 * --export-meters E        meters with a year of hourly emission records for the export phase (default 20)
 * --open-threads LIST      open-loop thread counts (default 8,32; "none" to skip)
 * --open-shape SHAPE       open-loop shape (default 1000x3); --open-duration S (default 20)
 * --backends LIST          derby,postgres (default: derby, and postgres when --postgres is given)
 * --postgres URL           also run PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:54329/gridprint_bench?user=postgres
 * --postgres-store auto|bundle|bench   the real store (bundles/store-postgres, when on the class path: auto) or
 *                          the bench's PgReadingStore with stand-in readers
 * --label TEXT             printed with the results, e.g. "before: store as of commit 106c38c"
 * --flush-threshold R     Derby store's memtable flush threshold (default: the store's default; all other
 *                          store options are the store's defaults)
 * --dir PATH               parent of the store directories (default: a new temp directory, deleted at the end)
 * </pre>
 */
public final class LoadBench {

    private static final Instant OPEN_LOOP_FIRST_TS = Instant.parse("2025-01-01T00:00:00Z");

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        var opts = parse(args);
        var shapes = list(opts.getOrDefault("shapes", "1000x3,100x40")).stream().map(LoadShape::parse).toList();
        int threads = intOption(opts, "threads", 16);
        int warmup = intOption(opts, "warmup", 10);
        int duration = intOption(opts, "duration", 60);
        var phases = list(opts.getOrDefault("phases", "baseline,verify,export"));
        for (var p : phases) {
            if (!List.of("baseline", "verify", "export").contains(p)) {
                throw new IllegalArgumentException("--phases: unknown phase " + p + "; expected baseline, verify, export");
            }
        }
        int exportMeters = intOption(opts, "export-meters", 20);
        var openThreads = opts.getOrDefault("open-threads", "8,32").equals("none") ? List.<Integer>of()
                : list(opts.getOrDefault("open-threads", "8,32")).stream().map(Integer::parseInt).toList();
        var openShape = LoadShape.parse(opts.getOrDefault("open-shape", "1000x3"));
        int openDuration = intOption(opts, "open-duration", 20);
        var label = opts.getOrDefault("label", "");
        // the store's defaults (what ships), only the flush threshold adjustable: no dependence on the record's shape
        var options = opts.containsKey("flush-threshold")
                ? StoreOptions.defaults().withFlushThreshold(intOption(opts, "flush-threshold", 0))
                : StoreOptions.defaults();
        boolean tempBase = !opts.containsKey("dir");
        var base = tempBase ? Files.createTempDirectory("gridprint-load") : Path.of(opts.get("dir"));
        var pgUrl = opts.get("postgres");

        System.out.println("gridprint load bench" + (label.isEmpty() ? "" : " — " + label));
        System.out.println("code: " + RunInfo.commit());
        System.out.printf(Locale.ROOT, "JVM: Java %s, %d cores, max heap %d MB; load average %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, RunInfo.loadAverage());
        System.out.printf(Locale.ROOT, "slot load: shapes %s, %d submitting threads, warm-up %d s, phases %s of %d s "
                + "each; open loop: %s, threads %s, %d s; Derby %s; directories under %s%n",
                shapes.stream().map(LoadShape::name).toList(), threads, warmup, phases, duration, openShape.name(),
                openThreads, openDuration, options, base);
        var pgStore = opts.getOrDefault("postgres-store", "auto");
        if (!List.of("auto", "bundle", "bench").contains(pgStore)) {
            throw new IllegalArgumentException("--postgres-store " + pgStore + ": expected auto, bundle or bench");
        }
        boolean pgBundle = pgStore.equals("bundle") || pgStore.equals("auto") && PgStoreTarget.onClassPath();
        if (pgBundle && !PgStoreTarget.onClassPath()) {
            throw new IllegalArgumentException("--postgres-store bundle: " + PgStoreTarget.STORE_CLASS + " is not on "
                    + "the class path (add gridprint-store-postgres and HikariCP to benchmarks/pom.xml)");
        }
        if (pgUrl != null) {
            try (var c = DriverManager.getConnection(pgUrl)) {
                System.out.println("PostgreSQL: " + IngestBench.masked(pgUrl) + " (" + PgReadingStore.serverInfo(c)
                        + "), " + (pgBundle ? "through the real store, bundles/store-postgres (schema "
                                + PgStoreTarget.SCHEMA + ", dropped at the end)"
                                : "through the bench's PgReadingStore (one connection, appends serialised; "
                                        + "bundles/store-postgres is not on the class path)"));
            } catch (SQLException e) {
                System.out.println("ERROR: PostgreSQL at " + IngestBench.masked(pgUrl) + " is unreachable ("
                        + e.getMessage() + "); running Derby only");
                pgUrl = null;
            }
        }
        var backends = list(opts.getOrDefault("backends", pgUrl == null ? "derby" : "derby,postgres"));
        for (var b : backends) {
            if (!b.equals("derby") && !(b.equals("postgres") && pgUrl != null)) {
                throw new IllegalArgumentException("--backends: " + b + " cannot run; expected derby, or postgres "
                        + "together with a reachable --postgres URL");
            }
        }

        var rows = new ArrayList<Tables.Line>();
        var notes = new ArrayList<String>();
        var tmp = Files.createDirectories(base.resolve("exports"));
        for (var shape : shapes) {
            for (var backend : backends) {
                try (var target = open(backend, base.resolve("derby-" + shape.name()), options, pgUrl, pgBundle,
                        base.resolve("pg-anchors-" + shape.name()), shape.meters())) {
                    rows.addAll(slotRun(target, shape, threads, warmup, duration, phases, exportMeters, tmp, notes));
                } catch (Exception e) {
                    if (!backend.equals("postgres")) {
                        throw e;
                    }
                    pgFailed(pgUrl, shape.name(), e);
                }
            }
        }
        for (int t : openThreads) {
            for (var backend : backends) {
                try (var target = open(backend, base.resolve("derby-open-" + t), options, pgUrl, pgBundle,
                        base.resolve("pg-anchors-open-" + t), openShape.meters())) {
                    rows.add(openRun(target, openShape, t, warmup, openDuration));
                } catch (Exception e) {
                    if (!backend.equals("postgres")) {
                        throw e;
                    }
                    pgFailed(pgUrl, "open loop " + t + " threads", e);
                }
            }
        }
        if (tempBase) {
            try (var files = Files.walk(base)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("load average at the end: " + RunInfo.loadAverage());
        System.out.println();
        Tables.print(rows, label, notes);
    }

    /**
     * Waits (at most 60 s) until the machine's dirty page cache is below 64 MB, so that the kernel writing back
     * what the set-up wrote (emission records, a checkpoint) does not slow the first phase's syncs.
     */
    private static void settle() throws InterruptedException {
        long t0 = System.nanoTime();
        long dirty = RunInfo.dirtyKiB();
        while (dirty > 64 * 1024 && System.nanoTime() - t0 < 60_000_000_000L) {
            Thread.sleep(200);
            dirty = RunInfo.dirtyKiB();
        }
        double waited = (System.nanoTime() - t0) / 1e9;
        if (waited > 0.5) {
            System.out.printf(Locale.ROOT, "  waited %.1f s for the page cache to be written back (dirty now %,d kB)%n",
                    waited, dirty);
        }
    }

    /** A checkpoint that fails only makes the write volume less complete: said, and the run goes on. */
    private static void checkpoint(BenchTarget target) {
        try {
            target.checkpoint();
        } catch (Exception e) {
            System.out.println("WARNING: " + target.name() + ": checkpoint failed (" + e
                    + "); the write volume leaves out pages not yet written");
        }
    }

    /** A PostgreSQL run that could not start or finish: said, and the other runs go on. */
    private static void pgFailed(String url, String what, Exception e) {
        System.out.println("ERROR: PostgreSQL run (" + what + ") against " + IngestBench.masked(url) + " failed: "
                + e + "; its figures are missing, the others stand");
    }

    private static BenchTarget open(String backend, Path derbyDir, StoreOptions options, String pgUrl,
            boolean pgBundle, Path pgAnchors, List<Meter> meters) throws Exception {
        if (backend.equals("derby")) {
            Files.createDirectories(derbyDir);
            return new DerbyTarget(derbyDir, true, options, meters);
        }
        return pgBundle ? new PgStoreTarget(pgUrl, meters, pgAnchors) : new PgTarget(pgUrl, meters);
    }

    private static List<Tables.Line> slotRun(BenchTarget target, LoadShape shape, int threads, int warmup, int duration,
            List<String> phases, int exportMeters, Path tmp, List<String> notes) throws Exception {
        System.out.printf(Locale.ROOT, "== %s, %s: %d devices x %d readings every second, %d submitting threads; "
                + "load average %s%n", target.name(), shape.name(), shape.devices(), shape.readingsPerBatch(), threads,
                RunInfo.loadAverage());
        if (!target.readerNote().isEmpty() && !notes.contains(target.readerNote())) {
            notes.add(target.readerNote());
        }
        var note = target.name() + ": durable commits = " + target.commitsHow();
        if (!notes.contains(note)) {
            notes.add(note);
        }
        var out = new ArrayList<Tables.Line>();
        var warm = new PhaseRecorder("warm-up");
        var load = new SlotLoad(target.ingest(), shape, threads, warm);
        try {
            load.start();
            if (phases.contains("export")) {
                // a few seconds of load first: a store whose ledger chains derived records to the batches they were
                // computed from (the hardened contract) needs readings before emission records
                Thread.sleep(2_000);
                load.switchTo(null);
                warm.awaitIdle(600_000);
                var ids = shape.meters().stream().limit(exportMeters).map(Meter::id).toList();
                long t0 = System.nanoTime();
                long n = target.prefillEmissions(ids);
                if (n >= 0) {
                    System.out.printf(Locale.ROOT, "  emission records for the export: %,d (%d meters x a year, "
                            + "hourly) stored in %.1f s%n", n, ids.size(), (System.nanoTime() - t0) / 1e9);
                }
                checkpoint(target);
                load.switchTo(warm);
            }
            Thread.sleep(warmup * 1000L);
            load.switchTo(null);
            warm.awaitIdle(600_000);
            settle();
            for (var phase : phases) {
                if (phase.equals("baseline")) {
                    checkpoint(target); // the writes measured are the phase's own
                }
                long io0 = target.bytesWritten();
                long wal0 = target.walBytes();
                long c0 = target.durableCommits();
                var rec = new PhaseRecorder(phase);
                BackgroundLoop bg = switch (phase) {
                    case "verify" -> new BackgroundLoop("full verify", target::verifyOnce);
                    case "export" -> new BackgroundLoop("year-long export", () -> target.exportOnce(tmp));
                    default -> null;
                };
                load.switchTo(rec);
                if (bg != null) {
                    bg.start();
                }
                Thread.sleep(duration * 1000L);
                // pause the load, let the reader finish its run and the phase's polls return: each phase starts
                // from an idle store and is charged with its own slow polls only
                load.switchTo(null);
                String background = "";
                if (bg != null) {
                    bg.stopAndWait(600_000);
                    background = bg.summary();
                    if (bg.failure() != null) {
                        System.out.println("ERROR: " + background);
                    }
                }
                if (!rec.awaitIdle(600_000)) {
                    System.out.println("WARNING: polls of the " + phase + " phase still running 10 minutes after it");
                }
                long c1 = target.durableCommits();
                long ioBeforeCheckpoint = target.bytesWritten();
                if (phase.equals("baseline")) {
                    checkpoint(target);
                }
                long io1 = target.bytesWritten();
                long wal1 = target.walBytes();
                if (io0 >= 0 && io1 >= 0) {
                    System.out.printf(Locale.ROOT, "  %s: %.1f MB written during the phase%s%n", phase,
                            (ioBeforeCheckpoint - io0) / 1e6, phase.equals("baseline") ? String.format(Locale.ROOT,
                                    ", %.1f MB by the checkpoint at its end", (io1 - ioBeforeCheckpoint) / 1e6) : "");
                }
                out.add(new Tables.Line(target.name(), shape.name(), threads, phase, rec, 0, c0 < 0 ? -1 : c1 - c0,
                        io0 < 0 || io1 < 0 ? -1 : io1 - io0, wal0 < 0 ? -1 : wal1 - wal0, background));
            }
        } finally {
            load.close(); // waits for every poll in flight
        }
        var done = new ArrayList<Tables.Line>();
        for (var r : out) {
            // every poll has returned now: the recorders are final; a phase lasts as many seconds as it had slots
            var row = new Tables.Line(r.store(), r.shape(), r.threads(), r.phase(), r.rec(), r.rec().slots.get(),
                    r.commits(), r.bytesWritten(), r.walBytes(), r.background());
            done.add(row);
            Tables.printPhase(row.store(), row.shape(), row.phase(), row.rec(), row.seconds(), row.background());
        }
        System.out.printf(Locale.ROOT, "  store size on disk at the end: %.1f MB%n", target.sizeOnDisk() / 1e6);
        return done;
    }

    private static Tables.Line openRun(BenchTarget target, LoadShape shape, int threads, int warmup, int duration)
            throws Exception {
        System.out.printf(Locale.ROOT, "== %s, open loop: %s batches back to back from %d threads; load average %s%n",
                target.name(), shape.name(), threads, RunInfo.loadAverage());
        settle();
        long[] at = new long[4];
        var rec = OpenLoad.run(target.ingest(), shape, threads, OPEN_LOOP_FIRST_TS, Duration.ofSeconds(warmup),
                Duration.ofSeconds(duration), () -> {
                    at[0] = target.durableCommits();
                    at[2] = target.bytesWritten();
                }, () -> {
                    at[1] = target.durableCommits();
                    at[3] = target.bytesWritten();
                });
        var row = new Tables.Line(target.name(), shape.name(), threads, "open loop", rec, duration,
                at[0] < 0 ? -1 : at[1] - at[0], at[2] < 0 ? -1 : at[3] - at[2], -1, "");
        Tables.printPhase(row.store(), row.shape(), row.phase() + " " + threads + " threads", rec, duration, "");
        return row;
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int intOption(Map<String, String> opts, String name, int defaultValue) {
        var value = opts.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + value + ": expected a whole number");
        }
    }

    private static Map<String, String> parse(String[] args) {
        var out = new TreeMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; see the LoadBench javadoc");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
