package org.gridprint.shell.carbon;

import static org.gridprint.shell.carbon.Windows.T0;
import static org.gridprint.shell.carbon.Windows.energy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gridprint:emissions against a contract-following store: dual reporting, exclusions, small values, sources. */
class EmissionsCommandTest {

    private final FakeWindowStore store = new FakeWindowStore();
    private final Console console = new Console();

    // 1,000 kWh in CAMX, eGRID2022: 499.3 lb/MWh x 0.45359237 = 226.478670341 g/kWh -> 226,478.670341 g
    static final long KWH_1000 = 1_000_000_000_000L;
    static final long CAMX_1000 = 226_478_670_341L;
    // market: 60 % REC (0 g/kWh), 400 kWh residual mix at 300 g/kWh = 120,000 g
    static final long MARKET_1000 = 120_000_000_000L;
    // Scope 1: 100 m3 natural gas at 1,922 g/m3 = 192,200 g
    static final long GAS = 192_200_000_000L;
    // Scope 3.3: 50 kWh of losses x 226.478670341 = 11,323.93351705 g -> 11,323,933,517 ug (half-even)
    static final long LOSS = 11_323_933_517L;
    // 0.00972 kWh (7 kW for 5 s) x 226.478670341 = 2.2013727... g
    static final long SMALL_NANO = 9_720_000L;
    static final long SMALL = 2_201_373L;

    @BeforeEach
    void windows() {
        store.storeWindows(List.of(
                energy("sf/main", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, T0, KWH_1000, CAMX_1000, 7),
                energy("sf/main", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, T0, KWH_1000, MARKET_1000, 8),
                energy("sf/main", Scope.SCOPE_3, AccountingMethod.LOCATION_BASED, T0, 50_000_000_000L, LOSS, 9),
                Windows.window("sf/gas", Quantity.FUEL_VOLUME, Scope.SCOPE_1, AccountingMethod.DIRECT, T0,
                        100_000_000_000L, GAS, 10, Set.of()),
                energy("sf/ahu", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, T0, SMALL_NANO, SMALL, 7),
                energy("sf/ahu", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, T0, SMALL_NANO, 0, 8),
                // a 10^9 kWh spike: excluded until accepted
                energy("sf/main", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, T0.plusSeconds(3600),
                        1_000_000_000L * 1_000_000_000L, 226_478_670_341_000_000L, 7, WindowFlag.SUSPECT_SPIKE),
                energy("sf/main", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, T0.plusSeconds(3600),
                        1_000_000_000L * 1_000_000_000L, 226_478_670_341_000_000L, 8, WindowFlag.SUSPECT_SPIKE)),
                "computed");
    }

    private EmissionsCommand command() {
        var c = new EmissionsCommand();
        c.store = store;
        c.session = console.session();
        c.now = Instant.parse("2026-06-02T00:00:00Z");
        c.noFormat = true;
        return c;
    }

