package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.export.csv.EmissionWindowsCsvExporterTest.Catalog;
import org.gridprint.export.csv.Fakes.Registry;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * emission-windows-csv from the real Derby window store (files in a temp directory): only current versions are
 * exported (a revised window once, as version 2), in the store's scan order, with the ledger head of the store.
 */
class EmissionWindowsDerbyExportTest {

    @TempDir
    Path dir;

    private static EmissionWindow w(String meter, AccountingMethod method, Instant start, long nano, long ug) {
        var end = start.plus(Duration.ofHours(1));
        return new EmissionWindow(meter, "sf", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start, end, nano,
                ug, 1, 0, 0, Quality.GOOD, Set.of(), start, end, 1, Instant.parse("2026-06-02T00:00:00Z"));
    }

    @Test
    void exportsTheCurrentVersionsInScanOrderWithTheStoresLedgerHead() throws Exception {
        var store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
        try {
            var t0 = Instant.parse("2026-06-01T10:00:00Z");
            // 1,000 kWh x 226.478670341 g/kWh = 226,478,670,341 ug
            store.storeWindows(List.of(w("sf/main", AccountingMethod.LOCATION_BASED, t0, 1_000_000_000_000L,
                    226_478_670_341L), w("sf/main", AccountingMethod.MARKET_BASED, t0, 1_000_000_000_000L,
                            120_000_000_000L), w("sf/ahu", AccountingMethod.LOCATION_BASED, t0, 9_720_000L,
                                    2_201_373L)), "computed");
            // a late reading: the AHU's window becomes 0.01 kWh = 2,264,787 ug (2.26478670341 g, half-even)
            store.storeWindows(List.of(w("sf/ahu", AccountingMethod.LOCATION_BASED, t0, 10_000_000L, 2_264_787L)),
                    "late reading");
            var head = store.head();
            var target = dir.resolve("windows.csv");
            var result = new EmissionWindowsCsvExporter(new Registry().add("sf/main", "sf/ahu"), store, new Catalog(),
                    store, Clock.fixed(Instant.parse("2026-06-02T12:00:00Z"), ZoneOffset.UTC), "test")
                    .export(new ExportRequest(t0, t0.plus(Duration.ofDays(1)), List.of(), target));
            assertEquals(3, result.rows());
            assertEquals(head, result.ledgerHead());
            var lines = Files.readString(target, StandardCharsets.UTF_8).split("\r\n");
            assertEquals(4, lines.length);
            // scan order: meter, quantity, scope, method, start
            assertTrue(lines[1].startsWith("sf/ahu,sf,ACTIVE_ENERGY_IMPORT,kWh,SCOPE_2,LOCATION_BASED,"
                    + "2026-06-01T10:00:00.000Z,2026-06-01T11:00:00.000Z,0.01,0.002264787,GOOD,,true,0,,1,"
                    + "egrid2022/subregion/CAMX/co2e,"), lines[1]);
            assertTrue(lines[1].endsWith(",2,2026-06-02T00:00:00.000Z"), lines[1]); // version 2
            assertTrue(lines[2].startsWith("sf/main,sf,ACTIVE_ENERGY_IMPORT,kWh,SCOPE_2,LOCATION_BASED,"
                    + "2026-06-01T10:00:00.000Z,2026-06-01T11:00:00.000Z,1000,226.478670341,"), lines[2]);
            assertTrue(lines[3].startsWith("sf/main,sf,ACTIVE_ENERGY_IMPORT,kWh,SCOPE_2,MARKET_BASED,"
                    + "2026-06-01T10:00:00.000Z,2026-06-01T11:00:00.000Z,1000,120,"), lines[3]);
        } finally {
            store.close();
        }
    }
}
