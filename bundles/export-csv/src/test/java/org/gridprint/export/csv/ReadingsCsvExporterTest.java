package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.store.ReadingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingsCsvExporterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Quantity E = Quantity.ACTIVE_ENERGY_IMPORT;

    @TempDir
    Path dir;

    private final Fakes.Registry registry = new Fakes.Registry();

    private ReadingsCsvExporter exporter(FakeReadingStore store) {
        return new ReadingsCsvExporter(registry, store, new Fakes.Ledger(),
                Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC), "test");
    }

    @Test
    void readingsAreWrittenPerSeriesInTimeOrderWithTheirProof() throws Exception {
        registry.add("hq/b", "hq/a");
        var store = new FakeReadingStore().span(T0, T0.plusSeconds(120));
        store.readings.addAll(List.of(
                new Reading("hq/b", E, T0, 10.5, Quality.GOOD, "modbus/p1"),
                new Reading("hq/a", Quantity.ACTIVE_POWER, T0.plusSeconds(60), -0.25, Quality.ESTIMATED, "modbus/p1"),
                new Reading("hq/a", E, T0.plusSeconds(60), 1234.125, Quality.GOOD, "modbus/p1"),
                new Reading("hq/a", E, T0, 1234, Quality.GOOD, "modbus, \"p1\""),
                new Reading("hq/a", E, T0.plusSeconds(120), 1e21, Quality.GOOD, "modbus/p1")));
        var target = dir.resolve("r.csv");

        var result = exporter(store).export(new ExportRequest(T0, T0.plusSeconds(120), List.of(), target));

        assertEquals(4, result.rows(), "the reading at 'to' is outside: from <= timestamp < to");
        var rows = CsvExporterTest.parse(Files.readString(target));
        assertEquals(ReadingsCsvExporter.HEADER, rows.get(0));
        assertEquals(List.of("hq/a", "ACTIVE_ENERGY_IMPORT", "kWh", "2026-03-01T00:00:00.000Z", "1234", "GOOD",
                "modbus, \"p1\""), rows.get(1));
        assertEquals("1234.125", rows.get(2).get(4));
        assertEquals(List.of("hq/a", "ACTIVE_POWER", "kW", "2026-03-01T00:01:00.000Z", "-0.25", "ESTIMATED",
                "modbus/p1"), rows.get(3));
        assertEquals("hq/b", rows.get(4).get(0));
        var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(target)));
        assertEquals(sha, result.sha256());
        assertEquals(sha + "  r.csv\n", Files.readString(CsvExporter.sidecar(target)));
        var manifest = Files.readString(CsvExporter.manifest(target));
        assertTrue(manifest.contains("\"format\": \"gridprint-readings-csv\"") && manifest.contains("\"rows\": 4")
                && manifest.contains("\"batch_id\": 7") && manifest.contains("\"ACTIVE_POWER\": 1"), manifest);
        assertEquals("1000000000000000000000", ReadingsCsvExporter.value(1e21));
        assertEquals("NaN", ReadingsCsvExporter.value(Double.NaN));
    }

    /**
     * Two million readings streamed from a store that makes them one at a time, in a test JVM of 64 MB (the module's
     * surefire argLine): a list of them (some 200 MB) would not fit, so the exporter cannot have collected them.
     */
    @Test
    void twoMillionReadingsStreamInConstantMemory() throws Exception {
        registry.add("hq/a");
        var n = 2_000_000;
        var store = new FakeReadingStore() {
            @Override
            public long scan(String meterId, Quantity quantity, Instant from, Instant to, ReadingSink sink) {
                calls.add("scan");
                if (quantity != E) {
                    return 0;
                }
                for (var k = 0; k < n; k++) {
                    if (!sink.accept(new Reading(meterId, E, T0.plusSeconds(k), k % 1000, Quality.GOOD, "gen"))) {
                        return k + 1;
                    }
                }
                return n;
            }
        }.span(T0, T0.plusSeconds(n - 1));
        var progress = new CopyOnWriteArrayList<Long>();
        var target = dir.resolve("big.csv");

        var result = exporter(store).export(new ExportRequest(T0, T0.plusSeconds(n), List.of(), target, false,
                (rows, meters, total) -> progress.add(rows)));

        assertEquals(n, result.rows());
        var digest = MessageDigest.getInstance("SHA-256");
        long lines = 0;
        try (var in = new BufferedReader(new InputStreamReader(new DigestInputStream(Files.newInputStream(target),
                digest), StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                lines++;
            }
        }
        assertEquals(n + 1, lines, "header and one line per reading");
        assertEquals(HexFormat.of().formatHex(digest.digest()), result.sha256());
        assertEquals(Long.valueOf(n), progress.get(progress.size() - 1), "the last progress call has every row");
        for (var k = 1; k < progress.size(); k++) {
            assertTrue(progress.get(k) >= progress.get(k - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void aCancelledExportStopsAtTheNextRowAndLeavesNoFile() throws Exception {
        registry.add("hq/a", "hq/b");
        var reached = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var delivered = new long[1];
        var store = new FakeReadingStore() {
            @Override
            public long scan(String meterId, Quantity quantity, Instant from, Instant to, ReadingSink sink) {
                calls.add("scan");
                for (var k = 0; k < 1_000_000; k++) {
                    if (k == 500) {
                        reached.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    delivered[0]++;
                    if (!sink.accept(new Reading(meterId, quantity, T0.plusMillis(k), k, Quality.GOOD, "gen"))) {
                        return k + 1;
                    }
                }
                return 1_000_000;
            }
        }.span(T0, T0.plus(Duration.ofHours(1)));
        var thrown = new AtomicReference<Throwable>();
        var caller = new Thread(() -> {
            try {
                exporter(store).export(new ExportRequest(T0, T0.plus(Duration.ofHours(1)), List.of(),
                        dir.resolve("c.csv")));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        assertTrue(reached.await(60, TimeUnit.SECONDS));

        CtrlC.press(caller, release);
        caller.join(TimeUnit.SECONDS.toMillis(60));

        assertInstanceOf(CancellationException.class, thrown.get(), String.valueOf(thrown.get()));
        assertEquals(501, delivered[0], "the scan was stopped by the sink at the first row after the cancel");
        assertEquals(1, store.calls.stream().filter("scan"::equals).count(), "no further series was read");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
