package org.gridprint.carbon;

import static org.gridprint.carbon.EngineFixture.amounts;
import static org.gridprint.carbon.EngineFixture.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.testkit.FakeFactorCatalog;
import org.gridprint.carbon.testkit.FakeIntensityService;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class CarbonEngineTest {

    static final Instant Y2022 = Instant.parse("2022-01-01T00:00:00Z");
    static final Instant Y2023 = Instant.parse("2023-01-01T00:00:00Z");
    static final Instant Y2024 = Instant.parse("2024-01-01T00:00:00Z");
    /** eGRID2022 CAMX CO2e 499.3 lb/MWh x 0.45359237 kg/lb = 226.478670341 g/kWh (exact). */
    static final String CAMX_2022 = "226.478670341";

    static EngineFixture camx() {
        var f = new EngineFixture();
        f.catalog.add("egrid/subregion/CAMX/co2e", FakeFactorCatalog.grid("egrid2022/subregion/CAMX/co2e", "CAMX",
                CAMX_2022, Y2022, Y2023, "eGRID2022 (2024-01-30)"));
        f.site(site("ca", List.of("egrid/subregion/CAMX/co2e"))).meter("ca/main", "ca");
        return f;
    }

    @Test
    void camxThousandKwhThroughTheEngine() {
        var f = camx();
        f.energy("ca/main", "2022-06-01T00:00:00Z", 5000.0, "2022-06-01T01:00:00Z", 6000.0);
        var run = assertInstanceOf(MeterRun.Computed.class, f.engine.recompute("ca/main"));
        assertEquals(1, run.windows());
        var lb = f.lb("ca/main");
        assertEquals(1, lb.size());
        var w = lb.get(0);
        assertEquals(1_000_000_000_000L, w.amountNano());
        // 1,000 kWh x 226.478670341 g/kWh = 226,478.670341 g = 226,478,670,341 µg = 226.48 kg
        assertEquals(226_478_670_341L, w.co2eMicrograms());
        assertEquals("egrid2022/subregion/CAMX/co2e", f.catalog.byRef(w.factorRef()).orElseThrow().id());
        // two readings an hour apart: longer than the site's 15-minute gap threshold
        assertEquals(Set.of(WindowFlag.GAP_SPANNED), w.flags());
        assertEquals(Instant.parse("2022-06-01T00:00:00Z"), w.firstReading());
        assertEquals(Instant.parse("2022-06-01T01:00:00Z"), w.lastReading());
        // market-based twin, always beside it
        var mb = f.windows("ca/main", Scope.SCOPE_2, AccountingMethod.MARKET_BASED);
        assertEquals(1, mb.size());
        assertEquals(w.amountNano(), mb.get(0).amountNano());
        assertTrue(mb.get(0).flags().contains(WindowFlag.GRID_AVERAGE_DISCLOSED));
        // COMPUTED: meter, from, to, count (LB + MB)
        var computed = f.events.on(Topics.EMISSIONS_COMPUTED);
        assertEquals(1, computed.size());
        assertEquals(2, computed.get(0).getProperty(EventKeys.COUNT));
        assertEquals(Instant.parse("2022-06-01T00:00:00Z").toEpochMilli(), computed.get(0).getProperty(EventKeys.FROM));
        // a second run stores nothing new
        var again = assertInstanceOf(MeterRun.Computed.class, f.engine.recompute("ca/main"));
        assertEquals(0, again.stored());
        assertEquals(1, f.events.on(Topics.EMISSIONS_COMPUTED).size());
    }

    @Test
    void consumptionYearWithoutEditionUsesLatestPublishedAndSaysSo() {
        var f = camx();
        f.energy("ca/main", "2024-03-01T00:00:00Z", 0.0, "2024-03-01T01:00:00Z", 1.0);
        f.engine.recompute("ca/main");
        var w = f.lb("ca/main").get(0);
        assertTrue(w.flags().contains(WindowFlag.LATEST_PUBLISHED), w.flags().toString());
    }

    @Test
    void sevenSecondPollsAcrossHourlyWindowsSumExactly() {
        var f = camx();
        // 36 kW constant: 0.07 kWh per 7 s poll; first poll 23:59:55 -> the 00:00 and 01:00 windows are 36 kWh each
        var t = Instant.parse("2022-06-01T23:59:55Z");
        var counter = new BigDecimal("1234.5");
        for (var i = 0; i < 1100; i++) {
            f.readings.add(Reading.good("ca/main", Quantity.ACTIVE_ENERGY_IMPORT, t, counter.doubleValue(), "test"));
            t = t.plusSeconds(7);
            counter = counter.add(new BigDecimal("0.07"));
        }
        f.engine.recompute("ca/main");
        var lb = f.lb("ca/main");
        // 23:00 window (partial, from 23:59:55: 5 s = 0.05 kWh), then 00:00 and 01:00 closed (last poll 02:08:08)
        assertEquals(List.of(50_000_000L, 36_000_000_000L, 36_000_000_000L), amounts(lb));
    }

    @Test
    void ukHalfHourWindowsFromTheProvidersResolution() {
        var f = new EngineFixture();
        f.site(site("uk", List.of())).meter("uk/main", "uk");
        var t10 = Instant.parse("2026-12-06T10:00:00Z");
        f.intensity.providers("uk", "uk-ci").resolution("uk", Duration.ofMinutes(30))
                .add(FakeIntensityService.point("uk-ci", "13", t10, Duration.ofMinutes(30), "263"),
                        FakeIntensityService.point("uk-ci", "13", t10.plusSeconds(1800), Duration.ofMinutes(30),
                                "255"));
        f.energy("uk/main", "2026-12-06T10:00:00Z", 100.0, "2026-12-06T10:15:00Z", 105.0, "2026-12-06T10:30:00Z",
                110.0, "2026-12-06T11:00:00Z", 114.0);
        f.engine.recompute("uk/main");
        var lb = f.lb("uk/main");
        assertEquals(2, lb.size());
        assertEquals(Duration.ofMinutes(30), Duration.between(lb.get(0).start(), lb.get(0).end()));
        // 10 kWh x 263 g/kWh = 2,630 g; 4 kWh x 255 = 1,020 g
        assertEquals(2_630_000_000L, lb.get(0).co2eMicrograms());
        assertEquals(1_020_000_000L, lb.get(1).co2eMicrograms());
        assertEquals("intensity/uk-ci/13/2026-12-06T10:00:00Z",
                f.catalog.byRef(lb.get(0).factorRef()).orElseThrow().id());
        assertFalse(lb.get(0).flags().contains(WindowFlag.FALLBACK));
    }

    @Test
    void forecastAndEstimatedValuesAreFlagged() {
        var f = new EngineFixture();
        f.site(site("de", List.of())).meter("de/main", "de");
        var t = Instant.parse("2026-12-06T10:00:00Z");
        f.intensity.providers("de", "em").add(new org.gridprint.api.carbon.IntensityPoint("em", "DE",
                org.gridprint.api.carbon.IntensitySignal.AVERAGE, t, t.plusSeconds(3600), new BigDecimal("302"),
                "g/kWh", true, true, "lifecycle", t.minusSeconds(7200)));
        f.energy("de/main", "2026-12-06T10:00:00Z", 0.0, "2026-12-06T11:00:00Z", 2.0);
        // at 12:00 only a forecast is held: the window waits (up to 2 h after its end) for the actual value
        var waiting = assertInstanceOf(MeterRun.Computed.class, f.engine.recompute("de/main"));
        assertTrue(waiting.incomplete().orElseThrow().startsWith("waiting for"), waiting.toString());
        assertEquals(List.of(), f.lb("de/main"));
        f.clock.set(Instant.parse("2026-12-06T13:00:01Z"));
        f.engine.recompute("de/main");
        var w = f.lb("de/main").get(0);
        assertTrue(w.flags().containsAll(Set.of(WindowFlag.FORECAST, WindowFlag.PROVIDER_ESTIMATED)), w.flags()
                .toString());
        assertEquals(604_000_000L, w.co2eMicrograms()); // 2 kWh x 302 g
    }

    @Test
    void aGapInTheFirstProviderFallsBackAndIsFlagged() {
        var f = new EngineFixture();
        f.catalog.add("egrid/subregion/CAMX/co2e", FakeFactorCatalog.grid("egrid2023rev2/subregion/CAMX/co2e", "CAMX",
                "200", Y2023, Y2024, "eGRID2023rev2"));
        f.site(site("ca", List.of("egrid/subregion/CAMX/co2e"))).meter("ca/main", "ca");
        var t = Instant.parse("2023-05-01T10:00:00Z");
        f.intensity.providers("ca", "wt", "em").add(FakeIntensityService.point("wt", "CAISO_NORTH", t,
                Duration.ofHours(1), "300"), FakeIntensityService.point("em", "US-CAL-CISO", t.plusSeconds(3600),
                        Duration.ofHours(1), "250"));
        f.energy("ca/main", "2023-05-01T10:00:00Z", 0.0, "2023-05-01T13:00:00Z", 3.0);
        f.engine.recompute("ca/main");
        var lb = f.lb("ca/main");
        assertEquals(3, lb.size());
        assertEquals(300_000_000L, lb.get(0).co2eMicrograms()); // 1 kWh x 300 g
        assertFalse(lb.get(0).flags().contains(WindowFlag.FALLBACK));
        assertEquals(250_000_000L, lb.get(1).co2eMicrograms()); // second provider
        assertTrue(lb.get(1).flags().contains(WindowFlag.FALLBACK));
        assertEquals(200_000_000L, lb.get(2).co2eMicrograms()); // no provider: catalog, FALLBACK
        assertTrue(lb.get(2).flags().contains(WindowFlag.FALLBACK));
    }

    /**
     * A factor that changes at a year boundary: windows are UTC-aligned hours (or finer), so an edition's validFrom
     * at a whole hour (as every catalog edition boundary is: UTC midnight of 1 January) never falls inside a window;
     * each window is priced with the version valid at its start.
     */
    @Test
    void factorChangeAtTheEditionBoundary() {
        var f = camx();
        f.catalog.add("egrid/subregion/CAMX/co2e", FakeFactorCatalog.grid("egrid2023rev2/subregion/CAMX/co2e", "CAMX",
                "200", Y2023, Y2024, "eGRID2023rev2"));
        f.energy("ca/main", "2022-12-31T23:00:00Z", 0.0, "2023-01-01T01:00:00Z", 2.0);
        f.engine.recompute("ca/main");
        var lb = f.lb("ca/main");
        assertEquals(2, lb.size());
        assertEquals(226_478_670L, lb.get(0).co2eMicrograms()); // 1 kWh x 226.478670341 g
        assertEquals(200_000_000L, lb.get(1).co2eMicrograms());
    }

    @Test
    void aChangedFactorRecalculatedKeepsTheOldVersion() {
        var f = new EngineFixture();
        f.catalog.add("op/ca", FakeFactorCatalog.grid("op/ca/v1", "CA", "100", Y2022, Y2024, "v1"));
        f.site(site("ca", List.of("op/ca"))).meter("ca/main", "ca");
        f.energy("ca/main", "2022-06-01T00:00:00Z", 0.0, "2022-06-01T01:00:00Z", 1.0);
        f.engine.recompute("ca/main");
        assertEquals(100_000_000L, f.lb("ca/main").get(0).co2eMicrograms());
        // the operator replaces the factor (another series entry valid earlier in the list wins: a new fixture series)
        var f2Catalog = new FakeFactorCatalog(f.register);
        f2Catalog.add("op/ca", FakeFactorCatalog.grid("op/ca/v2", "CA", "120", Y2022, Y2024, "v2"));
        var engine2 = new CarbonEngineImpl(f.readings, f.store, f.meters, f.sites, f2Catalog, f.market, f.intensity,
                f.events, f.clock, Runnable::run);
        var result = new org.gridprint.carbon.recalc.RecalculationServiceImpl(engine2).recalculate(
                Instant.parse("2022-06-01T00:00:00Z"), Instant.parse("2022-06-02T00:00:00Z"), Optional.of("ca"),
                "factor v2 published");
        assertEquals(1, result.windowsChecked());
        assertEquals(2, result.windowsRevised()); // LB and MB
        var w = f.lb("ca/main").get(0);
        assertEquals(120_000_000L, w.co2eMicrograms());
        assertEquals(2, w.version());
        var history = f.store.history(w.key());
        assertEquals(2, history.size());
        assertEquals(100_000_000L, history.get(0).window().co2eMicrograms());
        assertEquals("factor v2 published", history.get(1).reason());
    }

    @Test
    void recalculationTouchesExactlyTheRequestedWindows() {
        var f = new EngineFixture();
        f.catalog.add("op/ca", FakeFactorCatalog.grid("op/ca/v1", "CA", "100", Y2022, Y2024, "v1"));
        f.site(site("ca", List.of("op/ca"))).meter("ca/main", "ca");
        f.energy("ca/main", "2022-06-01T10:00:00Z", 0.0, "2022-06-01T10:30:00Z", 1.0, "2022-06-01T11:30:00Z", 3.0,
                "2022-06-01T12:30:00Z", 5.0, "2022-06-01T13:00:00Z", 6.0);
        f.engine.recompute("ca/main");
        assertEquals(3, f.lb("ca/main").size());
        var v2 = new FakeFactorCatalog(f.register);
        v2.add("op/ca", FakeFactorCatalog.grid("op/ca/v2", "CA", "150", Y2022, Y2024, "v2"));
        var engine2 = new CarbonEngineImpl(f.readings, f.store, f.meters, f.sites, v2, f.market, f.intensity, f.events,
                f.clock, Runnable::run);
        var result = new org.gridprint.carbon.recalc.RecalculationServiceImpl(engine2).recalculate(
                Instant.parse("2022-06-01T11:00:00Z"), Instant.parse("2022-06-01T12:00:00Z"), Optional.empty(),
                "v2 for 11:00 only");
        assertEquals(1, result.windowsChecked());
        var lb = f.lb("ca/main");
        assertEquals(List.of(1, 2, 1), lb.stream().map(w -> w.version()).toList());
        // 11:00 window: 1 kWh (10:30..11:30 half) + 1 kWh (11:30..12:30 half) = 2 kWh x 150 g
        assertEquals(300_000_000L, lb.get(1).co2eMicrograms());
        assertEquals(200_000_000L, lb.get(2).co2eMicrograms()); // 12:00: 1 + 1 kWh x 100 g, untouched
    }

    @Test
    void scope3LossWindow() {
        var f = new EngineFixture();
        f.catalog.add("egrid/subregion/CAMX/co2e", FakeFactorCatalog.grid("egrid2022/subregion/CAMX/co2e", "CAMX",
                CAMX_2022, Y2022, Y2023, "eGRID2022"));
        f.catalog.add("egrid/subregion/CAMX/loss", FakeFactorCatalog.loss("egrid2022/subregion/CAMX/loss", "CAMX",
                "0.05", Y2022, Y2023, "eGRID2022"));
        var s = new Site("ca", "ca", ZoneId.of("UTC"), "AR5", Duration.ofMinutes(60),
                List.of("egrid/subregion/CAMX/co2e"), "egrid/subregion/CAMX/loss", "US", "", "", Map.of(),
                BigDecimal.ZERO, Map.of(), Duration.ofMinutes(15), List.of(), List.of(), "");
        f.site(s).meter("ca/main", "ca");
        f.energy("ca/main", "2022-06-01T00:00:00Z", 0.0, "2022-06-01T01:00:00Z", 1000.0);
        f.engine.recompute("ca/main");
        var s3 = f.windows("ca/main", Scope.SCOPE_3, AccountingMethod.LOCATION_BASED);
        assertEquals(1, s3.size());
        // loss energy = 1000 x 0.05 / 0.95 = 52.631578947368.. kWh -> 52,631,578,947 nano (HALF_EVEN)
        assertEquals(52_631_578_947L, s3.get(0).amountNano());
        // x 226.478670341 g/kWh = 11,919.930017863928 g -> 11,919,930,018 µg (bc)
        assertEquals(11_919_930_018L, s3.get(0).co2eMicrograms());
        var factor = f.catalog.byRef(s3.get(0).factorRef()).orElseThrow();
        assertTrue(factor.id().contains("egrid2022/subregion/CAMX/co2e") && factor.id().contains("loss"), factor.id());
        assertEquals(Scope.SCOPE_3, factor.scope());
    }

    @Test
    void onSiteNettingChargesOnlyGridSourcedEnergy() {
        var f = camx();
        var s = new Site("pv", "pv", ZoneId.of("UTC"), "AR5", Duration.ofMinutes(60),
                List.of("egrid/subregion/CAMX/co2e"), "", "US", "", "", Map.of(), BigDecimal.ZERO, Map.of(),
                Duration.ofMinutes(15), List.of("pv/solar"), List.of("pv/export"), "pv/load");
        f.site(s).meter("pv/load", "pv").meter("pv/solar", "pv").meter("pv/export", "pv");
        // load 10 kWh, generation 4 kWh, export 1 kWh -> self-consumed 3 -> grid-sourced 7 kWh
        f.energy("pv/load", "2022-06-01T10:00:00Z", 100.0, "2022-06-01T11:00:00Z", 110.0);
        f.counter("pv/solar", Quantity.ACTIVE_ENERGY_EXPORT, "2022-06-01T10:00:00Z", 50.0, "2022-06-01T11:00:00Z", 54.0);
        f.counter("pv/export", Quantity.ACTIVE_ENERGY_EXPORT, "2022-06-01T10:00:00Z", 7.0, "2022-06-01T11:00:00Z", 8.0);
        f.engine.recompute("pv/load");
        var lb = f.lb("pv/load");
        assertEquals(List.of(7_000_000_000L), amounts(lb));
        assertTrue(lb.get(0).flags().contains(WindowFlag.ONSITE_NETTED));
        // exported energy is never subtracted: export larger than generation nets nothing
        assertInstanceOf(MeterRun.Skipped.class, f.engine.recompute("pv/solar"));
        assertEquals(List.of(), f.lb("pv/solar"));
    }

    @Test
    void netMeterWaitsForGenerationReadings() {
        var f = camx();
        var s = new Site("pv", "pv", ZoneId.of("UTC"), "AR5", Duration.ofMinutes(60),
                List.of("egrid/subregion/CAMX/co2e"), "", "US", "", "", Map.of(), BigDecimal.ZERO, Map.of(),
                Duration.ofMinutes(15), List.of("pv/solar"), List.of(), "pv/load");
        f.site(s).meter("pv/load", "pv").meter("pv/solar", "pv");
        f.energy("pv/load", "2022-06-01T10:00:00Z", 100.0, "2022-06-01T12:00:00Z", 120.0);
        f.counter("pv/solar", Quantity.ACTIVE_ENERGY_EXPORT, "2022-06-01T10:00:00Z", 0.0, "2022-06-01T11:00:00Z", 4.0);
        var run = assertInstanceOf(MeterRun.Computed.class, f.engine.recompute("pv/load"));
        assertEquals(List.of(6_000_000_000L), amounts(f.lb("pv/load")));
        assertTrue(run.incomplete().orElseThrow().contains("waiting"), run.toString());
        // the generation meter's late readings queue the net meter
        f.counter("pv/solar", Quantity.ACTIVE_ENERGY_EXPORT, "2022-06-01T12:00:00Z", 6.0);
        f.engine.handleEvent(new Event(Topics.READINGS_STORED, Map.of(EventKeys.METER_IDS, new String[] { "pv/solar" },
                EventKeys.FROM, Instant.parse("2022-06-01T12:00:00Z").toEpochMilli())));
        assertEquals(List.of(6_000_000_000L, 8_000_000_000L), amounts(f.lb("pv/load")));
    }

    @Test
    void spikeOfTenToTheNineKwhIsFlaggedExcludedAndAlarmedOnce() {
        var f = new EngineFixture();
        f.catalog.add("op/x", FakeFactorCatalog.grid("op/x/v1", "X", "100", Y2022, Y2024, "v1"));
        var s = new Site("s", "s", ZoneId.of("UTC"), "AR5", Duration.ofMinutes(60), List.of("op/x"), "", "US", "",
                "", Map.of(), new BigDecimal("7"), Map.of(), Duration.ofMinutes(15), List.of(), List.of(), "");
        f.site(s).meter("s/m", "s");
        // 5 s polls at ~5 kW; one reading 999,999,999.7 kWh higher (the case), then back to normal
        f.energy("s/m", "2023-03-01T10:00:00Z", 100.0, "2023-03-01T10:00:05Z", 100.007,
                "2023-03-01T10:00:10Z", 1_000_000_099.707, "2023-03-01T11:00:00Z", 1_000_000_104.707,
                "2023-03-01T12:00:00Z", 1_000_000_109.707);
        f.engine.recompute("s/m");
        var lb = f.lb("s/m");
        assertEquals(2, lb.size());
        assertTrue(lb.get(0).flags().contains(WindowFlag.SUSPECT_SPIKE));
        assertEquals(Quality.SUSPECT, lb.get(0).quality());
        assertFalse(lb.get(0).counted());
        assertTrue(lb.get(1).counted());
        var totals = f.store.totals(new TotalsQuery(Instant.parse("2023-03-01T00:00:00Z"),
                Instant.parse("2023-03-02T00:00:00Z"), ZoneId.of("UTC"), List.of(), Set.of(), "", Optional.of(
                        Scope.SCOPE_2), Optional.of(AccountingMethod.LOCATION_BASED), ""));
        assertEquals(1, totals.size());
        assertEquals(5_000_000_000L, totals.get(0).amountNano()); // only the 11:00 window (5 kWh)
        assertEquals(1, totals.get(0).excludedWindows());
        var alarms = f.events.on("gridprint/alarms/SUSPECT_INTERVAL");
        assertEquals(2, alarms.size(), alarms.toString());
        assertEquals(EventKeys.RAISED, alarms.get(0).getProperty(EventKeys.ALARM_STATE));
        assertEquals(EventKeys.CLEARED, alarms.get(1).getProperty(EventKeys.ALARM_STATE));
        assertEquals("s/m", alarms.get(0).getProperty(EventKeys.METER_ID));
        // a recalculation of the period does not alarm again
        f.engine.recalculate(Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-02T00:00:00Z"),
                Optional.empty(), "check");
        assertEquals(2, f.events.on("gridprint/alarms/SUSPECT_INTERVAL").size());
        // the operator accepts it: counted again, SUSPECT_SPIKE stays beside ACCEPTED, on both methods
        var plausibility = new org.gridprint.carbon.plausibility.PlausibilityServiceImpl(f.store, f.catalog, f.market,
                f.sites, f.engine, f.clock);
        assertEquals(1, plausibility.suspects(org.gridprint.api.store.WindowQuery.of(Instant.EPOCH,
                Instant.parse("2030-01-01T00:00:00Z"))).stream().filter(w -> w.method()
                        == AccountingMethod.LOCATION_BASED).count());
        var accepted = plausibility.accept(lb.get(0).key(), "meter replaced, value confirmed by utility bill");
        assertTrue(accepted.counted());
        assertTrue(accepted.flags().containsAll(Set.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.ACCEPTED)));
        assertTrue(f.windows("s/m", Scope.SCOPE_2, AccountingMethod.MARKET_BASED).get(0).counted());
        // a recomputation keeps the decision
        f.engine.recalculate(Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-02T00:00:00Z"),
                Optional.empty(), "check again");
        assertTrue(f.lb("s/m").get(0).counted());
        // or corrects it: 5 kWh, repriced at 100 g/kWh
        var corrected = plausibility.correct(lb.get(0).key(), new BigDecimal("5"), "spike: 5 kWh from the bill");
        assertEquals(5_000_000_000L, corrected.amountNano());
        assertEquals(500_000_000L, corrected.co2eMicrograms());
        assertTrue(corrected.flags().contains(WindowFlag.CORRECTED));
        assertEquals(5_000_000_000L, f.windows("s/m", Scope.SCOPE_2, AccountingMethod.MARKET_BASED).get(0)
                .amountNano());
        f.engine.recalculate(Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-02T00:00:00Z"),
                Optional.empty(), "check once more");
        assertEquals(5_000_000_000L, f.lb("s/m").get(0).amountNano());
    }

    @Test
    void counterResetAlarmsOnceEvenWhenRecalculated() {
        var f = camx();
        // 25,000,000 kWh then 3 kWh: a reset to zero (3 <= 10 % of the old value), energy 3 kWh, SUSPECT
        f.energy("ca/main", "2022-06-01T10:00:00Z", 24_999_990.0, "2022-06-01T10:10:00Z", 25_000_000.0,
                "2022-06-01T10:20:00Z", 3.0, "2022-06-01T11:00:00Z", 5.0);
        f.engine.recompute("ca/main");
        var w = f.lb("ca/main").get(0);
        assertEquals(10_000_000_000L + 3_000_000_000L + 2_000_000_000L, w.amountNano());
        assertTrue(w.flags().contains(WindowFlag.COUNTER_RESET));
        assertEquals(Quality.SUSPECT, w.quality());
        var alarms = f.events.on("gridprint/alarms/COUNTER_RESET");
        assertEquals(1, alarms.size());
        assertTrue(alarms.get(0).getProperty(EventKeys.MESSAGE).toString().contains("from 25000000 kWh")
                || alarms.get(0).getProperty(EventKeys.MESSAGE).toString().contains("(25000000 kWh)"),
                alarms.get(0).getProperty(EventKeys.MESSAGE).toString());
        f.engine.recalculate(Instant.parse("2022-06-01T00:00:00Z"), Instant.parse("2022-06-02T00:00:00Z"),
                Optional.empty(), "audit");
        assertEquals(1, f.events.on("gridprint/alarms/COUNTER_RESET").size());
    }

    @Test
    void lateReadingRevisesTheWindowsItTouchesWithVersionTwoKept() {
        var f = camx();
        f.energy("ca/main", "2022-06-01T10:00:00Z", 0.0, "2022-06-01T12:00:00Z", 20.0);
        f.engine.recompute("ca/main");
        assertEquals(List.of(10_000_000_000L, 10_000_000_000L), amounts(f.lb("ca/main")));
        f.energy("ca/main", "2022-06-01T11:00:00Z", 15.0);
        f.engine.handleEvent(new Event(Topics.READINGS_STORED, Map.of(EventKeys.METER_IDS, new String[] { "ca/main" },
                EventKeys.FROM, Instant.parse("2022-06-01T11:00:00Z").toEpochMilli(), EventKeys.TO,
                Instant.parse("2022-06-01T11:00:00Z").toEpochMilli())));
        var lb = f.lb("ca/main");
        assertEquals(List.of(15_000_000_000L, 5_000_000_000L), amounts(lb));
        assertEquals(2, lb.get(0).version());
        var history = f.store.history(lb.get(0).key());
        assertEquals(10_000_000_000L, history.get(0).window().amountNano());
        assertEquals("computed", history.get(0).reason());
        assertEquals("late reading", history.get(1).reason());
    }

    @Test
    void lateReadingAfterTheLastWindowEndStillRevisesTheWindowItsIntervalTouches() {
        var f = camx();
        f.energy("ca/main", "2022-06-01T09:00:00Z", 0.0, "2022-06-01T09:59:58Z", 10.0, "2022-06-01T10:00:05Z", 10.7,
                "2022-06-01T10:30:00Z", 15.0);
        f.engine.recompute("ca/main");
        // 09:00 window: 10 kWh + 0.7 kWh x 2 s / 7 s = 10.2 kWh
        assertEquals(List.of(10_200_000_000L), amounts(f.lb("ca/main")));
        // 10:00:01 arrives late (after the last window's end, but its interval starts at 09:59:58)
        f.energy("ca/main", "2022-06-01T10:00:01Z", 10.6);
        f.engine.handleEvent(new Event(Topics.READINGS_STORED, Map.of(EventKeys.METER_IDS, new String[] { "ca/main" },
                EventKeys.FROM, Instant.parse("2022-06-01T10:00:01Z").toEpochMilli())));
        // 10 kWh + 0.6 kWh x 2 s / 3 s = 10.4 kWh
        var lb = f.lb("ca/main");
        assertEquals(List.of(10_400_000_000L), amounts(lb));
        assertEquals(2, lb.get(0).version());
    }

    @Test
    void recalculationIsDeterministic() {
        var f = camx();
        f.energy("ca/main", "2022-06-01T09:59:53Z", 0.0, "2022-06-01T10:20:00Z", 3.3, "2022-06-01T11:07:00Z", 9.1,
                "2022-06-01T12:00:01Z", 17.0);
        f.engine.recompute("ca/main");
        var before = f.lb("ca/main");
        f.clock.advance(Duration.ofDays(3));
        var result = new org.gridprint.carbon.recalc.RecalculationServiceImpl(f.engine).recalculate(
                Instant.parse("2022-06-01T00:00:00Z"), Instant.parse("2022-06-02T00:00:00Z"), Optional.empty(), "audit");
        assertEquals(0, result.windowsRevised());
        assertEquals(0, result.windowsAdded());
        assertEquals(before.size(), result.windowsChecked());
        var after = f.lb("ca/main");
        for (var i = 0; i < before.size(); i++) {
            assertTrue(before.get(i).sameContent(after.get(i)));
            assertEquals(1, after.get(i).version());
        }
        // the windows sum to the counter difference between the 10:00 and 12:00 boundaries, by hand:
        // 10:00 -> 3.3 x 7 s / 1207 s = 0.019138359569 kWh -> 19,138,360 nano;
        // 12:00 -> 9.1 + 7.9 x 3180 s / 3181 s = 16.997516504244 kWh -> 16,997,516,504 nano (bc)
        var closed = after.stream().filter(w -> !w.start().isBefore(Instant.parse("2022-06-01T10:00:00Z")))
                .mapToLong(w -> w.amountNano()).sum();
        assertEquals(16_997_516_504L - 19_138_360L, closed);
    }

    @Test
    void scope1FuelMeter() {
        var f = new EngineFixture();
        // natural gas, g CO2e per m3 (a test value)
        f.catalog.add("fuel/natural_gas/m3", FakeFactorCatalog.fuel("fuel/natural_gas/m3/AR6", "1893.76", "AR6", Y2022,
                Instant.MAX));
        var s = new Site("g", "g", ZoneId.of("UTC"), "AR6", Duration.ofMinutes(60), List.of(), "", "US", "", "",
                Map.of("g/gas", "fuel/natural_gas/m3"), BigDecimal.ZERO, Map.of(), Duration.ofMinutes(15), List.of(),
                List.of(), "");
        f.site(s).meter("g/gas", "g");
        f.counter("g/gas", Quantity.FUEL_VOLUME, "2023-01-05T08:00:00Z", 1000.0, "2023-01-05T09:00:00Z", 1012.5);
        f.engine.recompute("g/gas");
        var direct = f.windows("g/gas", Scope.SCOPE_1, AccountingMethod.DIRECT);
        assertEquals(1, direct.size());
        assertEquals(Quantity.FUEL_VOLUME, direct.get(0).quantity());
        // 12.5 m3 x 1893.76 g/m3 = 23,672 g
        assertEquals(23_672_000_000L, direct.get(0).co2eMicrograms());
        assertEquals("AR6", f.catalog.lastGwpSet());
        assertEquals(List.of(), f.lb("g/gas"));
    }

    @Test
    void aMeterWithoutFactorOrSiteDoesNotStopOthers() {
        var f = camx();
        f.meter("nosite", "").meter("unknown-site", "nowhere").meter("failing", "ca").meter("ca/b", "ca");
        f.energy("nosite", "2022-06-01T00:00:00Z", 0.0, "2022-06-01T01:00:00Z", 1.0);
        f.energy("unknown-site", "2022-06-01T00:00:00Z", 0.0, "2022-06-01T01:00:00Z", 1.0);
        f.energy("failing", "2022-06-01T00:00:00Z", 0.0, "2022-06-01T01:00:00Z", 1.0);
        f.energy("ca/b", "2022-06-01T00:00:00Z", 0.0, "2022-06-01T01:00:00Z", 2.0);
        f.readings.failing.add("failing");
        f.engine.requestRecompute(List.of("nosite", "unknown-site", "failing", "ca/b"));
        assertEquals(List.of(2_000_000_000L), amounts(f.lb("ca/b")));
        var computed = f.events.on(Topics.EMISSIONS_COMPUTED);
        assertEquals(1, computed.size());
        assertTrue(List.of((String[]) computed.get(0).getProperty(EventKeys.METER_IDS)).contains("ca/b"));
    }

    @Test
    void noFactorHoldsWindowsBackUntilThereIsOne() {
        var f = camx();
        f.energy("ca/main", "2025-06-01T00:00:00Z", 0.0, "2025-06-01T01:00:00Z", 1.0);
        var emptyCatalog = new FakeFactorCatalog(f.register);
        var engine = new CarbonEngineImpl(f.readings, f.store, f.meters, f.sites, emptyCatalog, f.market, null,
                f.events, f.clock, Runnable::run);
        var run = assertInstanceOf(MeterRun.Computed.class, engine.recompute("ca/main"));
        assertTrue(run.incomplete().orElseThrow().contains("no location-based factor for site 'ca'"), run.toString());
        assertEquals(List.of(), f.lb("ca/main"));
        f.engine.recompute("ca/main");
        assertEquals(1, f.lb("ca/main").size());
    }
}
