package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.Exporter;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingSink;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporters against the real Derby store: a period far larger than the data held is refused quickly (no walk
 * over the period), and a cancelled export leaves nothing behind and the store working.
 */
class DerbyExportTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Quantity E = Quantity.ACTIVE_ENERGY_IMPORT;
    private static final EmissionFactor FACTOR = new EmissionFactor(300, "g CO2e/kWh", "test factor", "2026", "AR5",
            "", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);

    @TempDir
    Path tmp;

    private Path out;
    private DerbyStore store;
    private final Fakes.Registry registry = new Fakes.Registry().add("hq/a", "hq/b");
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        out = Files.createDirectory(tmp.resolve("out"));
        store = DerbyStore.open(tmp.resolve("store"), Clock.systemUTC(), StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** {@code n} readings a minute apart per meter from T0, and an emission record per 15 minutes. */
    private void fill(int n) {
        var records = new ArrayList<EmissionRecord>();
        for (var meter : List.of("hq/a", "hq/b")) {
            var batch = new ArrayList<Reading>();
            for (var k = 0; k < n; k++) {
                batch.add(Reading.good(meter, E, T0.plusSeconds(60L * k), 100 + k * 0.25, "test/src"));
            }
            store.append("test/src", batch);
            for (var k = 0; k + 15 < n; k += 15) {
                var interval = new EnergyInterval(meter, E, T0.plusSeconds(60L * k), T0.plusSeconds(60L * (k + 15)),
                        100 + k * 0.25, 100 + (k + 15) * 0.25, 3.75, Quality.GOOD, Set.of());
                records.add(new EmissionRecord(interval, "hq", FACTOR, 1125, T0));
            }
        }
        store.store(records);
    }

    private ReadingStore readings() {
        return Counting.of(ReadingStore.class, store, calls);
    }

    private EmissionStore emissions() {
        return Counting.of(EmissionStore.class, store, calls);
    }

    private LedgerService ledger() {
        return Counting.of(LedgerService.class, store, calls);
    }

    private CsvExporter csv(ReadingStore readingStore, EmissionStore emissionStore) {
        return new CsvExporter(registry, readingStore, emissionStore, ledger(), Clock.systemUTC(), "test");
    }

    private ReadingsCsvExporter readingsCsv(ReadingStore readingStore) {
        return new ReadingsCsvExporter(registry, readingStore, ledger(), Clock.systemUTC(), "test");
    }

    @Test
    void aPeriodFrom1970To9999IsRefusedNamingTheDataHeldWithoutWalkingThePeriod() throws Exception {
        fill(60); // 09:00 .. 09:59
        var request = new ExportRequest(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("9999-12-31T00:00:00Z"),
                List.of(), out.resolve("all.csv"));

        for (Exporter exporter : List.of(csv(readings(), emissions()), readingsCsv(readings()))) {
            calls.clear();
            var e = assertThrows(IllegalArgumentException.class, () -> exporter.export(request));

            assertTrue(e.getMessage().contains("the store holds readings from 2026-11-25T09:00Z to 2026-11-25T09:59Z;"
                    + " choose --from/--to within that, e.g. --from 2026-11-25 --to 2026-11-26"), e.getMessage());
            assertTrue(calls.stream().noneMatch(c -> c.equals("emissions") || c.equals("scan") || c.equals("readings")),
                    "no data read: " + calls);
            // the store's span (or, from a store that cannot tell it, a bounded search per series); never per window
            var bound = 2 * Quantity.values().length * (HeldSpans.MAX_PROBES + 2) + 4;
            assertTrue(calls.size() <= bound, calls.size() + " store calls");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aPeriodThatOnlyPartlyCoversTheDataIsExportedReadingOnlyWhereDataIs() throws Exception {
        fill(60);
        var request = new ExportRequest(Instant.parse("1970-01-01T00:00:00Z"), T0.plus(Duration.ofMinutes(30)),
                List.of(), out.resolve("part.csv"));

        var result = csv(readings(), emissions()).export(request);

        assertEquals(4, result.rows(), "09:00-09:15 and 09:15-09:30 of two meters");
        assertEquals(2, calls.stream().filter("emissions"::equals).count(), "one read window per meter: " + calls);
    }

    @Test
    void anEmptyStoreSaysSo() {
        var e = assertThrows(IllegalStateException.class, () -> csv(readings(), emissions())
                .export(new ExportRequest(T0, T0.plus(Duration.ofDays(1)), List.of(), out.resolve("e.csv"))));

        assertTrue(e.getMessage().contains("holds no readings"), e.getMessage());
    }

    @Test
    void aReadingsExportCancelledMidScanLeavesNothingAndTheStoreKeepsAppending() throws Exception {
        fill(500);
        var reached = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var scanning = Counting.of(ReadingStore.class, store, calls, (method, args) -> {
            if (method.equals("scan")) {
                var sink = (ReadingSink) args[4];
                var seen = new int[1];
                args[4] = (ReadingSink) r -> {
                    if (++seen[0] == 100) {
                        reached.countDown();
                        try {
                            release.await(); // Ctrl-C comes now
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // if it reaches this thread, it stays pending
                        }
                    }
                    return sink.accept(r);
                };
            }
            return args;
        });
        var target = out.resolve("cancelled.csv");
        var failure = runAndInterrupt(readingsCsv(scanning),
                new ExportRequest(T0, T0.plus(Duration.ofDays(1)), List.of(), target), reached, release);

        assertInstanceOf(CancellationException.class, failure, String.valueOf(failure));
        assertTrue(failure.getMessage().contains("nothing was written to " + target), failure.getMessage());
        assertNothingIn(out);
        assertStoreStillWorks();
    }

    @Test
    void anEmissionsExportInterruptedDuringAStoreReadLeavesNothingAndTheStoreKeepsAppending() throws Exception {
        fill(120);
        var reached = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var reads = new int[1];
        var blocking = Counting.of(EmissionStore.class, store, calls, (method, args) -> {
            if (method.equals("emissions") && ++reads[0] == 2) {
                reached.countDown();
                try {
                    release.await(); // Ctrl-C comes now
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // if it reaches this thread, it reaches the store read
                }
            }
            return args;
        });
        var target = out.resolve("cancelled.csv");
        var failure = runAndInterrupt(csv(readings(), blocking),
                new ExportRequest(T0, T0.plus(Duration.ofDays(1)), List.of(), target), reached, release);

        assertInstanceOf(CancellationException.class, failure, String.valueOf(failure));
        assertNothingIn(out);
        assertStoreStillWorks();
    }

    /**
     * Runs the export on a thread as the console does, interrupts that thread (Ctrl-C) once the store is being read
     * ({@code reached}), lets the read go on ({@code release}), and returns what the export threw.
     */
    private static Throwable runAndInterrupt(Exporter exporter, ExportRequest request, CountDownLatch reached,
            CountDownLatch release) throws InterruptedException {
        var thrown = new AtomicReference<Throwable>();
        var thread = new Thread(() -> {
            try {
                exporter.export(request);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "export");
        thread.start();
        assertTrue(reached.await(60, TimeUnit.SECONDS), "the export reached the store");
        CtrlC.press(thread, release);
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!thread.isAlive(), "the export ended after the interrupt");
        return thrown.get();
    }

    private static void assertNothingIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no target and no temp file");
        }
    }

    private void assertStoreStillWorks() {
        var later = T0.plus(Duration.ofDays(1));
        var result = store.append("test/after", List.of(Reading.good("hq/a", E, later, 999, "test/after")));
        assertInstanceOf(IngestOutcome.Accepted.class, result.outcomes().get(0), result.outcomes().toString());
        assertEquals(List.of(999.0), store.readings("hq/a", E, later, later.plusSeconds(1)).stream()
                .map(Reading::value).toList());
        assertInstanceOf(VerificationReport.Intact.class, store.verify());
    }
}
