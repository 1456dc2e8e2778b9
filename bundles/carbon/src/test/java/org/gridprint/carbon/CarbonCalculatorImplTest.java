package org.gridprint.carbon;

import org.gridprint.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactorProvider;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class CarbonCalculatorImplTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(15);
    /** eGRID2022 RFCE CO2e output rate 660.3 lb/MWh x 0.45359237 kg/lb = 299.507041911 g/kWh. */
    private static final double RFCE = 299.507041911;

    private final Fakes.Readings readings = new Fakes.Readings();
    private final Fakes.Emissions emissions = new Fakes.Emissions();
    private final Fakes.Meters meters = new Fakes.Meters();
    private final Fakes.RecordingEventAdmin events = new Fakes.RecordingEventAdmin();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:00:00Z"));

    private static SiteSettings site(String id, double factor) {
        return new SiteSettings(id, id, ZoneId.of("America/New_York"), factor,
                "US EPA eGRID2022 Summary Tables, Table 1, subregion RFCE, CO2e", "eGRID2022 (2024-01-30)", "AR4",
                "eGRID RFCE");
    }

    private CarbonCalculatorImpl calculator(List<? extends EmissionFactorProvider> providers, Executor executor) {
        return new CarbonCalculatorImpl(readings, emissions, meters, providers, events, clock, executor);
    }

    private CarbonCalculatorImpl calculator() {
        return calculator(List.of(new StaticSiteFactorProvider(site("hq", RFCE))), Runnable::run);
    }

    private static Reading energy(String meter, int step, double kWh) {
        return Reading.good(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0.plus(STEP.multipliedBy(step)), kWh, "test");
    }

    private static Event stored(String... meterIds) {
        return new Event(Topics.READINGS_STORED, Map.of(EventKeys.METER_IDS, meterIds, EventKeys.BATCH_ID, 1L));
    }

    @Test
    void kgCo2eIsKnownKwhTimesTheSiteFactor() {
        meters.add(Meter.of("hq/main", "hq"));
        readings.add(energy("hq/main", 0, 1000), energy("hq/main", 1, 1010), energy("hq/main", 2, 1025.5));

        var run = calculator().recompute("hq/main");

        var computed = assertInstanceOf(MeterRun.Computed.class, run);
        assertEquals(2, computed.intervals());
        assertEquals(2, computed.stored());
        var records = emissions.of("hq/main");
        assertEquals(2, records.size());
        var first = records.get(0);
        assertEquals(10.0, first.interval().energy(), 0.0);
        assertEquals(2995.07041911, first.gramsCo2e(), 1e-9);
        assertEquals(2.99507041911, first.kgCo2e(), 1e-12);
        assertEquals(15.5 * RFCE / 1000, records.get(1).kgCo2e(), 1e-12);
        // exactly the decimal product, rounded once
        assertEquals(new BigDecimal("15.5").multiply(new BigDecimal("299.507041911")).doubleValue(),
                records.get(1).gramsCo2e(), 0.0);
        assertEquals(25.5 * RFCE / 1000, records.stream().mapToDouble(EmissionRecord::kgCo2e).sum(), 1e-9);
        // everything needed to recompute the record travels with it
        assertEquals("hq", first.siteId());
        assertEquals(RFCE, first.factor().gramsCo2ePerUnit());
        assertEquals("g CO2e/kWh", first.factor().unit());
        assertEquals(Scope.SCOPE_2, first.factor().scope());
        assertEquals(AccountingMethod.LOCATION_BASED, first.factor().method());
        assertEquals("eGRID2022 (2024-01-30)", first.factor().edition());
        assertEquals("AR4", first.factor().gwpSet());
        assertEquals(clock.instant(), first.computedAt());

        var computedEvents = events.on(Topics.EMISSIONS_COMPUTED);
        assertEquals(1, computedEvents.size());
        var e = computedEvents.get(0);
        assertArrayEquals(new String[] { "hq/main" }, (String[]) e.getProperty(EventKeys.METER_IDS));
        assertEquals(T0.toEpochMilli(), e.getProperty(EventKeys.FROM));
        assertEquals(T0.plus(STEP.multipliedBy(2)).toEpochMilli(), e.getProperty(EventKeys.TO));
        assertEquals(2, e.getProperty(EventKeys.COUNT));
    }

    @Test
    void aSecondRunDoesNotDuplicateAndNewReadingsContinueFromTheLastEnd() {
        meters.add(Meter.of("hq/main", "hq"));
        readings.add(energy("hq/main", 0, 1000), energy("hq/main", 1, 1010));
        var calc = calculator();
        calc.recompute("hq/main");

        var again = assertInstanceOf(MeterRun.Computed.class, calc.recompute("hq/main"));

        assertEquals(0, again.stored());
        assertEquals(1, emissions.records.size());
        assertEquals(1, events.on(Topics.EMISSIONS_COMPUTED).size(), "no event when nothing is new");

        readings.add(energy("hq/main", 2, 1012), energy("hq/main", 3, 1013));
        clock.advance(Duration.ofHours(1));
        var next = assertInstanceOf(MeterRun.Computed.class, calc.recompute("hq/main"));

        assertEquals(2, next.stored());
        var records = emissions.of("hq/main");
        assertEquals(3, records.size());
        for (var k = 1; k < records.size(); k++) {
            assertEquals(records.get(k - 1).interval().end(), records.get(k).interval().start(), "contiguous");
        }
        assertEquals(13.0, records.stream().mapToDouble(r -> r.interval().energy()).sum(), 0.0);
        assertEquals(clock.instant(), records.get(2).computedAt());
    }

    @Test
    void aSiteWithoutFactorYieldsNothingAndOtherMetersGoOn() {
        meters.add(Meter.of("hq/main", "hq"), Meter.of("lab/main", "lab"), Meter.of("nosite", ""),
                Meter.of("broken", "hq"));
        for (var id : List.of("hq/main", "lab/main", "nosite", "broken")) {
            readings.add(energy(id, 0, 1), energy(id, 1, 3));
        }
        readings.failing.add("broken");
        var labProps = new HashMap<String, Object>(Map.of("service.pid", "org.gridprint.carbon.site~lab", "id", "lab",
                "locationFactor", "-12", "factorSource", "x", "factorEdition", "y"));
        var lab = StaticSiteFactorProvider.fromProperties(labProps, events);
        var calc = calculator(List.of(lab, new StaticSiteFactorProvider(site("hq", RFCE))), Runnable::run);

        calc.handleEvent(stored("broken", "lab/main", "nosite", "hq/main"));

        assertEquals(1, emissions.of("hq/main").size());
        assertEquals(2 * RFCE, emissions.of("hq/main").get(0).gramsCo2e(), 1e-9);
        assertEquals(0, emissions.of("lab/main").size());
        assertEquals(0, emissions.of("nosite").size());
        assertEquals(1, events.on(Topics.alarm(org.gridprint.api.AlarmKind.CONFIG_ERROR)).size());
        var computed = events.on(Topics.EMISSIONS_COMPUTED);
        assertEquals(1, computed.size());
        assertArrayEquals(new String[] { "hq/main" }, (String[]) computed.get(0).getProperty(EventKeys.METER_IDS));

        var labRun = assertInstanceOf(MeterRun.Skipped.class, calc.recompute("lab/main"));
        assertTrue(labRun.reason().contains("site 'lab'"), labRun.reason());
        assertInstanceOf(MeterRun.Failed.class, calc.recompute("broken"));
        assertInstanceOf(MeterRun.Skipped.class, calc.recompute("unknown/meter"));
    }

    @Test
    void repeatedMetersAreCoalescedIntoOneWorkerRun() {
        meters.add(Meter.of("hq/a", "hq"), Meter.of("hq/b", "hq"));
        readings.add(energy("hq/a", 0, 0), energy("hq/a", 1, 4), energy("hq/b", 0, 0), energy("hq/b", 1, 6));
        var tasks = new ArrayDeque<Runnable>();
        var calc = calculator(List.of(new StaticSiteFactorProvider(site("hq", RFCE))), tasks::add);

        calc.handleEvent(stored("hq/a"));
        calc.handleEvent(stored("hq/a", "hq/b"));
        calc.handleEvent(stored("hq/b"));

        assertEquals(1, tasks.size(), "one worker run scheduled for three events");
        assertEquals(2, calc.queued());
        tasks.poll().run();
        assertEquals(0, calc.queued());
        assertEquals(1, emissions.of("hq/a").size());
        assertEquals(1, emissions.of("hq/b").size());
        var computed = events.on(Topics.EMISSIONS_COMPUTED);
        assertEquals(1, computed.size(), "one COMPUTED event per worker run");
        assertArrayEquals(new String[] { "hq/a", "hq/b" }, (String[]) computed.get(0).getProperty(EventKeys.METER_IDS));
        assertEquals(2, computed.get(0).getProperty(EventKeys.COUNT));

        calc.handleEvent(stored("hq/a"));
        assertEquals(1, tasks.size(), "a new run once the previous one finished");
    }

    @Test
    void eventWithoutMeterIdsQueuesEveryMeter() {
        meters.add(Meter.of("hq/a", "hq"), Meter.of("hq/b", "hq"));
        readings.add(energy("hq/a", 0, 0), energy("hq/a", 1, 4), energy("hq/b", 0, 0), energy("hq/b", 1, 6));

        calculator().handleEvent(new Event(Topics.READINGS_STORED, Map.of()));

        assertEquals(2, emissions.records.size());
    }

    @Test
    void resetAndRolloverRaiseCounterResetAlarms() {
        var rolling = new Meter("hq/rolling", "rolling", "hq", "", "", "", "", "", List.of(), Optional.empty(), 65_536);
        meters.add(Meter.of("hq/reset", "hq"), rolling);
        readings.add(energy("hq/reset", 0, 500), energy("hq/reset", 1, 2));
        readings.add(energy("hq/rolling", 0, 65_535), energy("hq/rolling", 1, 1));
        var calc = calculator();

        calc.recompute("hq/reset");
        calc.recompute("hq/rolling");

        var reset = emissions.of("hq/reset").get(0);
        assertEquals(Set.of(IntervalFlag.COUNTER_RESET), reset.interval().flags());
        assertEquals(Quality.SUSPECT, reset.interval().quality());
        assertEquals(2.0, reset.interval().energy(), 0.0);
        var wrap = emissions.of("hq/rolling").get(0);
        assertEquals(Set.of(IntervalFlag.ROLLOVER), wrap.interval().flags());
        assertEquals(2.0, wrap.interval().energy(), 0.0);
        var alarms = events.on(Topics.alarm(org.gridprint.api.AlarmKind.COUNTER_RESET));
        assertEquals(2, alarms.size());
        assertEquals("hq/reset", alarms.get(0).getProperty(EventKeys.METER_ID));
        assertEquals(T0.plus(STEP).toEpochMilli(), alarms.get(0).getProperty(EventKeys.TIMESTAMP));
        assertTrue(((String) alarms.get(1).getProperty(EventKeys.MESSAGE)).contains("rolled over"));
    }

    private static StaticSiteFactorProvider siteConfig(String pid, String id, String factor) {
        return StaticSiteFactorProvider.fromProperties(Map.of("service.pid", pid, "id", id, "locationFactor", factor,
                "factorSource", "US EPA eGRID2022, Table 1", "factorEdition", "eGRID2022 (2024-01-30)"), null);
    }

    @Test
    void twoSiteConfigurationsWithTheSameIdGiveThatSiteNoFactorInAnyBindOrder() {
        meters.add(Meter.of("hq/main", "hq"), Meter.of("lab/main", "lab"));
        readings.add(energy("hq/main", 0, 1000), energy("hq/main", 1, 1010));
        readings.add(energy("lab/main", 0, 10), energy("lab/main", 1, 12));
        var a = siteConfig("org.gridprint.carbon.site~hq-a", "hq", "299.5");
        var b = siteConfig("org.gridprint.carbon.site~hq-b", "hq", "400");
        var lab = siteConfig("org.gridprint.carbon.site~lab", "lab", "100");

        for (var order : List.of(List.of(a, b, lab), List.of(b, lab, a))) {
            events.events.clear();
            emissions.records.clear();
            var calc = calculator(order, Runnable::run);

            var run = assertInstanceOf(MeterRun.Skipped.class, calc.recompute("hq/main"));
            assertTrue(run.reason().contains("org.gridprint.carbon.site~hq-a")
                    && run.reason().contains("org.gridprint.carbon.site~hq-b") && run.reason().contains("'hq'"),
                    run.reason());
            assertEquals(0, emissions.of("hq/main").size());
            var alarms = events.on(Topics.alarm(org.gridprint.api.AlarmKind.CONFIG_ERROR));
            assertEquals(1, alarms.size(), "raised once, at wiring, not again per look-up");
            var message = (String) alarms.get(0).getProperty(EventKeys.MESSAGE);
            assertTrue(message.contains("org.gridprint.carbon.site~hq-a, org.gridprint.carbon.site~hq-b")
                    && message.contains("site id 'hq'"), message);
            // the other site is not affected
            assertInstanceOf(MeterRun.Computed.class, calc.recompute("lab/main"));
            assertEquals(1, emissions.of("lab/main").size());
        }
    }

    @Test
    void removingTheDuplicateSiteConfigurationGivesTheSiteItsFactorBack() {
        meters.add(Meter.of("hq/main", "hq"));
        readings.add(energy("hq/main", 0, 1000), energy("hq/main", 1, 1010));
        var a = siteConfig("org.gridprint.carbon.site~hq-a", "hq", "299.5");
        var b = siteConfig("org.gridprint.carbon.site~hq-b", "hq", "400");
        var calc = calculator(List.of(a, b), Runnable::run);
        assertInstanceOf(MeterRun.Skipped.class, calc.recompute("hq/main"));

        calc.removeProvider(b);

        var records = emissions.of("hq/main");
        assertEquals(1, records.size());
        assertEquals(299.5, records.get(0).factor().gramsCo2ePerUnit(), 0.0);
    }

    @Test
    void aCounterDropStoresNoEnergyAndRaisesACounterResetAlarm() {
        meters.add(Meter.of("hq/jitter", "hq"));
        readings.add(energy("hq/jitter", 0, 25_000_000.00), energy("hq/jitter", 1, 24_999_999.99),
                energy("hq/jitter", 2, 25_000_000.10));

        calculator().recompute("hq/jitter");

        var records = emissions.of("hq/jitter");
        assertEquals(2, records.size());
        assertEquals(Set.of(IntervalFlag.COUNTER_DROP), records.get(0).interval().flags());
        assertEquals(Quality.SUSPECT, records.get(0).interval().quality());
        assertEquals(0.0, records.get(0).interval().energy(), 0.0);
        assertEquals(0.0, records.get(0).gramsCo2e(), 0.0);
        assertEquals(0.11, records.get(1).interval().energy(), 0.0);
        var alarms = events.on(Topics.alarm(org.gridprint.api.AlarmKind.COUNTER_RESET));
        assertEquals(1, alarms.size());
        var message = (String) alarms.get(0).getProperty(EventKeys.MESSAGE);
        assertTrue(message.contains("went down from 25000000 to 24999999.99 kWh without a reset or rollover"), message);
        assertTrue(message.contains("COUNTER_DROP"), message);
    }

    @Test
    void anErrorInARunLosesNoQueuedMeterAndTheWorkerGoesOn() {
        meters.add(Meter.of("hq/a", "hq"), Meter.of("hq/boom", "hq"), Meter.of("hq/b", "hq"), Meter.of("hq/c", "hq"));
        for (var id : List.of("hq/a", "hq/boom", "hq/b", "hq/c")) {
            readings.add(energy(id, 0, 0), energy(id, 1, 4));
        }
        var tasks = new ArrayDeque<Runnable>();
        var calc = calculator(List.of(new StaticSiteFactorProvider(site("hq", RFCE))), tasks::add);
        readings.onFirstRead.put("hq/boom", () -> {
            calc.handleEvent(stored("hq/c")); // queued while the run is going on
            throw new StackOverflowError("simulated Error in hq/boom");
        });
        calc.handleEvent(stored("hq/a", "hq/boom", "hq/b"));
        assertEquals(1, tasks.size());

        tasks.poll().run(); // must not throw: the worker thread never dies

        assertEquals(1, emissions.of("hq/a").size(), "finished before the Error");
        assertEquals(1, emissions.of("hq/b").size(), "taken off the queue but not started: put back and computed");
        assertEquals(1, emissions.of("hq/c").size(), "queued during the failing run: computed without a new request");
        assertEquals(0, emissions.of("hq/boom").size());
        assertEquals(0, calc.queued());
        assertEquals(0, tasks.size(), "the same drain took the put-back meters");
        // the drain is over: the next request schedules a new one, and the failed meter is computed then
        calc.handleEvent(stored("hq/boom"));
        assertEquals(1, tasks.size());
        tasks.poll().run();
        assertEquals(1, emissions.of("hq/boom").size());
    }

    @Test
    void anErrorOnTheWorkerThreadLeavesItAlive() throws Exception {
        meters.add(Meter.of("hq/boom", "hq"), Meter.of("hq/b", "hq"));
        readings.add(energy("hq/boom", 0, 0), energy("hq/boom", 1, 4), energy("hq/b", 0, 0), energy("hq/b", 1, 6));
        var pool = Executors.newSingleThreadExecutor();
        var calc = calculator(List.of(new StaticSiteFactorProvider(site("hq", RFCE))), pool);
        readings.onFirstRead.put("hq/boom", () -> {
            calc.handleEvent(stored("hq/boom")); // new readings arrive while the run is going on
            throw new NoClassDefFoundError("simulated");
        });

        calc.handleEvent(stored("hq/boom", "hq/b"));
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(1, emissions.of("hq/b").size());
        assertEquals(1, emissions.of("hq/boom").size(), "computed by a later pass");
        assertEquals(0, calc.queued());
    }

    @Test
    void aLongHistoryIsReadInWindowsWithoutGapsOrOverlaps() {
        meters.add(Meter.of("hq/long", "hq"));
        var n = 30_000; // minute readings over ~21 days, more than one window holds
        var start = Instant.parse("2025-11-01T00:00:00Z");
        for (var k = 0; k < n; k++) {
            readings.add(Reading.good("hq/long", Quantity.ACTIVE_ENERGY_IMPORT, start.plusSeconds(60L * k), k * 0.25, "t"));
        }

        var run = assertInstanceOf(MeterRun.Computed.class, calculator().recompute("hq/long"));

        assertEquals(n - 1, run.stored());
        var records = emissions.of("hq/long");
        assertEquals(n - 1, records.size());
        assertEquals(start, records.get(0).interval().start());
        for (var k = 1; k < records.size(); k++) {
            assertEquals(records.get(k - 1).interval().end(), records.get(k).interval().start());
        }
        assertEquals((n - 1) * 0.25, records.stream().mapToDouble(r -> r.interval().energy()).sum(), 1e-6);
        assertTrue(readings.rangeQueries > 3, "read in windows, not all at once: " + readings.rangeQueries);
    }

    @Test
    void theWorkerThreadComputesQueuedMeters() throws Exception {
        meters.add(Meter.of("hq/a", "hq"));
        readings.add(energy("hq/a", 0, 0), energy("hq/a", 1, 4));
        var pool = Executors.newSingleThreadExecutor();
        var calc = calculator(List.of(new StaticSiteFactorProvider(site("hq", RFCE))), pool);

        calc.handleEvent(stored("hq/a"));
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(1, emissions.of("hq/a").size());
    }
}
