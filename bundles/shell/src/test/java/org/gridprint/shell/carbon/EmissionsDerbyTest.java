package org.gridprint.shell.carbon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gridprint:emissions on the real Derby store (files in a temp directory): the store's group labels (months in a
 * zone, tags from the meter table) and its exclusion of unaccepted spikes come through the pivot as they should.
 */
class EmissionsDerbyTest {

    @TempDir
    Path dir;

    private DerbyStore store;
    private final Console console = new Console();

    @BeforeEach
    void open() {
        store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
        store.registerMeter(new Meter("hq/main", "Main", "hq", "", "MAIN", "3P", "Facilities", "", List.of("incomer"),
                Optional.empty(), 0));
        store.registerMeter(new Meter("hq/ahu", "AHU", "hq", "", "AHU", "3P", "HVAC", "Acme", List.of(),
                Optional.empty(), 0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static EmissionWindow w(String meter, AccountingMethod method, Instant start, long nano, long ug,
            WindowFlag... flags) {
        var end = start.plus(Duration.ofHours(1));
        return new EmissionWindow(meter, "hq", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start, end, nano,
                ug, 1, 0, 0, flags.length > 0 ? Quality.SUSPECT : Quality.GOOD,
                flags.length == 0 ? Set.of() : Set.of(flags), start, end, 1, Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void monthsInNewYorkTagsAndExcludedSpikesFromTheStore() throws Exception {
        var windows = new ArrayList<EmissionWindow>();
        // 2026-03-01T03:00Z is still February in New York (22:00 EST on the 28th)
        for (var start : List.of(Instant.parse("2026-03-01T03:00:00Z"), Instant.parse("2026-03-01T06:00:00Z"))) {
            for (var m : List.of("hq/main", "hq/ahu")) {
                // 10 kWh at 226.478670341 g/kWh = 2,264.78670341 g -> 2,264,786,703 ug; market: 10 kWh at 300 g/kWh
                windows.add(w(m, AccountingMethod.LOCATION_BASED, start, 10_000_000_000L, 2_264_786_703L));
                windows.add(w(m, AccountingMethod.MARKET_BASED, start, 10_000_000_000L, 3_000_000_000L));
            }
        }
        // a spike on the AHU in March (New York): excluded, counted apart
        windows.add(w("hq/ahu", AccountingMethod.LOCATION_BASED, Instant.parse("2026-03-02T12:00:00Z"),
                1_000_000_000_000_000L, 226_478_670_341_000L, WindowFlag.SUSPECT_SPIKE));
        store.storeWindows(windows, "computed");

        var c = new EmissionsCommand();
        c.store = store;
        c.session = console.session();
        c.noFormat = true;
        c.trailing = List.of("--from", "2026-02-01", "--to", "2026-04-01", "--zone", "America/New_York", "--by",
                "month");
        c.execute();
        var out = console.lines();
        var text = String.join("\n", out);
        // February (NY): 2 meters x 10 kWh; location 2 x 2.26478670341 kg = 4.529573406 kg; market 2 x 3 kg
        assertTrue(out.stream().anyMatch(l -> l.matches("2026-02\\s+2\\s+20\\s+kWh\\s+4\\.53\\s+6\\s+4\\s+0\\s+GOOD\\s+-")),
                text);
        // March (NY): the same, plus the excluded spike (quality SUSPECT, flag shown, not in the sums)
        assertTrue(out.stream().anyMatch(l -> l.matches(
                "2026-03\\s+2\\s+20\\s+kWh\\s+4\\.53\\s+6\\s+4\\s+1\\s+SUSPECT\\s+SUSPECT_SPIKE")), text);
        assertTrue(out.contains("Location-based: Scope 2 9.059 kg = 9.059 kg CO2e"), text);
        assertTrue(out.contains("Market-based: Scope 2 12 kg = 12 kg CO2e"), text);

        c = new EmissionsCommand();
        c.store = store;
        c.session = console.session();
        c.noFormat = true;
        c.trailing = List.of("--from", "2026-02-01", "--to", "2026-04-01", "--by", "tag", "--method", "location");
        c.execute();
        out = console.lines();
        text = String.join("\n", out);
        // each of a meter's tags is a group: department:Facilities and incomer (main), department:HVAC and
        // tenant:Acme (ahu): 2 windows x 2.26478670341 kg = 4.529573406 kg each
        for (var tag : List.of("department:Facilities", "incomer", "department:HVAC", "tenant:Acme")) {
            assertTrue(out.stream().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(tag)
                    + "\\s+2\\s+20\\s+kWh\\s+4\\.53\\s+.*")), tag + "\n" + text);
        }
    }

    @Test
    void aVirtualMetersWindowsAreLeftOutOfSiteTotalsButShownWhenNamed() throws Exception {
        var start = Instant.parse("2026-03-10T12:00:00Z");
        // main 10 kWh, ahu 4 kWh, and the virtual meter hq/rest = main - ahu: 6 kWh (location 200 g/kWh)
        store.storeWindows(List.of(w("hq/main", AccountingMethod.LOCATION_BASED, start, 10_000_000_000L, 2_000_000_000L),
                w("hq/ahu", AccountingMethod.LOCATION_BASED, start, 4_000_000_000L, 800_000_000L),
                w("hq/rest", AccountingMethod.LOCATION_BASED, start, 6_000_000_000L, 1_200_000_000L,
                        WindowFlag.VIRTUAL)), "computed");
        var virtual = new org.gridprint.api.allocation.VirtualMeterService() {
            @Override
            public List<org.gridprint.api.allocation.VirtualMeter> virtualMeters() {
                return List.of(new org.gridprint.api.allocation.VirtualMeter("hq/rest", "hq",
                        Quantity.ACTIVE_ENERGY_IMPORT, "hq/main - hq/ahu", List.of("hq/main", "hq/ahu"), ""));
            }

            @Override
            public org.gridprint.api.allocation.VirtualRun recompute(String id, Instant from, Instant to) {
                throw new UnsupportedOperationException("not used by the command");
            }
        };
        var c = new EmissionsCommand();
        c.store = store;
        c.virtualMeters = virtual;
        c.session = console.session();
        c.noFormat = true;
        c.trailing = List.of("--from", "2026-03-10", "--to", "2026-03-11", "--method", "location");
        c.execute();
        var text = String.join("\n", console.lines());
        // 10 + 4 kWh measured = 14 kWh, 2.8 kg; the virtual 6 kWh repeats energy the main measured
        assertTrue(text.contains("Location-based: Scope 2 2.8 kg = 2.8 kg CO2e"), text);

        c = new EmissionsCommand();
        c.store = store;
        c.virtualMeters = virtual;
        c.session = console.session();
        c.noFormat = true;
        c.trailing = List.of("--from", "2026-03-10", "--to", "2026-03-11", "--method", "location", "--by", "meter");
        c.execute();
        text = String.join("\n", console.lines());
        assertTrue(!text.contains("hq/rest"), text);

        c = new EmissionsCommand();
        c.store = store;
        c.virtualMeters = virtual;
        c.session = console.session();
        c.noFormat = true;
        c.glob = "hq/rest";
        c.trailing = List.of("--from", "2026-03-10", "--to", "2026-03-11", "--method", "location");
        c.execute();
        text = String.join("\n", console.lines());
        assertTrue(text.contains("Location-based: Scope 2 1.2 kg = 1.2 kg CO2e"), text);
    }
}
