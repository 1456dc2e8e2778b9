package org.gridprint.carbon.bills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FuelBill;
import org.gridprint.api.carbon.FuelBillService.Change;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.catalog.FactorCatalogImpl;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.SiteConfiguration;
import org.gridprint.carbon.site.SitesImpl;
import org.gridprint.carbon.testkit.FakeRecordRegister;
import org.gridprint.carbon.testkit.FakeWindowStore;
import org.gridprint.carbon.testkit.MutableClock;
import org.gridprint.carbon.testkit.RecordingEventAdmin;
import org.junit.jupiter.api.Test;

/** Fuel bills through the real factor catalog (EPA GHG Emission Factors Hub 2024) and the testkit's stores. */
class FuelBillServiceImplTest {

    final FakeRecordRegister register = new FakeRecordRegister();
    final FakeWindowStore store = new FakeWindowStore();
    final FactorCatalogImpl catalog = new FactorCatalogImpl(register, null, null);
    final SitesImpl sites = new SitesImpl(List.of(), new RecordingEventAdmin());
    final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T00:00:00Z"));
    final FuelBillServiceImpl bills = new FuelBillServiceImpl(register, store, catalog, sites, clock);

    FuelBillServiceImplTest() {
        site("hq", "UTC", Map.of());
    }

    void site(String id, String zone, Map<String, String> fuelSeries) {
        sites.addConfiguration(SiteConfiguration.of(new Site(id, id, ZoneId.of(zone), "AR5", Duration.ofMinutes(60),
                List.of(), "", "US", "", "", fuelSeries, BigDecimal.ZERO, Map.of(), Duration.ofMinutes(15), List.of(),
                List.of(), "")));
    }

    static FuelBill gas(String ref, String from, String to, String quantity, String unit) {
        return new FuelBill("hq", ref, "natural_gas", from, to, new BigDecimal(quantity), unit, "PG&E");
    }

