package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowSink;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.api.store.WindowVersion;
import org.gridprint.api.store.WindowWriteResult;
import org.gridprint.export.csv.Fakes.Ledger;
import org.gridprint.export.csv.Fakes.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emission-windows-csv export: exact numbers, provenance per row, recomputable, streamed. */
class EmissionWindowsCsvExporterTest {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final String SOURCE = "US EPA, eGRID2022, Table 1 \"subregion output emission rates\", CAMX";

    @TempDir
    Path dir;

    /** A store that streams windows made on the fly (none held) in the scan order of the contract. */
    static final class Generated implements EmissionWindowStore {
        final List<EmissionWindow> fixed = new ArrayList<>();
        int generate;
        WindowQuery lastQuery;

        @Override
        public long scanWindows(WindowQuery query, WindowSink sink) {
            lastQuery = query;
            long n = 0;
            for (var w : fixed) {
                n++;
                if (!sink.accept(w)) {
                    return n;
                }
            }
            for (int i = 0; i < generate; i++) {
                var start = T0.plus(Duration.ofHours(i));
                n++;
                if (!sink.accept(EmissionWindowsCsvExporterTest.window("gen/m", AccountingMethod.LOCATION_BASED, start, 1_000_000_000L + i,
                        226_478_670L + i, 1 + (i % 3), Set.<WindowFlag>of()))) {
                    return n;
                }
            }
            return n;
        }

        @Override
        public WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<EmissionWindow> windows(WindowQuery query) {
            throw new UnsupportedOperationException("the export streams");
        }

        @Override
        public Optional<EmissionWindow> window(WindowKey key) {
            return Optional.empty();
        }

        @Override
        public Optional<EmissionWindow> lastWindow(String m, Quantity q, Scope s, AccountingMethod a) {
            return Optional.empty();
        }

        @Override
        public List<WindowVersion> history(WindowKey key) {
            return List.of();
        }

        @Override
        public List<WindowTotal> totals(TotalsQuery query) {
            return List.of();
        }

        @Override
        public long windowCount() {
            return fixed.size() + generate;
        }
    }

    /** A catalog that knows refs 1..3 (CAMX) and counts its look-ups. */
    static final class Catalog implements FactorCatalog {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<FactorVersion> byRef(long ref) {
            lookups.incrementAndGet();
            return ref >= 1 && ref <= 3 ? Optional.of(camx()) : Optional.empty();
        }

        @Override
        public List<FactorVersion> factors(String filter) {
            return List.of(camx());
        }

        @Override
        public Optional<FactorVersion> factor(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<Selection> select(String series, Instant at, String gwpSet) {
            return Optional.empty();
        }

        @Override
        public long register(FactorVersion factor) {
            return 1;
        }

        @Override
        public String policy() {
            return "";
        }
    }

    static FactorVersion camx() {
        return new FactorVersion("egrid2022/subregion/CAMX/co2e", FactorKind.GRID_AVERAGE, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, "CAMX", new BigDecimal("499.3"), "lb/MWh",
                new BigDecimal("226.478670341"), "kWh", "as published", SOURCE, "eGRID2022 (2024-01-30)",
                Instant.parse("2022-01-01T00:00:00Z"), Instant.MAX, "catalog", false, "");
    }

    static EmissionWindow window(String meter, AccountingMethod method, Instant start, long amountNano, long ug,
            long factorRef, Set<WindowFlag> flags) {
        var end = start.plus(Duration.ofHours(1));
        return new EmissionWindow(meter, "sf", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start, end,
                amountNano, ug, factorRef, 0, 0, Quality.GOOD, flags, start.minusSeconds(7), end.plusSeconds(3), 1,
                Instant.parse("2026-06-02T00:00:00Z"));
    }

    private EmissionWindowsCsvExporter exporter(Generated store, Catalog catalog) {
        return new EmissionWindowsCsvExporter(new Registry().add("sf/main", "sf/ahu", "ny/main"), store, catalog,
                new Ledger(), Clock.fixed(Instant.parse("2026-06-02T12:00:00Z"), ZoneOffset.UTC), "0.1.0.test");
    }