    @Test
    void scopesSideBySideWithInventoriesAndExclusions() throws Exception {
        command().execute();
        var out = console.lines();
        // location and market side by side per scope; scope 1 and 3.3 belong to both inventories
        assertTrue(out.stream().anyMatch(l -> l.matches("1\\s+100\\s+m³\\s+192\\.2\\s+192\\.2\\s+1\\s+0\\s+GOOD\\s+-")),
                String.join("\n", out));
        // scope 2: 1,000.00972 kWh; location 226,478.670341 + 2.2013727 g = 226.480872 kg; market 120 kg
        assertTrue(out.stream().anyMatch(l -> l.matches(
                "2\\s+1000\\.01\\s+kWh\\s+226\\.481\\s+120\\s+4\\s+2\\s+SUSPECT\\s+SUSPECT_SPIKE")), String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.matches("3\\.3\\s+50\\s+kWh\\s+11\\.324\\s+11\\.324\\s+1\\s+0\\s+GOOD\\s+-")),
                String.join("\n", out));
        // location: 192.2 + 226.480871714 + 11.323933517 = 430.004805231 kg; market: 192.2 + 120 + 11.323933517
        assertTrue(out.contains("Location-based: Scope 1 192.2 kg, Scope 2 226.481 kg, Scope 3.3 11.324 kg"
                + " = 430.005 kg CO2e"), String.join("\n", out));
        assertTrue(out.contains("Market-based: Scope 1 192.2 kg, Scope 2 120 kg, Scope 3.3 11.324 kg"
                + " = 323.524 kg CO2e"), String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("2 window(s) flagged SUSPECT_SPIKE are excluded")));
        assertEquals(List.of(GroupBy.SCOPE, GroupBy.QUANTITY, GroupBy.METHOD), store.lastTotals.groupBy());
    }

    @Test
    void aSmallValueIsNeverZeroAndExactShowsEveryDigit() throws Exception {
        var c = command();
        c.glob = "sf/ahu";
        c.method = "location";
        c.execute();
        var out = console.lines();
        assertTrue(out.stream().anyMatch(l -> l.matches("2\\s+0\\.00972\\s+kWh\\s+2\\.2 g\\s+1\\s+0\\s+GOOD\\s+-")),
                String.join("\n", out));
        assertEquals(Set.of("sf/ahu"), store.lastTotals.meterIds());
        assertEquals(Optional.of(AccountingMethod.LOCATION_BASED), store.lastTotals.method());
        c = command();
        c.trailing = List.of("--exact", "--method", "location", "--scope", "2");
        c.glob = "sf/ahu";
        c.execute();
        out = console.lines();
        assertTrue(out.stream().anyMatch(l -> l.matches("2\\s+0\\.00972\\s+kWh\\s+0\\.002201373\\s+.*")),
                String.join("\n", out));
        assertEquals(Optional.of(Scope.SCOPE_2), store.lastTotals.scope());
    }

    @Test
    void groupsByDayInTheZoneAndByMeter() throws Exception {
        store.storeWindows(List.of(energy("sf/main", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED,
                Instant.parse("2026-06-01T02:00:00Z"), KWH_1000, CAMX_1000, 7)), "computed");
        var c = command();
        c.trailing = List.of("--by", "day,meter", "--zone", "America/New_York", "--scope", "2");
        c.execute();
        var out = console.lines();
        assertEquals(ZoneId.of("America/New_York"), store.lastTotals.zone());
        assertEquals(List.of(GroupBy.DAY, GroupBy.METER, GroupBy.SCOPE, GroupBy.QUANTITY, GroupBy.METHOD),
                store.lastTotals.groupBy());
        // 02:00Z is the evening before in New York; its market twin is missing
        assertTrue(out.stream().anyMatch(l -> l.matches("2026-05-31\\s+sf/main\\s+2\\s+1000\\s+kWh\\s+226\\.479\\s+-.*")),
                String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.matches("2026-06-01\\s+sf/ahu\\s+2\\s+0\\.00972\\s+kWh\\s+2\\.2 g\\s+0\\s.*")),
                String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("warning: 1 Scope 2 row(s) have location-based windows"
                + " without their market-based twins")), String.join("\n", out));
    }

    @Test
    void sourcesAreShownInFull() throws Exception {
        var camx = Windows.camx();
        var c = command();
        c.catalog = new FactorCatalog() {
            @Override
            public List<FactorVersion> factors(String filter) {
                return List.of(camx);
            }

            @Override
            public Optional<FactorVersion> factor(String id) {
                return Optional.of(camx);
            }

            @Override
            public Optional<FactorVersion> byRef(long ref) {
                return ref == 7 ? Optional.of(camx) : Optional.empty();
            }

            @Override
            public Optional<Selection> select(String series, Instant at, String gwpSet) {
                return Optional.empty();
            }

            @Override
            public long register(FactorVersion factor) {
                return 7;
            }

            @Override
            public String policy() {
                return "same year";
            }
        };
        c.glob = "sf/main";
        c.trailing = List.of("--sources", "--method", "location", "--scope", "2");
        c.execute();
        var text = console.text();
        assertTrue(text.contains("Sources of 2 windows: 1 factor version"), text);
        assertTrue(text.contains("factor ref 7 (2 windows): egrid2022/subregion/CAMX/co2e"), text);
        assertTrue(text.contains("  value 499.3 lb/MWh = 226.478670341 g/kWh (GWP as published)"), text);
        assertTrue(text.contains("  source US EPA, eGRID2022 summary tables, Table 1 subregion output emission rates,"
                + " CAMX total output CO2e"), text);
        assertTrue(text.contains("  edition eGRID2022 (2024-01-30)"), text);
        assertFalse(text.contains("…"), text);
    }

    @Test
    void badOptionsNameTheOptionAndWhatIsExpected() {
        var c = command();
        c.by = "week";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--by: 'week' is not a grouping; expected hour, day"), e.getMessage());
        var d = command();
        d.scope = "4";
        e = assertThrows(IllegalArgumentException.class, d::execute);
        assertEquals("--scope: '4' is not a scope; expected 1, 2 or 3 (3 = Scope 3 category 3, T&D losses)",
                e.getMessage());
        var m = command();
        m.trailing = List.of("--methd", "market");
        e = assertThrows(IllegalArgumentException.class, m::execute);
        assertTrue(e.getMessage().startsWith("unexpected '--methd' after the meter glob"), e.getMessage());
    }

    @Test
    void noStoreSaysWhichServiceIsMissing() throws Exception {
        var c = command();
        c.store = null;
        c.execute();
        assertTrue(console.text().startsWith("No EmissionWindowStore service"));
        assertEquals(Map.of(), Map.of());
    }
}