    List<EmissionWindow> windows(String meterId) {
        return store.windows(new WindowQuery(Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:00Z"), Set.of(meterId), "", Optional.empty(), Optional.empty()));
    }

    @Test
    void thousandThermsForJanuaryUnderAr5ByHand() {
        var r = bills.enter(gas("INV-2024-01", "2024-01-01", "2024-02-01", "1000", "therm"), null);
        assertEquals(Change.ADDED, r.change());
        assertEquals(1, r.bill().version());
        assertEquals("bill:hq/INV-2024-01", r.bill().meterId());
        var ws = windows("bill:hq/INV-2024-01");
        // January 2024 in UTC hours: 31 x 24
        assertEquals(744, ws.size());
        assertEquals(744, r.windowsAdded());
        for (var w : ws) {
            assertEquals(Quantity.THERMAL_ENERGY, w.quantity());
            assertEquals(Scope.SCOPE_1, w.scope());
            assertEquals(AccountingMethod.DIRECT, w.method());
            assertEquals(Quality.ESTIMATED, w.quality());
            assertEquals(Set.of(), w.flags());
            assertEquals(Instant.parse("2024-01-01T00:00:00Z"), w.firstReading());
            assertEquals(Instant.parse("2024-02-01T00:00:00Z"), w.lastReading());
        }
        // 1,000 therm x 100,000 Btu x 1055.05585262 J / 3,600,000 J = 29,307.107017222... kWh -> nano, once
        long billedNano = 29_307_107_017_222L;
        assertEquals(billedNano, r.bill().amountNano());
        assertEquals(billedNano, ws.stream().mapToLong(EmissionWindow::amountNano).sum(), "exactly the bill");
        // each hour 1/744 of it: 39,391,272,872.610... -> the boundary shares differ by at most one nano-kWh
        for (var w : ws) {
            assertTrue(w.amountNano() == 39_391_272_872L || w.amountNano() == 39_391_272_873L, w.toString());
        }
        // EPA Hub 2024 natural gas: 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per mmBtu; 0.1 mmBtu/therm; AR5 CH4 28, N2O 265
        // 0.1 x (53.06 + (1.0 x 28 + 0.10 x 265) / 1000) = 5.31145 kg/therm; 1,000 therm = 5,311.45 kg
        long byHand = 5_311_450_000_000L;
        long total = ws.stream().mapToLong(EmissionWindow::co2eMicrograms).sum();
        // rounded once per window (744 x 0.5 µg at most); the kWh conversions add far below a microgram
        assertTrue(Math.abs(total - byHand) <= 372, "total " + total + " µg vs " + byHand);
        assertEquals(total, r.bill().co2eMicrograms());
        // the factor named by every window: the therm factor per kWh, with its provenance
        var factor = catalog.byRef(ws.get(0).factorRef()).orElseThrow();
        assertEquals("fuel/natural_gas/therm/AR5/kWh", factor.id());
        assertEquals("kWh", factor.perUnit());
        assertTrue(factor.source().contains("29.307107017222"), factor.source());
        // 5311.45 g/therm x 3,600,000 / 105,505,585.262 = 181.2341... g/kWh
        assertEquals(0, new BigDecimal("5311.45").multiply(new BigDecimal("3600000"))
                .divide(new BigDecimal("105505585.262"), 12, java.math.RoundingMode.HALF_EVEN)
                .compareTo(factor.gramsPerUnit()));
        // totals by scope include them (the emissions command's Scope 1 line)
        var totals = store.totals(new TotalsQuery(Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:00:00Z"), ZoneId.of("UTC"), List.of(TotalsQuery.GroupBy.SCOPE), Set.of(),
                "", Optional.empty(), Optional.empty(), ""));
        assertEquals(1, totals.size());
        assertEquals(total, totals.get(0).co2eMicrograms());
    }

    @Test
    void volumeBillInScfIsStoredInCubicMetresExactly() {
        var r = bills.enter(gas("G-2", "2024-02-01", "2024-03-01", "50000", "scf"), null);
        var ws = windows("bill:hq/G-2");
        assertEquals(29 * 24, ws.size());
        // 50,000 scf x 0.028316846592 m3 = 1,415.8423296 m3 exactly
        assertEquals(1_415_842_329_600L, ws.stream().mapToLong(EmissionWindow::amountNano).sum());
        assertEquals(Quantity.FUEL_VOLUME, ws.get(0).quantity());
        // 0.001026 mmBtu/scf x (53.06 + (28 + 26.5)/1000) kg = 0.054495477 kg/scf; 50,000 scf = 2,724.77385 kg
        long total = ws.stream().mapToLong(EmissionWindow::co2eMicrograms).sum();
        assertTrue(Math.abs(total - 2_724_773_850_000L) <= 29 * 12, "total " + total);
        assertEquals("fuel/natural_gas/m3/AR5", catalog.byRef(ws.get(0).factorRef()).orElseThrow().id());
        assertEquals(Change.ADDED, r.change());
    }

    @Test
    void datesAreMidnightsInTheSitesZone() {
        site("la", "America/Los_Angeles", Map.of());
        var r = bills.enter(new FuelBill("la", "D-1", "diesel", "2024-01-01", "2024-01-02", new BigDecimal("10"),
                "gal", ""), null);
        assertEquals(Instant.parse("2024-01-01T08:00:00Z"), r.bill().from());
        assertEquals(Instant.parse("2024-01-02T08:00:00Z"), r.bill().to());
        var ws = windows("bill:la/D-1");
        assertEquals(24, ws.size());
        assertEquals(Instant.parse("2024-01-01T08:00:00Z"), ws.get(0).start());
        // 10 US gal = 0.03785411784 m3 = 37,854,117.84 nano-m3 -> 37,854,118 (once)
        assertEquals(37_854_118L, ws.stream().mapToLong(EmissionWindow::amountNano).sum());
    }

    @Test
    void aPartialHourAtTheEdgesGetsItsShare() {
        var r = bills.enter(gas("P-1", "2024-01-01T00:30:00Z", "2024-01-01T02:00:00Z", "3", "m3"), null);
        var ws = windows("bill:hq/P-1");
        assertEquals(2, ws.size());
        // 3 m3 over 90 minutes: 30 minutes in the first hour = 1 m3, 2 m3 in the second
        assertEquals(1_000_000_000L, ws.get(0).amountNano());
        assertEquals(2_000_000_000L, ws.get(1).amountNano());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), ws.get(0).start());
        assertEquals(Change.ADDED, r.change());
    }

    @Test
    void theSameBillAgainChangesNothing() {
        var bill = gas("INV-7", "2024-01-01", "2024-01-08", "120.5", "therm");
        bills.enter(bill, null);
        var again = bills.enter(gas("INV-7", "2024-01-01T00:00:00Z", "2024-01-08", "120.50", "THERM"), null);
        assertEquals(Change.UNCHANGED, again.change());
        assertEquals(0, again.windowsAdded());
        assertEquals(0, again.windowsRevised());
        assertEquals(7 * 24, again.windowsUnchanged());
        assertEquals(1, register.history(FuelBillServiceImpl.REGISTER, "hq/INV-7").size());
        assertEquals(1, bills.bills("hq").size());
    }

