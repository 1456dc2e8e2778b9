package org.gridprint.shell.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.carbon.RecalculationService;
import org.gridprint.api.carbon.SiteLocation;
import org.gridprint.api.carbon.WhatIfService;
import org.junit.jupiter.api.Test;

/** The carbon commands' pure helpers: formatting, option parsing, locations, net view, what-if text. */
class CarbonTextTest {

    @Test
    void co2eIsKgFromOneKgAndGramsWithThreeDigitsBelow() {
        // 1,000 kWh x 226.478670341 g/kWh = 226.478670341 kg
        assertEquals("226.479", CarbonText.co2e(226_478_670_341L));
        assertEquals("226.478670341", CarbonText.co2eExact(226_478_670_341L));
        // 7 kW for 5 s = 0.00972 kWh x 226.478670341 g/kWh = 2.2013727 g: never "0"
        assertEquals("2.2 g", CarbonText.co2e(2_201_373L));
        assertEquals("500 g", CarbonText.co2e(500_000_000L));
        assertEquals("0.000001 g", CarbonText.co2e(1L));
        assertEquals("0", CarbonText.co2e(0L));
        assertEquals("1", CarbonText.co2e(1_000_000_000L));
    }

    @Test
    void openValidityReadsOpen() {
        assertEquals("open", CarbonText.since(Instant.MIN));
        assertEquals("open", CarbonText.since(Instant.parse("-1000000000-01-01T00:00:00Z")));
        assertEquals("2023-01-01T00:00:00Z", CarbonText.since(Instant.parse("2023-01-01T00:00:00Z")));
        assertEquals("open", CarbonText.until(Instant.MAX));
    }

    @Test
    void amountsKeepNanoUnits() {
        assertEquals("0.00972", CarbonText.amount(9_720_000L));
        assertEquals("0.000000001", CarbonText.amount(1L));
        assertEquals("1000.01", CarbonText.amount(1_000_009_720_000L));
        assertEquals("1000.00972", CarbonText.amountExact(1_000_009_720_000L));
    }

    @Test
    void loadsInWKwAndMw() {
        assertEquals(new BigDecimal("50"), CarbonArgs.loadKw("50kW"));
        assertEquals(new BigDecimal("0.8"), CarbonArgs.loadKw("800 W"));
        assertEquals(new BigDecimal("1500"), CarbonArgs.loadKw("1.5MW"));
        var e = assertThrows(IllegalArgumentException.class, () -> CarbonArgs.loadKw("50 horses"));
        assertEquals("--load: '50 horses' is not a power; expected a power with its unit: W, kW or MW (50kW, 1.5MW,"
                + " 800W)", e.getMessage());
    }

    @Test
    void methodsAndScopesInTheOperatorsWords() {
        assertEquals(Optional.of(org.gridprint.api.carbon.AccountingMethod.MARKET_BASED), CarbonArgs.method("market-based"));
        assertEquals(Optional.of(org.gridprint.api.carbon.Scope.SCOPE_3), CarbonArgs.scope("3.3"));
        var e = assertThrows(IllegalArgumentException.class, () -> CarbonArgs.by("month,month"));
        assertEquals("--by: 'month' is given twice in 'month,month'; expected each grouping once", e.getMessage());
    }

