package org.gridprint.carbon.market;

import static org.gridprint.carbon.market.MarketFixtures.NANO_PER_KWH;
import static org.gridprint.carbon.market.MarketFixtures.loc;
import static org.gridprint.carbon.market.MarketFixtures.rec;
import static org.gridprint.carbon.market.MarketFixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.market.fakes.FixedCatalog;
import org.gridprint.carbon.market.fakes.MemoryRegister;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketPricingImplTest {

    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    MemoryRegister register;
    FixedCatalog catalog;
    List<Alarm> alarms;
    MarketPricingImpl pricing;
    InstrumentServiceImpl instruments;
    long gridRef;

    @BeforeEach
    void setUp() {
        register = new MemoryRegister();
        catalog = new FixedCatalog(register);
        // CAMX eGRID2022 499.3 lb/MWh x 0.45359237 = 226.478670341 g/kWh (rounded here to 7 decimals by hand)
        gridRef = catalog.register(catalog.add("egrid/subregion/CAMX/co2e", "egrid2022/subregion/CAMX/co2e",
                FactorKind.GRID_AVERAGE, "226.4786703"));
        catalog.add("residual/US", "operator/residual-us-2024", FactorKind.RESIDUAL_MIX, "350");
        catalog.add("supplier/acme", "operator/acme-green-2024", FactorKind.SUPPLIER_SPECIFIC, "120.5");
        alarms = new ArrayList<>();
        pricing = new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, alarms::add, CLOCK);
        instruments = new InstrumentServiceImpl(register);
    }

    /** 22,647.86703 g = 100 kWh x 226.4786703 g/kWh (by hand). */
    static final long LOC_100 = 22_647_867_030L;

    private List<EmissionWindow> hours(String meter, String siteId, Instant from, int n, long kwh) {
        var out = new ArrayList<EmissionWindow>();
        for (int i = 0; i < n; i++) {
            out.add(loc(meter, siteId, from.plusSeconds(3600L * i), kwh, gridRef, kwh * 226_478_670_3L / 10));
        }
        return out;
    }

    @Test
    void recsCoverSixtyPercentAndTheResidualMixPricesTheRest() {
        var site = site("hq", "US", "", "residual/US");
        var recRecord = instruments.register(rec("WREGIS-2024-001", "0.6", LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), "US", "hq"));
        // 8 windows of 125 kWh = 1,000 kWh; the REC's 600 kWh cover windows 1-4 (500) and 100 kWh of window 5
        var market = pricing.marketWindows(site, hours("hq/main", "hq", T0, 8, 125), T0);
        assertEquals(8, market.size());
        long covered = 0;
        long co2e = 0;
        for (var w : market) {
            assertEquals(Scope.SCOPE_2, w.scope());
            assertEquals(AccountingMethod.MARKET_BASED, w.method());
            assertEquals(125 * NANO_PER_KWH, w.amountNano());
            covered += w.coveredNano();
            co2e += w.co2eMicrograms();
            assertFalse(w.flags().contains(WindowFlag.GRID_AVERAGE_DISCLOSED), w.toString());
        }
        assertEquals(600 * NANO_PER_KWH, covered, "60 % of 1,000 kWh");
        // the rest, 400 kWh, at the residual mix 350 g/kWh = 140,000 g = 140 kg = 1.4e11 µg
        assertEquals(140_000_000_000L, co2e);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, market.get(i).co2eMicrograms());
            assertEquals(125 * NANO_PER_KWH, market.get(i).coveredNano());
            assertTrue(market.get(i).instrumentRef() > 0);
        }
        // window 5: 100 kWh covered, 25 kWh x 350 g = 8,750 g
        assertEquals(100 * NANO_PER_KWH, market.get(4).coveredNano());
        assertEquals(8_750_000_000L, market.get(4).co2eMicrograms());
        // windows 6-8: 125 kWh x 350 g = 43,750 g each, no instrument
        assertEquals(43_750_000_000L, market.get(7).co2eMicrograms());
        assertEquals(0, market.get(7).instrumentRef());
        var instrumentRecord = register.get("instrument", recRecord.id()).orElseThrow();
        assertEquals(instrumentRecord.ref(), market.get(0).instrumentRef());
        var residualRef = register.get("factor", "operator/residual-us-2024").orElseThrow().ref();
        assertEquals(residualRef, market.get(7).factorRef());
        assertEquals(0, instruments.remainingMwh("WREGIS-2024-001").signum());
    }

    @Test
    void computingTheSameWindowsAgainReusesTheirDrawAndNeverDrawsTwice() {
        var site = site("hq", "US", "", "residual/US");
        instruments.register(rec("REC-A", "0.6", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "US", ""));
        var windows = hours("hq/main", "hq", T0, 8, 125);
        var first = pricing.marketWindows(site, windows, T0);
        int putsAfterFirst = register.puts;
        var again = pricing.marketWindows(site, windows, T0.plusSeconds(60));
        for (int i = 0; i < first.size(); i++) {
            assertTrue(first.get(i).sameContent(again.get(i)), "window " + i + " identical: " + again.get(i));
        }
        assertEquals(putsAfterFirst, register.puts, "nothing drawn or written again");
        assertEquals(0, instruments.remainingMwh("REC-A").signum());
        // a late reading raises window 2 to 150 kWh: it cannot take more (nothing is left), covers its 125 again
        var revised = new ArrayList<>(windows);
        revised.set(1, loc("hq/main", "hq", T0.plusSeconds(3600), 150, gridRef, 0));
        var third = pricing.marketWindows(site, revised, T0);
        assertEquals(125 * NANO_PER_KWH, third.get(1).coveredNano());
        assertEquals(100 * NANO_PER_KWH, third.get(4).coveredNano());
        // 25 kWh x 350 g = 8,750 g
        assertEquals(8_750_000_000L, third.get(1).co2eMicrograms());
    }

    @Test
    void oneRecIsNeverAppliedTwiceAcrossTwoMetersAndTwoSites() {
        var a = site("a", "US", "", "residual/US");
        var b = site("b", "US", "", "residual/US");
        instruments.register(rec("REC-SHARED", "0.1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "US", ""));
        var wa = pricing.marketWindows(a, List.of(loc("a/m1", "a", T0, 80, gridRef, 0)), T0);
        var wb = pricing.marketWindows(b, List.of(loc("b/m1", "b", T0, 80, gridRef, 0)), T0);
        assertEquals(80 * NANO_PER_KWH, wa.get(0).coveredNano());
        assertEquals(20 * NANO_PER_KWH, wb.get(0).coveredNano(), "only 100 - 80 kWh were left");
        // again, in the other order: each keeps its draw, the sum stays 100 kWh = 0.1 MWh
        wb = pricing.marketWindows(b, List.of(loc("b/m1", "b", T0, 80, gridRef, 0)), T0);
        wa = pricing.marketWindows(a, List.of(loc("a/m1", "a", T0, 80, gridRef, 0)), T0);
        assertEquals(80 * NANO_PER_KWH, wa.get(0).coveredNano());
        assertEquals(20 * NANO_PER_KWH, wb.get(0).coveredNano());
        assertEquals(0, instruments.remainingMwh("REC-SHARED").signum());
        // a second meter of site a in a later hour gets nothing
        var wa2 = pricing.marketWindows(a, List.of(loc("a/m2", "a", T0.plusSeconds(3600), 10, gridRef, 0)), T0);
        assertEquals(0, wa2.get(0).coveredNano());
        assertEquals(0, wa2.get(0).instrumentRef());
        // 10 kWh x 350 g = 3,500 g
        assertEquals(3_500_000_000L, wa2.get(0).co2eMicrograms());
    }

    @Test
    void aConcurrentWriterBetweenReadAndCompareAndSetCannotMakeAnOverdraw() {
        var a = site("a", "US", "", "residual/US");
        var b = site("b", "US", "", "residual/US");
        instruments.register(rec("REC-RACE", "0.1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "US", ""));
        var other = new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, alarms::add, CLOCK);
        var otherResult = new ArrayList<EmissionWindow>();
        // the first compare-and-set of writer 1 finds writer 2's draw of 80 kWh made after writer 1 read the balance
        register.beforeCas = () -> otherResult.addAll(other.marketWindows(b, List.of(loc("b/m1", "b", T0, 80, gridRef,
                0)), T0));
        var wa = pricing.marketWindows(a, List.of(loc("a/m1", "a", T0, 80, gridRef, 0)), T0);
        assertEquals(80 * NANO_PER_KWH, otherResult.get(0).coveredNano());
        assertEquals(20 * NANO_PER_KWH, wa.get(0).coveredNano());
        assertEquals(0, instruments.remainingMwh("REC-RACE").signum());
    }

    @Test
    void aCertificateOutsideTheVintageRuleIsRefusedOnceWithItsReason() {
        var site = site("hq", "US", "", "residual/US");
        instruments.register(rec("REC-2023", "1", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), "US", "hq"));
        var market = pricing.marketWindows(site, hours("hq/main", "hq", T0, 2, 100), T0);
        assertEquals(0, market.get(0).coveredNano());
        assertEquals(0, market.get(1).coveredNano());
        // 100 kWh x 350 g = 35,000 g
        assertEquals(35_000_000_000L, market.get(0).co2eMicrograms());
        assertEquals(1, alarms.size(), "one alarm for two windows: " + alarms);
        var alarm = alarms.get(0);
        assertEquals(AlarmKind.CONFIG_ERROR, alarm.kind());
        assertTrue(alarm.message().contains("REC-2023") && alarm.message().contains("vintage")
                && alarm.message().contains("2024"), alarm.message());
        assertEquals("REC-2023", alarm.details().get("instrument"));
        assertEquals(new BigDecimal("1"), instruments.remainingMwh("REC-2023"));
    }

    @Test
    void aWiderVintageWindowAdmitsTheLastSixMonthsOfThePriorYear() {
        var site = site("hq", "US", "", "residual/US");
        instruments.register(rec("REC-H2", "1", LocalDate.of(2023, 7, 1), LocalDate.of(2023, 12, 31), "US", "hq"));
        instruments.register(rec("REC-H1", "1", LocalDate.of(2023, 6, 30), LocalDate.of(2023, 12, 31), "US", "hq"));
        var greenE = new MarketPricingImpl(register, catalog, new VintageRule(6, 3), alarms::add, CLOCK);
        var market = greenE.marketWindows(site, hours("hq/main", "hq", T0, 1, 100), T0);
        assertEquals(100 * NANO_PER_KWH, market.get(0).coveredNano());
        assertEquals(register.get("instrument", "REC-H2").orElseThrow().ref(), market.get(0).instrumentRef());
        assertTrue(alarms.stream().anyMatch(a -> a.message().contains("REC-H1")), "REC-H1 starts a day too early");
    }

    @Test
    void theConsumptionYearIsTheSitesCalendarYear() {
        // 2024-01-01T02:00Z is 2023-12-31 18:00 in Los Angeles: consumption year 2023
        var site = site("la", "US", "", "residual/US", ZoneId.of("America/Los_Angeles"));
        instruments.register(rec("REC-LA-2023", "1", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), "US",
                "la"));
        var at = Instant.parse("2024-01-01T02:00:00Z");
        var market = pricing.marketWindows(site, List.of(loc("la/m", "la", at, 10, gridRef, 0)), at);
        assertEquals(10 * NANO_PER_KWH, market.get(0).coveredNano());
        var later = Instant.parse("2024-01-01T08:00:00Z"); // 2024-01-01 00:00 local
        market = pricing.marketWindows(site, List.of(loc("la/m", "la", later, 10, gridRef, 0)), later);
        assertEquals(0, market.get(0).coveredNano());
    }

    @Test
    void aCertificateFromAnotherMarketIsRefusedForTheSiteItNames() {
        var site = site("hq", "US", "", "residual/US");
        instruments.register(new Instrument("GO-DE-1", "GO", BigDecimal.ONE, LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), "EU", "AIB", "CANCEL-9", "hq", BigDecimal.ZERO, "GO"));
        // a market-wide EU certificate is simply not for a US site: no refusal for it
        instruments.register(new Instrument("GO-EU-ANY", "GO", BigDecimal.ONE, LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), "EU", "AIB", "CANCEL-10", "", BigDecimal.ZERO, "GO"));
        var market = pricing.marketWindows(site, hours("hq/main", "hq", T0, 1, 100), T0);
        assertEquals(0, market.get(0).coveredNano());
        assertEquals(1, alarms.size(), alarms.toString());
        assertTrue(alarms.get(0).message().contains("GO-DE-1") && alarms.get(0).message().contains("market 'EU'")
                && alarms.get(0).message().contains("'US'"), alarms.get(0).message());
        assertEquals("market", alarms.get(0).details().get("rule"));
    }

    @Test
    void withoutInstrumentsSupplierOrResidualTheGridAverageIsDisclosed() {
        var site = site("hq", "US", "", "");
        var forecastWindow = loc("hq/main", "hq", T0, 100, gridRef, LOC_100, WindowFlag.FORECAST, WindowFlag.GAP_SPANNED);
        var market = pricing.marketWindows(site, List.of(forecastWindow), T0);
        var w = market.get(0);
        assertEquals(gridRef, w.factorRef());
        assertEquals(LOC_100, w.co2eMicrograms(), "100 kWh x 226.4786703 g/kWh");
        assertEquals(Set.of(WindowFlag.GRID_AVERAGE_DISCLOSED, WindowFlag.FORECAST, WindowFlag.GAP_SPANNED), w.flags());
    }

    @Test
    void theSupplierRateComesBeforeTheResidualMixAndDropsLocationFactorFlags() {
        var site = site("hq", "US", "supplier/acme", "residual/US");
        var market = pricing.marketWindows(site, List.of(loc("hq/main", "hq", T0, 100, gridRef, LOC_100,
                WindowFlag.FORECAST, WindowFlag.ROLLOVER)), T0);
        // 100 kWh x 120.5 g/kWh = 12,050 g
        assertEquals(12_050_000_000L, market.get(0).co2eMicrograms());
        assertEquals(register.get("factor", "operator/acme-green-2024").orElseThrow().ref(), market.get(0).factorRef());
        assertEquals(Set.of(WindowFlag.ROLLOVER), market.get(0).flags());
    }

    @Test
    void aPpaCoversConsumptionInItsDeliveryPeriodAtItsOwnRate() {
        var site = site("hq", "US", "", "residual/US");
        instruments.register(new Instrument("PPA-WIND-7", "PPA", new BigDecimal("0.05"), LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 31), "US", "", "", "hq", new BigDecimal("12.25"), "PPA with wind farm"));
        var market = pricing.marketWindows(site, hours("hq/main", "hq", T0, 1, 80), T0);
        // 50 kWh x 12.25 g + 30 kWh x 350 g = 612.5 g + 10,500 g = 11,112.5 g
        assertEquals(50 * NANO_PER_KWH, market.get(0).coveredNano());
        assertEquals(11_112_500_000L, market.get(0).co2eMicrograms());
        // February is outside its delivery period
        var feb = Instant.parse("2024-02-10T00:00:00Z");
        var febWindow = pricing.marketWindows(site, List.of(loc("hq/main", "hq", feb, 10, gridRef, 0)), feb);
        assertEquals(0, febWindow.get(0).coveredNano());
        assertTrue(alarms.stream().anyMatch(a -> "delivery".equals(a.details().get("rule"))), alarms.toString());
    }

    @Test
    void aSuspectSpikeNeverDrainsACertificateAndGivesBackWhatItHeld() {
        var site = site("hq", "US", "", "residual/US");
        instruments.register(rec("REC-S", "1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), "US", "hq"));
        var normal = loc("hq/main", "hq", T0, 200, gridRef, 0);
        assertEquals(200 * NANO_PER_KWH, pricing.marketWindows(site, List.of(normal), T0).get(0).coveredNano());
        // recomputed: the window turned out to be a 10^9 kWh spike
        var spike = loc("hq/main", "hq", T0, 1_000_000_000L, gridRef, 0, WindowFlag.SUSPECT_SPIKE);
        var w = pricing.marketWindows(site, List.of(spike), T0).get(0);
        assertEquals(0, w.coveredNano());
        assertTrue(w.flags().contains(WindowFlag.SUSPECT_SPIKE));
        assertEquals(new BigDecimal("1"), instruments.remainingMwh("REC-S"), "the 0.2 MWh were given back");
    }

    @Test
    void onlyLocationBasedScope2WindowsGetATwin() {
        var site = site("hq", "US", "", "residual/US");
        var scope3 = new EmissionWindow("hq/main", "hq", org.gridprint.api.Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_3,
                AccountingMethod.LOCATION_BASED, T0, T0.plusSeconds(3600), 1, 1, gridRef, 0, 0,
                org.gridprint.api.Quality.GOOD, Set.of(), T0, T0.plusSeconds(3600), 1, T0);
        var market = pricing.marketWindows(site, List.of(scope3, loc("hq/main", "hq", T0, 1, gridRef, 0)), T0);
        assertEquals(1, market.size());
        assertEquals(Scope.SCOPE_2, market.get(0).scope());
    }

    @Test
    void badConfigurationNamesPidFieldAndValueAndKeepsTheDefault() {
        var component = new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, alarms::add, CLOCK);
        component.activate(java.util.Map.of("vintageMonthsBefore", "six", "vintageMonthsAfter", 13));
        assertEquals(VintageRule.SAME_YEAR, component.vintageRule());
        var message = alarms.get(0).message();
        assertTrue(message.contains("org.gridprint.carbon.market: vintageMonthsBefore = 'six'"), message);
        assertTrue(message.contains("vintageMonthsAfter = 13"), message);
        component.activate(java.util.Map.of("vintageMonthsBefore", "6", "vintageMonthsAfter", 3));
        assertEquals(new VintageRule(6, 3), component.vintageRule());
    }
}