    @Test
    void aCorrectedBillKeepsVersionOneAndRecomputesItsWindows() {
        bills.enter(gas("INV-9", "2024-01-01", "2024-01-03", "48", "m3"), null);
        var key = windows("bill:hq/INV-9").get(47).key(); // 2024-01-02T23:00Z
        assertEquals(1_000_000_000L, store.window(key).orElseThrow().amountNano());
        // no reason: refused, nothing changed
        var refused = assertThrows(IllegalArgumentException.class,
                () -> bills.enter(gas("INV-9", "2024-01-01", "2024-01-02", "36", "m3"), " "));
        assertTrue(refused.getMessage().contains("needs a reason"), refused.getMessage());
        // the supplier re-issued it: one day, 36 m3
        var r = bills.enter(gas("INV-9", "2024-01-01", "2024-01-02", "36", "m3"), "re-issued by the supplier");
        assertEquals(Change.CORRECTED, r.change());
        assertEquals(2, r.bill().version());
        assertEquals(48, r.windowsRevised()); // 24 with 1.5 m3, 24 that the period no longer covers now 0
        var history = bills.history("hq", "INV-9");
        assertEquals(2, history.size());
        assertEquals(0, new BigDecimal("48").compareTo(history.get(0).quantity()));
        assertEquals(1, history.get(0).version());
        var versions = store.history(key);
        assertEquals(2, versions.size());
        assertEquals(1_000_000_000L, versions.get(0).window().amountNano());
        assertEquals(0, versions.get(1).window().amountNano());
        assertTrue(versions.get(1).reason().contains("re-issued by the supplier"), versions.get(1).reason());
        var ws = windows("bill:hq/INV-9");
        assertEquals(36_000_000_000L, ws.stream().mapToLong(EmissionWindow::amountNano).sum());
        assertEquals(24, r.bill().windows());
    }

    @Test
    void aBillOverlappingAFuelMeterOfTheSameFuelWarnsButIsStored() {
        site("plant", "UTC", Map.of("plant/gas", "fuel/natural_gas/m3"));
        var t = Instant.parse("2024-01-10T00:00:00Z");
        store.storeWindows(List.of(new EmissionWindow("plant/gas", "plant", Quantity.FUEL_VOLUME, Scope.SCOPE_1,
                AccountingMethod.DIRECT, t, t.plusSeconds(3600), 5_000_000_000L, 1L, 1, 0, 0, Quality.GOOD, Set.of(),
                t, t.plusSeconds(3600), 1, t)), "computed");
        var r = bills.enter(new FuelBill("plant", "B-1", "natural_gas", "2024-01-01", "2024-02-01",
                new BigDecimal("100"), "therm", ""), null);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("plant/gas") && r.warnings().get(0).contains("double-counting"),
                r.warnings().get(0));
        assertEquals(744, windows("bill:plant/B-1").size());
        // another fuel: no warning
        var diesel = bills.enter(new FuelBill("plant", "B-2", "diesel", "2024-01-01", "2024-02-01",
                new BigDecimal("100"), "gal", ""), null);
        assertEquals(List.of(), diesel.warnings());
    }

    @Test
    void badInputIsRefusedNamingFieldValueAndExpectation() {
        var e = assertThrows(IllegalArgumentException.class, () -> bills.enter(new FuelBill("hq", "bad ref", "coal",
                "2024-13-01", "2024-02-01", new BigDecimal("-5"), "therm", ""), null));
        var m = e.getMessage();
        assertTrue(m.contains("reference = 'bad ref'"), m);
        assertTrue(m.contains("fuel = 'coal': expected one of natural_gas, diesel, propane, fuel_oil, propane_gas"), m);
        assertTrue(m.contains("quantity = -5"), m);
        assertTrue(m.contains("from = '2024-13-01': expected a date yyyy-MM-dd"), m);
        var unit = assertThrows(IllegalArgumentException.class, () -> bills.enter(new FuelBill("hq", "D-9", "diesel",
                "2024-01-01", "2024-02-01", BigDecimal.ONE, "therm", ""), null)).getMessage();
        assertTrue(unit.contains("unit = 'therm' is not a unit diesel is billed in: expected one of gal, l, m3"), unit);
        var order = assertThrows(IllegalArgumentException.class,
                () -> bills.enter(gas("O-1", "2024-02-01", "2024-01-01", "1", "m3"), null)).getMessage();
        assertTrue(order.contains("expected 'to' after 'from'"), order);
        var tooLong = assertThrows(IllegalArgumentException.class,
                () -> bills.enter(gas("O-2", "2022-01-01", "2024-01-01", "1", "m3"), null)).getMessage();
        assertTrue(tooLong.contains("730 days: expected at most 366 days"), tooLong);
        var site = assertThrows(IllegalArgumentException.class, () -> bills.enter(new FuelBill("nowhere", "X-1",
                "diesel", "2024-01-01", "2024-02-01", BigDecimal.ONE, "gal", ""), null)).getMessage();
        assertTrue(site.contains("site = 'nowhere' is not configured; expected one of hq"), site);
        assertEquals(List.of(), bills.bills(""));
        assertEquals(0, store.windowCount());
    }
}