    @Test
    void siteLocationChangesKeepWhatIsNotGivenAndCheckRanges() {
        var current = new SiteLocation("sf", "CAMX", "CA", "US", "", "", Optional.empty(), Optional.empty(),
                Optional.empty());
        var changed = SiteLocations.apply("sf", Optional.of(current), new SiteLocations.Change(null, "-", null,
                "US-CAL-CISO", null, null, "37.77", "-122.42"));
        assertEquals("CAMX", changed.egridSubregion());
        assertEquals("", changed.state());
        assertEquals("US-CAL-CISO", changed.zone());
        assertEquals(Optional.of(37.77), changed.latitude());
        assertEquals("eGRID subregion CAMX, country US, Electricity Maps zone US-CAL-CISO, lat 37.77 lon -122.42",
                SiteLocations.describe(changed));
        var e = assertThrows(IllegalArgumentException.class, () -> SiteLocations.apply("sf", Optional.empty(),
                new SiteLocations.Change(null, null, null, null, null, "18", null, null)));
        assertEquals("--uk-region: '18' is not a UK Carbon Intensity region; expected a region id 1..17 (e.g. 13 ="
                + " London)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SiteLocations.apply("sf", Optional.empty(),
                new SiteLocations.Change(null, null, null, null, null, null, "91", null)));
        assertEquals("--lat: '91' is not a latitude; expected decimal degrees from -90 to 90", e.getMessage());
    }

    @Test
    void netViewKeepsOffsetsApartAndCountsOnlyThoseRetiredInThePeriod() {
        var offsets = List.of(
                new Offset("VCS-1", new BigDecimal("25"), "Verra VCS", "p", LocalDate.of(2025, 1, 1), "R1",
                        LocalDate.of(2026, 3, 1), ""),
                new Offset("VCS-2", new BigDecimal("2.5"), "Verra VCS", "p", LocalDate.of(2025, 1, 1), "R2",
                        LocalDate.of(2026, 7, 1), "other-site"),
                new Offset("GS-3", new BigDecimal("100"), "Gold Standard", "p", LocalDate.of(2024, 1, 1), "R3",
                        LocalDate.of(2027, 1, 1), ""));
        // gross 430.004805231 t location (430,004,805,231,000,000 ug would be too many: use 430.004805231 t)
        long location = 430_004_805_231_000L;
        long market = 323_523_933_517_000L;
        var r = NetView.of(location, market, offsets, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "sf");
        assertEquals(List.of("VCS-1"), r.offsets().stream().map(Offset::serial).toList());
        assertEquals(0, new BigDecimal("405.004805231").compareTo(r.netLocationTonnes()));
        assertEquals(0, new BigDecimal("298.523933517").compareTo(r.netMarketTonnes()));
        var lines = NetView.lines(r, "2026");
        assertEquals("  gross location-based (Scope 1 + 2 + 3.3): 430.005 t CO2e", lines.get(1));
        assertEquals("  net market-based:   298.524 t CO2e", lines.get(5));
    }

    @Test
    void whatIfAnswerNamesSignalProviderAndSaving() {
        // 50 kW for 2 h = 100 kWh; now 250 g/kWh = 25,000 g, best 150 g/kWh = 15,000 g, saving 10,000 g = 40 %
        var a = new WhatIfService.Answer("sf", IntensitySignal.MARGINAL, "watttime-caiso",
                Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T13:00:00Z"), new BigDecimal("15000"),
                new BigDecimal("25000"), new BigDecimal("10000"), "co2_moer forecast generated 2026-12-06T09:55Z");
        var text = WhatIfCommand.text(a, new BigDecimal("50"), Duration.ofHours(2));
        assertEquals("""
                site sf: 50 kW for 2h00m (100 kWh)
                best start 2026-12-06T13:00:00Z: 15 kg CO2e
                start now  2026-12-06T10:00:00Z: 25 kg CO2e
                saving 10 kg (40 %)
                signal MARGINAL from provider watttime-caiso (marginal: what the load changes; never used in inventory\
                 totals)
                basis: co2_moer forecast generated 2026-12-06T09:55Z""", text);
    }

    @Test
    void recalculationResultSaysWhatChanged() {
        var r = new RecalculationService.Result(48, 3, 1, 2, Optional.empty());
        assertEquals("recalculated 2026-01-01T00:00:00Z .. 2026-01-02T00:00:00Z of site sf (reason: eGRID2023rev2):"
                + " 2 meter(s), 48 window(s) checked, 3 revised (new version, the earlier kept), 1 added, 44 unchanged",
                RecalculateCommand.text(r, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"),
                        Optional.of("sf"), "eGRID2023rev2"));
    }

    @Test
    void instrumentOptionsAreCheckedBeforeRegistering() {
        var c = new InstrumentAddCommand();
        c.id = "MRETS-2026-0001";
        c.type = "rec";
        c.mwh = "600";
        c.vintage = "2026";
        c.market = "us";
        var e = assertThrows(IllegalArgumentException.class, c::instrument);
        assertEquals("--retirement: missing; a REC counts only when retired: expected its retirement/cancellation id",
                e.getMessage());
        c.retirement = "RET-77";
        var i = c.instrument();
        assertEquals(LocalDate.of(2026, 1, 1), i.vintageFrom());
        assertEquals(LocalDate.of(2026, 12, 31), i.vintageTo());
        assertEquals("US", i.market());
        assertEquals(BigDecimal.ZERO, i.gramsPerKwh());
        c.mwh = "-5";
        e = assertThrows(IllegalArgumentException.class, c::instrument);
        assertEquals("--mwh: '-5' must be > 0", e.getMessage());
    }
}
