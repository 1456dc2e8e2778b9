package org.gridprint.carbon.market;

import static org.gridprint.carbon.market.MarketFixtures.NANO_PER_KWH;
import static org.gridprint.carbon.market.MarketFixtures.loc;
import static org.gridprint.carbon.market.MarketFixtures.rec;
import static org.gridprint.carbon.market.MarketFixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.market.fakes.FixedCatalog;
import org.gridprint.carbon.market.fakes.MemoryRegister;
import org.gridprint.carbon.site.Site;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many windows in one call: one balance write per instrument, uses per window, races and give-backs. */
class BatchDrawsTest {

    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant T1 = T0.plusSeconds(3600);

    MemoryRegister register;
    FixedCatalog catalog;
    InstrumentServiceImpl instruments;
    long gridRef;
    Site a;

    @BeforeEach
    void setUp() {
        register = new MemoryRegister();
        catalog = new FixedCatalog(register);
        gridRef = catalog.register(catalog.add("grid", "grid/avg", FactorKind.GRID_AVERAGE, "400"));
        instruments = new InstrumentServiceImpl(register);
        a = site("a", "US", "", "");
    }

    private MarketPricingImpl pricing() {
        return new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, x -> { },
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    private void rec100kWh() {
        instruments.register(rec("REC", "0.1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "US", ""));
    }

    private long drawn() {
        return Long.parseLong(register.get("instrument-use", "balance/REC").orElseThrow().text().lines()
                .filter(l -> l.startsWith("drawnNano=")).findFirst().orElseThrow().substring(10));
    }

    @Test
    void aHundredWindowsInOneCallWriteTheBalanceOnce() {
        instruments.register(rec("REC", "1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "US", ""));
        var windows = new ArrayList<EmissionWindow>();
        for (int h = 0; h < 100; h++) {
            windows.add(loc("a/m1", "a", T0.plusSeconds(3600L * h), 7, gridRef, 0));
        }
        var market = pricing().marketWindows(a, windows, T0);
        assertEquals(700 * NANO_PER_KWH, market.stream().mapToLong(EmissionWindow::coveredNano).sum());
        assertEquals(1, register.history("instrument-use", "balance/REC").size());
        assertEquals(101, register.list("instrument-use").size(), "100 uses and one balance");
        assertEquals(new BigDecimal("0.3"), instruments.remainingMwh("REC"));
    }

    @Test
    void aConcurrentWriterOfTheSameWindowBetweenBalanceAndUseNeverMakesAnOverdraw() {
        rec100kWh();
        var other = pricing();
        var otherResult = new ArrayList<EmissionWindow>();
        // after this call raised the balance by 80 kWh for h0 and h1, a second writer computes h1 alone
        register.beforeCasPrefix = "use/a/m1/ACTIVE_ENERGY_IMPORT/" + T1;
        register.beforeCasOnKey = () -> otherResult.addAll(other.marketWindows(a, List.of(loc("a/m1", "a", T1, 40,
                gridRef, 0)), T0));
        var market = pricing().marketWindows(a, List.of(loc("a/m1", "a", T0, 40, gridRef, 0),
                loc("a/m1", "a", T1, 40, gridRef, 0)), T0);
        // the other writer found 100 - 80 = 20 kWh; this call lost the race for h1, gave its 40 back and settled h1
        // alone: its earlier 20 + what is left
        assertEquals(20 * NANO_PER_KWH, otherResult.get(0).coveredNano());
        assertEquals(40 * NANO_PER_KWH, market.get(0).coveredNano());
        assertEquals(40 * NANO_PER_KWH, market.get(1).coveredNano());
        assertEquals(80 * NANO_PER_KWH, drawn(), "balance = sum of the uses");
        assertEquals(new BigDecimal("0.02"), instruments.remainingMwh("REC"));
    }

    @Test
    void whatASpikeGivesBackServesTheSameCallAndTheResultIsTheSameNextTime() {
        rec100kWh();
        var p = pricing();
        assertEquals(100 * NANO_PER_KWH, p.marketWindows(a, List.of(loc("a/m1", "a", T0, 100, gridRef, 0)), T0)
                .get(0).coveredNano());
        var input = List.of(loc("a/m1", "a", T0, 100, gridRef, 0, WindowFlag.SUSPECT_SPIKE),
                loc("a/m1", "a", T1, 50, gridRef, 0));
        var first = p.marketWindows(a, input, T0);
        assertEquals(0, first.get(0).coveredNano());
        assertEquals(50 * NANO_PER_KWH, first.get(1).coveredNano());
        int puts = register.puts;
        var again = p.marketWindows(a, input, T0);
        assertTrue(first.get(0).sameContent(again.get(0)) && first.get(1).sameContent(again.get(1)));
        assertEquals(puts, register.puts);
        assertEquals(50 * NANO_PER_KWH, drawn());
    }

    @Test
    void aWindowThatShrankGivesItsExcessToTheNextWindowOfTheSameCall() {
        rec100kWh();
        var p = pricing();
        p.marketWindows(a, List.of(loc("a/m1", "a", T0, 100, gridRef, 0)), T0);
        var market = p.marketWindows(a, List.of(loc("a/m1", "a", T0, 60, gridRef, 0),
                loc("a/m1", "a", T1, 50, gridRef, 0)), T0);
        assertEquals(60 * NANO_PER_KWH, market.get(0).coveredNano());
        assertEquals(40 * NANO_PER_KWH, market.get(1).coveredNano());
        assertEquals(100 * NANO_PER_KWH, drawn());
        assertEquals(0, instruments.remainingMwh("REC").signum());
    }
}