    @Test
    void rowsCarryExactNumbersAndTheFactorInFullSoTheAuditorRecomputes() throws Exception {
        var store = new Generated();
        // 1,000 kWh x 226.478670341 g/kWh = 226,478.670341 g = 226.478670341 kg
        store.fixed.add(window("sf/main", AccountingMethod.LOCATION_BASED, T0, 1_000_000_000_000L, 226_478_670_341L, 1,
                Set.of()));
        store.fixed.add(window("sf/main", AccountingMethod.LOCATION_BASED, T0.plusSeconds(3600), 9_720_000L,
                2_201_373L, 99, Set.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.GAP_SPANNED)));
        var catalog = new Catalog();
        var target = dir.resolve("windows.csv");
        var result = exporter(store, catalog).export(new ExportRequest(T0, T0.plus(Duration.ofDays(1)),
                List.of("sf/*"), target));
        assertEquals(2, result.rows());
        assertEquals(Set.of("sf/main", "sf/ahu"), store.lastQuery.meterIds());
        var lines = Files.readString(target, StandardCharsets.UTF_8).split("\r\n");
        assertEquals(String.join(",", EmissionWindowsCsvExporter.HEADER), lines[0]);
        assertEquals("sf/main,sf,ACTIVE_ENERGY_IMPORT,kWh,SCOPE_2,LOCATION_BASED,2026-06-01T10:00:00.000Z,"
                + "2026-06-01T11:00:00.000Z,1000,226.478670341,GOOD,,true,0,,1,egrid2022/subregion/CAMX/co2e,"
                + "GRID_AVERAGE,CAMX,499.3,lb/MWh,226.478670341,kWh,as published,"
                + "\"US EPA, eGRID2022, Table 1 \"\"subregion output emission rates\"\", CAMX\","
                + "eGRID2022 (2024-01-30),2022-01-01T00:00:00.000Z,,catalog,,false,2026-06-01T09:59:53.000Z,"
                + "2026-06-01T11:00:03.000Z,1,2026-06-02T00:00:00.000Z", lines[1]);
        // recompute from the row alone: amount x g/unit / 1000, half-even to 1e-9 kg
        var amount = new BigDecimal("1000");
        var grams = new BigDecimal("226.478670341");
        assertEquals(new BigDecimal("226.478670341"),
                amount.multiply(grams).movePointLeft(3).setScale(9, RoundingMode.HALF_EVEN));
        // an unresolvable ref: the ref stays, provenance cells are empty; flags in declared order; not counted
        assertTrue(lines[2].startsWith("sf/main,sf,ACTIVE_ENERGY_IMPORT,kWh,SCOPE_2,LOCATION_BASED,"
                + "2026-06-01T11:00:00.000Z,2026-06-01T12:00:00.000Z,0.00972,0.002201373,GOOD,"
                + "GAP_SPANNED;SUSPECT_SPIKE,false,0,,99,,,,,,,,,,,,,,,,"), lines[2]);
        var manifest = Files.readString(dir.resolve("windows.csv.manifest.json"));
        assertTrue(manifest.contains("\"format\": \"gridprint-emission-windows-csv\""), manifest);
        assertTrue(manifest.replaceAll("\\s", "").contains("\"unresolved_factor_refs\":[99]"), manifest);
        assertTrue(manifest.replaceAll("\\s", "").contains("\"rows_by_method\":{\"LOCATION_BASED\":2}"), manifest);
        assertTrue(Files.readString(dir.resolve("windows.csv.sha256")).endsWith("  windows.csv\n"));
    }

    @Test
    void streamsManyWindowsResolvingEachFactorRefOnce() throws Exception {
        var store = new Generated();
        store.generate = 150_000; // more rows than a list of windows could hold in this test's 64 MB heap with the CSV
        var catalog = new Catalog();
        var target = dir.resolve("year.csv");
        var result = exporter(store, catalog).export(new ExportRequest(T0, T0.plus(Duration.ofDays(7000)), List.of(),
                target));
        assertEquals(150_000, result.rows());
        assertEquals(Set.of(), store.lastQuery.meterIds()); // no pattern: every window held, assets too
        assertEquals(3, catalog.lookups.get());
        try (var lines = Files.lines(target)) {
            assertEquals(150_001, lines.count());
        }
    }
}
