package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExporterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final String TRICKY_SOURCE = "US EPA eGRID2022, Table 1, subregion \"RFCE\" (CO2e)";
    private static final EmissionFactor RFCE = new EmissionFactor(299.507041911, "g CO2e/kWh", TRICKY_SOURCE,
            "eGRID2022 (2024-01-30)", "AR4", "eGRID RFCE", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);

    @TempDir
    Path dir;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Registry registry = new Registry();
    private final Store store = new Store();
    private final Ledger ledger = new Ledger();
    private final FakeReadingStore readings = new FakeReadingStore().span(T0, T0.plus(Duration.ofDays(70)));
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-05T12:00:00Z"), ZoneOffset.UTC);

    private CsvExporter exporter() {
        return new CsvExporter(registry, readings, store, ledger, clock, "0.1.0.test");
    }

    /** An interval record whose numbers come out of the same arithmetic as the carbon bundle's. */
    private static EmissionRecord record(String meter, int step, double startCounter, double endCounter,
            EmissionFactor factor, IntervalFlag... flags) {
        var energy = endCounter >= startCounter
                ? BigDecimal.valueOf(endCounter).subtract(BigDecimal.valueOf(startCounter)).doubleValue()
                : endCounter; // a reset: energy since the reset
        var interval = new EnergyInterval(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0.plus(STEP.multipliedBy(step)),
                T0.plus(STEP.multipliedBy(step + 1)), startCounter, endCounter, energy,
                flags.length > 0 ? Quality.SUSPECT : Quality.GOOD, flags.length > 0 ? Set.of(flags) : Set.of());
        var grams = BigDecimal.valueOf(energy).multiply(BigDecimal.valueOf(factor.gramsCo2ePerUnit())).doubleValue();
        return new EmissionRecord(interval, "hq", factor, grams, Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void csvRowsRecomputeToTheirCo2eAndTheSidecarMatchesTheBytes() throws Exception {
        registry.add("demo/hq/main", "demo/hq/ahu-1");
        var random = new Random(3);
        var counter = 1234.5;
        for (var k = 0; k < 96; k++) {
            var next = counter + Math.round(random.nextDouble() * 1_000_000) / 1000.0; // 3 decimals, like a Wh register
            store.add(record("demo/hq/main", k, counter, next, RFCE));
            counter = next;
        }
        store.add(record("demo/hq/ahu-1", 0, 10, 10.1, RFCE), record("demo/hq/ahu-1", 1, 10.1, 0.4, RFCE,
                IntervalFlag.COUNTER_RESET));
        var target = dir.resolve("march.csv");

        var result = exporter().export(new ExportRequest(T0, T0.plus(Duration.ofDays(1)), List.of(), target));

        assertEquals(98, result.rows());
        assertEquals(target, result.file());
        var bytes = Files.readAllBytes(target);
        var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha, result.sha256());
        assertEquals(sha + "  march.csv\n", Files.readString(dir.resolve("march.csv.sha256"), StandardCharsets.US_ASCII));

        var text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        var rows = parse(text);
        assertEquals(CsvExporter.HEADER, rows.get(0));
        assertEquals(99, rows.size());
        var col = CsvExporter.HEADER;
        var totalKg = BigDecimal.ZERO;
        for (var row : rows.subList(1, rows.size())) {
            var energy = new BigDecimal(row.get(col.indexOf("energy_kwh")));
            var factor = new BigDecimal(row.get(col.indexOf("factor_g_co2e_per_kwh")));
            var kg = new BigDecimal(row.get(col.indexOf("co2e_kg")));
            var recomputed = energy.multiply(factor).movePointLeft(3);
            var relative = recomputed.subtract(kg).abs().divide(kg.max(new BigDecimal("1e-30")), MathContext.DECIMAL64);
            assertTrue(relative.compareTo(new BigDecimal("1e-15")) <= 0, row + " recomputes to " + recomputed);
            if (row.get(col.indexOf("flags")).isEmpty()) {
                var start = new BigDecimal(row.get(col.indexOf("start_counter_kwh")));
                var end = new BigDecimal(row.get(col.indexOf("end_counter_kwh")));
                assertEquals(0, end.subtract(start).compareTo(energy), "energy = end - start: " + row);
            }
            assertEquals(TRICKY_SOURCE, row.get(col.indexOf("factor_source")));
            totalKg = totalKg.add(kg);
        }
        var first = rows.get(1);
        assertEquals("demo/hq/ahu-1", first.get(0), "sorted by meter id");
        assertEquals("2026-03-01T00:00:00.000Z", first.get(col.indexOf("interval_start")));
        assertEquals("2026-03-01T00:15:00.000Z", first.get(col.indexOf("interval_end")));
        assertEquals("0.1", first.get(col.indexOf("energy_kwh")));
        assertEquals("0.0299507041911", first.get(col.indexOf("co2e_kg")));
        assertEquals("SCOPE_2", first.get(col.indexOf("scope")));
        assertEquals("LOCATION_BASED", first.get(col.indexOf("method")));
        assertEquals("299.507041911", first.get(col.indexOf("factor_g_co2e_per_kwh")));
        var reset = rows.get(2);
        assertEquals("COUNTER_RESET", reset.get(col.indexOf("flags")));
        assertEquals("SUSPECT", reset.get(col.indexOf("quality")));

        var manifest = Files.readString(dir.resolve("march.csv.manifest.json"));
        assertTrue(manifest.contains("\"sha256\": \"" + sha + "\""), manifest);
        assertTrue(manifest.contains("\"rows\": 98"), manifest);
        assertTrue(manifest.contains("\"total_co2e_kg\": " + totalKg.toPlainString()), manifest);
        assertTrue(manifest.contains("\"batch_id\": 41") && manifest.contains("\"hash\": \"" + "ab".repeat(32) + "\""),
                manifest);
        assertTrue(manifest.contains("\"generator\": \"Gridprint 0.1.0.test\""), manifest);
        assertTrue(manifest.contains("\"generated_at\": \"2026-03-05T12:00:00.000Z\""), manifest);
        assertTrue(manifest.contains("\"from\": \"2026-03-01T00:00:00.000Z\""), manifest);
        assertEquals(Optional.of(ledger.entry), result.ledgerHead());
        assertTrue(calls.indexOf("head") >= 0 && calls.indexOf("head") < calls.indexOf("emissions"),
                "ledger head is read before the data: " + calls);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temp files left behind");
        }
    }

    @Test
    void aSourceWithCommaAndQuoteIsQuotedPerRfc4180() throws Exception {
        registry.add("hq/m");
        store.add(record("hq/m", 0, 1, 2, RFCE));
        var target = dir.resolve("q.csv");

        exporter().export(new ExportRequest(T0, T0.plus(STEP), List.of("hq/m"), target));

        var line = Files.readString(target).split("\r\n")[1];
        assertTrue(line.contains(",\"US EPA eGRID2022, Table 1, subregion \"\"RFCE\"\" (CO2e)\","), line);
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\" padded\"", Csv.field(" padded"));
    }

    @Test
    void globsSelectMetersAndAPatternWithoutMatchIsNamed() throws Exception {
        registry.add("demo/hq/a", "demo/hq/b", "demo/hq/b1/c", "demo/lab/x");
        var all = registry.meters();

        assertEquals(List.of("demo/hq/a", "demo/hq/b", "demo/hq/b1/c"), MeterSelector.select(all, List.of("demo/hq/*")));
        assertEquals(List.of("demo/hq/b", "demo/hq/b1/c", "demo/lab/x"),
                MeterSelector.select(all, List.of("demo/lab/x", "demo/hq/b*", "demo/hq/b")));
        assertEquals(List.of("demo/hq/a", "demo/lab/x"), MeterSelector.select(all, List.of("*/a", "demo/lab/x")));
        assertEquals(List.of("demo/hq/a", "demo/hq/b"), MeterSelector.select(all, List.of("demo/hq/?")));
        assertEquals(4, MeterSelector.select(all, List.of()).size());
        assertEquals(List.of(), MeterSelector.select(List.of(Meter.of("a.b", "")), List.of("a.b")).stream()
                .filter(id -> !id.equals("a.b")).toList(), "a dot is literal");
        assertTrue(MeterSelector.select(List.of(Meter.of("axb", "")), List.of("a*")).contains("axb"));
        assertThrows(IllegalArgumentException.class, () -> MeterSelector.select(List.of(Meter.of("axb", "")), List.of("a.b")));

        var e = assertThrows(IllegalArgumentException.class, () -> exporter()
                .export(new ExportRequest(T0, T0.plus(STEP), List.of("demo/hq/*", "demo/typo/*"), dir.resolve("x.csv"))));
        assertTrue(e.getMessage().contains("'demo/typo/*'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void onlyWholeIntervalsInsideThePeriodOfTheSelectedMetersAreExported() throws Exception {
        registry.add("hq/a", "hq/b");
        for (var k = 0; k < 8; k++) {
            store.add(record("hq/a", k, k, k + 1, RFCE), record("hq/b", k, k, k + 2, RFCE));
        }
        var target = dir.resolve("p.csv");
        // from 00:20 to 01:30: intervals starting 00:30, 00:45, 01:00 and 01:15 lie inside; 00:15 and 01:30 straddle
        var from = T0.plus(Duration.ofMinutes(20));
        var to = T0.plus(Duration.ofMinutes(90));

        var result = exporter().export(new ExportRequest(from, to, List.of("hq/a"), target));

        var rows = parse(Files.readString(target));
        assertEquals(4, result.rows());
        assertEquals(List.of("2026-03-01T00:30:00.000Z", "2026-03-01T00:45:00.000Z", "2026-03-01T01:00:00.000Z",
                "2026-03-01T01:15:00.000Z"), rows.subList(1, rows.size()).stream().map(r -> r.get(2)).toList());
        assertTrue(rows.subList(1, rows.size()).stream().allMatch(r -> r.get(0).equals("hq/a")));
    }

    @Test
    void aLongPeriodIsReadInWindowsWithoutDuplicates() throws Exception {
        registry.add("hq/a");
        var hourly = Duration.ofHours(1);
        for (var k = 0; k < 24 * 70; k++) { // 70 days, more than two read windows
            var start = T0.plus(hourly.multipliedBy(k));
            var interval = new EnergyInterval("hq/a", Quantity.ACTIVE_ENERGY_IMPORT, start, start.plus(hourly), k, k + 1,
                    1, Quality.GOOD, Set.of());
            store.add(new EmissionRecord(interval, "hq", RFCE, RFCE.gramsCo2ePerUnit(), T0));
        }

        var result = exporter().export(new ExportRequest(T0, T0.plus(Duration.ofDays(70)), List.of(), dir.resolve("l.csv")));

        assertEquals(24 * 70, result.rows());
        assertTrue(Files.readString(dir.resolve("l.csv.manifest.json")).contains("\"total_energy_kwh\": 1680"));
    }

    @Test
    void anUnwritableTargetIsNamed() throws Exception {
        registry.add("hq/a");
        var missing = dir.resolve("no/such/dir/x.csv");
        var e = assertThrows(IOException.class,
                () -> exporter().export(new ExportRequest(T0, T0.plus(STEP), List.of(), missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        var isDir = assertThrows(IOException.class,
                () -> exporter().export(new ExportRequest(T0, T0.plus(STEP), List.of(), dir)));
        assertTrue(isDir.getMessage().contains(dir.toString()) && isDir.getMessage().contains("directory"));
    }

    @Test
    void aFailedExportLeavesNeitherTargetNorTempFile() throws Exception {
        registry.add("hq/a");
        store.failing = true;
        var target = dir.resolve("f.csv");

        assertThrows(IllegalStateException.class,
                () -> exporter().export(new ExportRequest(T0, T0.plus(STEP), List.of(), target)));

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private static String sha256Of(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aFailureAfterTheCsvWasMovedRemovesWhatTheExportWroteAndNoMismatchedFilesRemain() throws Exception {
        registry.add("hq/a");
        store.add(record("hq/a", 0, 1, 2, RFCE));
        var target = dir.resolve("m.csv");
        exporter().export(new ExportRequest(T0, T0.plus(STEP), List.of(), target)); // an earlier export is there
        store.add(record("hq/a", 1, 2, 5, RFCE));
        var failing = exporter();
        var moved = new ArrayList<Path>();
        failing.mover((temp, to) -> {
            if (to.equals(CsvExporter.manifest(target))) {
                throw new IOException("simulated failure moving " + to);
            }
            AtomicFiles.move(temp, to);
            moved.add(to);
        });

        var e = assertThrows(IOException.class,
                () -> failing.export(new ExportRequest(T0, T0.plus(STEP.multipliedBy(2)), List.of(), target, true, null)));

        assertTrue(e.getMessage().contains("m.csv.manifest.json"), e.getMessage());
        assertEquals(List.of(target, CsvExporter.sidecar(target)), moved, "CSV first, then the sidecar");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(),
                    "no temp file, and no CSV next to the earlier export's hash or manifest");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void concurrentExportsToOnePathAreSerialisedAndLeaveAMatchingSet() throws Exception {
        registry.add("hq/a", "hq/b");
        for (var k = 0; k < 20; k++) {
            store.add(record("hq/a", k, k, k + 1, RFCE), record("hq/b", k, 10 * k, 10 * k + 3, RFCE));
        }
        var target = dir.resolve("same.csv");
        var moves = new CopyOnWriteArrayList<String>();
        var pool = Executors.newFixedThreadPool(2);
        var tasks = new ArrayList<Future<?>>();
        for (var t = 0; t < 2; t++) {
            var meters = t == 0 ? List.of("hq/a") : List.of("hq/b"); // different contents per thread
            var exporter = exporter();
            exporter.mover((temp, to) -> {
                moves.add(Thread.currentThread().getName() + " " + to.getFileName());
                AtomicFiles.move(temp, to);
                if (to.equals(target)) {
                    pause(); // widens the window in which an unserialised export would slip in between
                }
            });
            tasks.add(pool.submit(() -> {
                for (var k = 0; k < 10; k++) {
                    exporter.export(new ExportRequest(T0, T0.plus(Duration.ofDays(1)), meters, target, true, null));
                }
                return null;
            }));
        }
        for (var task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(60, moves.size());
        for (var k = 0; k < moves.size(); k += 3) {
            var thread = moves.get(k).split(" ")[0];
            assertEquals(List.of(thread + " same.csv", thread + " same.csv.sha256", thread + " same.csv.manifest.json"),
                    moves.subList(k, k + 3), "the three files of one export are moved together: " + moves);
        }
        var sha = sha256Of(target);
        assertEquals(sha + "  same.csv\n", Files.readString(CsvExporter.sidecar(target)));
        assertTrue(Files.readString(CsvExporter.manifest(target)).contains("\"sha256\": \"" + sha + "\""));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temp files left behind");
        }
    }

    @Test
    void manifestJsonEscapesText() {
        var out = new StringBuilder();
        ManifestJson.string(out, "a\"b\\c\nd\u0001");
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", out.toString());
    }

    /** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
    static List<List<String>> parse(String text) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "file ends with CRLF");
        return rows;
    }

    private final class Registry implements MeterRegistry {
        final TreeMap<String, Meter> meters = new TreeMap<>();

        void add(String... ids) {
            for (var id : ids) {
                meters.put(id, Meter.of(id, "hq"));
            }
        }

        @Override
        public Optional<Meter> meter(String id) {
            return Optional.ofNullable(meters.get(id));
        }

        @Override
        public Collection<Meter> meters() {
            return List.copyOf(meters.values());
        }
    }

    private final class Store implements EmissionStore {
        final List<EmissionRecord> records = new ArrayList<>();
        boolean failing;

        void add(EmissionRecord... rs) {
            records.addAll(List.of(rs));
        }

        @Override
        public int store(List<EmissionRecord> batch) {
            records.addAll(batch);
            return batch.size();
        }

        @Override
        public List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
            calls.add("emissions");
            // memory: every read holds at most one meter's records of one window, whatever the period
            assertEquals(1, meterIds.size(), "one meter per read: " + meterIds);
            assertTrue(Duration.between(from, to).compareTo(CsvExporter.READ_WINDOW) <= 0, from + " .. " + to);
            if (failing) {
                throw new IllegalStateException("simulated store failure");
            }
            return records.stream()
                    .filter(r -> meterIds.isEmpty() || meterIds.contains(r.interval().meterId()))
                    .filter(r -> r.interval().end().isAfter(from) && r.interval().start().isBefore(to))
                    .sorted(Comparator.comparing((EmissionRecord r) -> r.interval().meterId())
                            .thenComparing(r -> r.interval().start()))
                    .toList();
        }

        @Override
        public Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
            return Optional.empty();
        }
    }

    private final class Ledger implements LedgerService {
        final LedgerEntry entry = new LedgerEntry(41, Instant.parse("2026-03-05T11:59:00Z"), 1000, "cd".repeat(32),
                "ab".repeat(32));

        @Override
        public Optional<LedgerEntry> head() {
            calls.add("head");
            return Optional.of(entry);
        }

        @Override
        public VerificationReport verify() {
            return new VerificationReport.Intact(41, 41_000, Optional.of(entry));
        }
    }
}
