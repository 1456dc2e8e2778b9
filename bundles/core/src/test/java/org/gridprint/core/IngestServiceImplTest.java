package org.gridprint.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.IngestStatistics;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestServiceImplTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String SRC = "modbus/panel-3";
    static final String M1 = "hq/b1/panel-3/ahu-2";
    static final String M2 = "hq/b1/panel-3/chiller-1";

    FakeReadingStore store;
    RecordingEventAdmin events;
    IngestServiceImpl ingest;

    @BeforeEach
    void setUp() {
        store = new FakeReadingStore();
        events = new RecordingEventAdmin();
        var meters = MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"), Meter.of(M2, "hq")));
        ingest = new IngestServiceImpl(store, meters, Clock.fixed(NOW, ZoneOffset.UTC), events);
    }

    static Reading energy(String meter, long secondsFromNow, double kwh) {
        return Reading.good(meter, Quantity.ACTIVE_ENERGY_IMPORT, NOW.plusSeconds(secondsFromNow), kwh, SRC);
    }

    @Test
    void outcomesComeBackInSubmittedOrder() {
        ingest.submit(SRC, List.of(energy(M1, -60, 100.0), energy(M2, -60, 50.0)));
        events.posted.clear();
        var batch = List.of(
                energy(M1, 0, 101.0),                 // accepted
                energy("hq/unknown", 0, 1.0),         // invalid
                energy(M1, -60, 100.0),               // duplicate
                energy(M2, 0, Double.NaN),            // invalid
                energy(M2, -60, 55.0),                // conflict
                energy(M2, 0, 51.0));                 // accepted
        var result = ingest.submit(SRC, batch);
        var kinds = result.outcomes().stream().map(o -> o.getClass().getSimpleName()).toList();
        assertEquals(List.of("Accepted", "Invalid", "Duplicate", "Invalid", "Conflict", "Accepted"), kinds);
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(batch.get(i).meterId(), result.outcomes().get(i).reading().meterId());
            assertEquals(batch.get(i).timestamp(), result.outcomes().get(i).reading().timestamp());
        }
        assertEquals(2, result.accepted());
        assertEquals(1, result.duplicates());
        assertEquals(1, result.conflicts());
        assertEquals(2, result.invalid());
        assertTrue(result.ledgerEntry().isPresent());
    }

    @Test
    void unknownMeterIsRejectedAndTheRestOfTheBatchIsStoredInOneAppend() {
        var result = ingest.submit(SRC, List.of(energy(M1, 0, 1.0), energy("hq/nope", 0, 2.0), energy(M2, 0, 3.0)));
        assertEquals(1, store.appendCalls.size());
        assertEquals(List.of(M1, M2), store.appendCalls.get(0).stream().map(Reading::meterId).toList());
        var invalid = assertInstanceOf(IngestOutcome.Invalid.class, result.outcomes().get(1));
        assertTrue(invalid.reason().contains("hq/nope"), invalid.reason());
        assertTrue(invalid.reason().contains("unknown meter"), invalid.reason());
        assertTrue(invalid.reason().contains("org.gridprint.meter"), invalid.reason());
        assertEquals(2, result.accepted());
    }

    @Test
    void eachInvalidReasonNamesMeterQuantityTimestampAndExpectation() {
        var nan = energy(M1, 0, Double.NaN);
        var inf = Reading.good(M1, Quantity.ACTIVE_POWER, NOW, Double.POSITIVE_INFINITY, SRC);
        var future = energy(M1, 301, 5.0);
        var negativeCounter = Reading.good(M2, Quantity.FUEL_VOLUME, NOW, -1.5, SRC);
        var unknown = energy("site/x", 0, 1.0);
        var result = ingest.submit(SRC, List.of(nan, inf, future, negativeCounter, unknown));
        assertEquals(5, result.invalid());
        assertTrue(store.appendCalls.isEmpty(), "nothing valid: the store is not called");
        var reasons = result.outcomes().stream().map(o -> ((IngestOutcome.Invalid) o).reason()).toList();
        var expected = List.of(
                List.of(M1, "ACTIVE_ENERGY_IMPORT", NOW.toString(), "NaN", "expected a finite number"),
                List.of(M1, "ACTIVE_POWER", NOW.toString(), "Infinity", "expected a finite number"),
                List.of(M1, "ACTIVE_ENERGY_IMPORT", NOW.plusSeconds(301).toString(), "301.0 s ahead",
                        "expected at most 300 s in the future"),
                List.of(M2, "FUEL_VOLUME", NOW.toString(), "-1.5 m3", "cumulative", "expected a counter value >= 0"),
                List.of("site/x", "ACTIVE_ENERGY_IMPORT", NOW.toString(), "unknown meter", "expected a meter declared"));
        for (int i = 0; i < expected.size(); i++) {
            for (var part : expected.get(i)) {
                assertTrue(reasons.get(i).contains(part), "reason " + i + " lacks '" + part + "': " + reasons.get(i));
            }
        }
        assertEquals(1, events.on(Topics.alarm(AlarmKind.INVALID_READING)).size(), "one alarm per batch");
        assertTrue(events.on(Topics.READINGS_STORED).isEmpty());
    }

    @Test
    void futureSkewBoundaryFollowsTheClockAndTheSetting() {
        var atLimit = energy(M1, 300, 1.0);
        var pastLimit = Reading.good(M2, Quantity.ACTIVE_ENERGY_IMPORT, NOW.plusSeconds(300).plusMillis(1), 1.0, SRC);
        var result = ingest.submit(SRC, List.of(atLimit, pastLimit));
        assertInstanceOf(IngestOutcome.Accepted.class, result.outcomes().get(0));
        assertInstanceOf(IngestOutcome.Invalid.class, result.outcomes().get(1));

        var strict = new IngestServiceImpl(new FakeReadingStore(), MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"))),
                Clock.fixed(NOW, ZoneOffset.UTC), null, new IngestSettings(Duration.ZERO, 10, true));
        var r = strict.submit(SRC, List.of(energy(M1, 0, 1.0), energy(M1, 1, 2.0)));
        assertInstanceOf(IngestOutcome.Accepted.class, r.outcomes().get(0));
        var invalid = assertInstanceOf(IngestOutcome.Invalid.class, r.outcomes().get(1));
        assertTrue(invalid.reason().contains("expected at most 0 s in the future"), invalid.reason());
    }

    @Test
    void oneStoredEventPerBatchWithItsProperties() {
        var result = ingest.submit(SRC, List.of(energy(M2, -30, 10.0), energy(M1, -60, 1.0), energy(M1, 0, 2.0),
                energy("x/unknown", 0, 1.0)));
        var stored = events.on(Topics.READINGS_STORED);
        assertEquals(1, stored.size());
        var e = stored.get(0);
        var entry = result.ledgerEntry().orElseThrow();
        assertEquals(entry.batchId(), e.getProperty(EventKeys.BATCH_ID));
        assertEquals(entry.hash(), e.getProperty(EventKeys.LEDGER_HASH));
        assertEquals(SRC, e.getProperty(EventKeys.SOURCE));
        assertArrayEquals(new String[] {M1, M2}, (String[]) e.getProperty(EventKeys.METER_IDS));
        assertEquals(NOW.minusSeconds(60).toEpochMilli(), e.getProperty(EventKeys.FROM));
        assertEquals(NOW.toEpochMilli(), e.getProperty(EventKeys.TO));
        assertEquals(3, e.getProperty(EventKeys.COUNT));
        assertEquals(1, events.on(Topics.alarm(AlarmKind.INVALID_READING)).size());
    }

    @Test
    void eventRangeAndCountCoverOnlyAcceptedReadings() {
        ingest.submit(SRC, List.of(energy(M1, -600, 1.0)));
        events.posted.clear();
        ingest.submit(SRC, List.of(energy(M1, -600, 1.0), energy(M1, -10, 2.0)));   // duplicate + new
        var e = events.on(Topics.READINGS_STORED).get(0);
        assertEquals(NOW.minusSeconds(10).toEpochMilli(), e.getProperty(EventKeys.FROM));
        assertEquals(1, e.getProperty(EventKeys.COUNT));
        assertArrayEquals(new String[] {M1}, (String[]) e.getProperty(EventKeys.METER_IDS));
    }

    @Test
    void replayOfDuplicatesPostsNoStoredEvent() {
        var batch = List.of(energy(M1, 0, 1.0), energy(M2, 0, 2.0));
        ingest.submit(SRC, batch);
        events.posted.clear();
        var again = ingest.submit(SRC, batch);
        assertEquals(2, again.duplicates());
        assertTrue(again.ledgerEntry().isEmpty());
        assertTrue(events.posted.isEmpty(), "no event for a batch without accepted readings: " + events.posted);
    }

    /** The ledger contract (docs/ledger-spec.md): 0.0 and -0.0 are the same value, NaN never reaches the store. */
    @Test
    void zeroAndNegativeZeroAreDuplicatesNotConflicts() {
        ingest.submit(SRC, List.of(energy(M1, 0, 0.0), energy(M2, 0, -0.0)));
        events.posted.clear();
        var again = ingest.submit(SRC, List.of(energy(M1, 0, -0.0), energy(M2, 0, 0.0)));
        assertEquals(2, again.duplicates(), again.outcomes().toString());
        assertEquals(0, again.conflicts());
        assertTrue(again.ledgerEntry().isEmpty());
        assertTrue(events.on(Topics.alarm(AlarmKind.CONFLICT)).isEmpty());
        assertTrue(store.quarantine(10).isEmpty());
    }

    @Test
    void aConflictIsQuarantinedWithTheContractsReasonAndGetsALedgerEntry() {
        ingest.submit(SRC, List.of(energy(M1, 0, 1.0)));
        var result = ingest.submit(SRC, List.of(energy(M1, 0, 1.5)));
        var conflict = (IngestOutcome.Conflict) result.outcomes().get(0);
        assertEquals(org.gridprint.ledger.Reasons.conflict(energy(M1, 0, 1.5), 1.0), conflict.reason());
        assertEquals(2, result.ledgerEntry().orElseThrow().batchId(), "a batch that quarantines is ledgered");
        assertEquals(1.5, store.quarantine(10).get(0).reading().value());
    }

    @Test
    void conflictsRaiseOneAlarmPerBatchListingTheMeters() {
        ingest.submit(SRC, List.of(energy(M1, 0, 1.0), energy(M2, 0, 2.0)));
        events.posted.clear();
        var result = ingest.submit(SRC, List.of(energy(M1, 0, 1.5), energy(M2, 0, 2.5)));
        assertEquals(2, result.conflicts());
        var alarms = events.on(Topics.alarm(AlarmKind.CONFLICT));
        assertEquals(1, alarms.size());
        var alarm = alarms.get(0);
        assertArrayEquals(new String[] {M1, M2}, (String[]) alarm.getProperty(EventKeys.METER_IDS));
        assertEquals("CONFLICT", alarm.getProperty(EventKeys.ALARM_KIND));
        var message = (String) alarm.getProperty(EventKeys.MESSAGE);
        assertTrue(message.contains("stored 1.0, received 1.5"), message);
        assertTrue(message.contains(M2), message);
        assertEquals(NOW.toEpochMilli(), alarm.getProperty(EventKeys.TIMESTAMP));
    }

    @Test
    void negativeActivePowerIsStoredAndRaisesAnAlarm() {
        var result = ingest.submit(SRC, List.of(Reading.good(M1, Quantity.ACTIVE_POWER, NOW, -4.2, SRC)));
        assertEquals(1, result.accepted());
        var alarms = events.on(Topics.alarm(AlarmKind.NEGATIVE_VALUE));
        assertEquals(1, alarms.size());
        assertTrue(((String) alarms.get(0).getProperty(EventKeys.MESSAGE)).contains("-4.2 kW"));
        assertEquals(1, events.on(Topics.READINGS_STORED).size());
    }

    @Test
    void negativePowerTheSourceFlaggedSuspectIsStoredWithoutASecondAlarm() {
        var suspect = new Reading(M1, Quantity.ACTIVE_POWER, NOW, -4.2, org.gridprint.api.Quality.SUSPECT, SRC);
        var result = ingest.submit(SRC, List.of(suspect));
        assertEquals(1, result.accepted());
        assertEquals(0, events.on(Topics.alarm(AlarmKind.NEGATIVE_VALUE)).size());
    }

    @Test
    void storeFailurePropagatesWithCauseAndNoEvents() {
        var boom = new RuntimeException("disk full");
        store.failWith = boom;
        var e = assertThrows(IllegalStateException.class, () -> ingest.submit(SRC, List.of(energy(M1, 0, 1.0))));
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().contains(SRC) && e.getMessage().contains("submit them again"), e.getMessage());
        assertTrue(events.on(Topics.READINGS_STORED).isEmpty());
        assertEquals(1, events.on(Topics.alarm(AlarmKind.STORE_UNAVAILABLE)).size());
        assertEquals(1, ingest.statistics().storeFailures());
        assertEquals(0, ingest.statistics().accepted());
        assertEquals(1, ingest.statistics().batches());
    }

    /**
     * Issue 11: a full disk gave 9,900 ERROR lines in 99 s (one per device per poll). A store failure is now logged
     * and alarmed once when it starts and once when it clears (with the count), and the refusal text stays the same
     * while it lasts, so the drivers (which log a submit failure when its text changes) log it once too.
     */
    @Test
    void aFailingStoreIsLoggedAndAlarmedOnceWhenItStartsAndOnceWhenItClears() {
        var stderr = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        var texts = new java.util.HashSet<String>();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            store.failWith = new IllegalStateException("Derby store data/gridprint is unavailable: the disk is full "
                    + "(the batch was not stored; the driver keeps it)");
            for (int i = 0; i < 50; i++) {
                var batch = new ArrayList<Reading>();
                for (int j = 0; j <= i % 7; j++) {
                    batch.add(energy(j % 2 == 0 ? M1 : M2, -(i * 10 + j), i));
                }
                texts.add(assertThrows(IllegalStateException.class, () -> ingest.submit(SRC, batch)).getMessage());
            }
            store.failWith = null;
            ingest.submit(SRC, List.of(energy(M1, -10_000, 1.0)));
            ingest.submit(SRC, List.of(energy(M1, -10_001, 2.0)));
        } finally {
            System.setErr(stderr);
        }
        assertEquals(1, texts.size(), "the same refusal text for every batch: " + texts);
        var alarms = events.on(Topics.alarm(AlarmKind.STORE_UNAVAILABLE));
        assertEquals(2, alarms.size(), "one raised, one cleared");
        assertEquals(EventKeys.RAISED, alarms.get(0).getProperty(EventKeys.ALARM_STATE));
        assertEquals(EventKeys.CLEARED, alarms.get(1).getProperty(EventKeys.ALARM_STATE));
        assertEquals(50L, alarms.get(1).getProperty(EventKeys.COUNT));
        assertEquals(50, ingest.statistics().storeFailures());
        var log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, log.lines().filter(l -> l.contains("ERROR")).count(), log);
        assertEquals(1, log.lines().filter(l -> l.contains("takes batches again") && l.contains("50 batch(es)")).count(),
                log);
        assertEquals(2, events.on(Topics.READINGS_STORED).size());
    }

    @Test
    void statisticsCountEveryOutcome() {
        assertEquals(IngestStatistics.none(), ingest.statistics());
        ingest.submit(SRC, List.of(energy(M1, 0, 1.0), energy(M2, 0, 2.0), energy(M1, 0, Double.NaN)));
        ingest.submit(SRC, List.of(energy(M1, 0, 1.0), energy(M2, 0, 9.0)));
        ingest.submit(SRC, List.of());
        assertEquals(new IngestStatistics(3, 2, 1, 1, 1, 0, Optional.of(NOW)), ingest.statistics());
    }

    @Test
    void statisticsOfTheDefaultMethodAreZeros() {
        IngestService plain = (source, batch) -> new IngestResult(List.of(), Optional.empty());
        assertEquals(new IngestStatistics(0, 0, 0, 0, 0, 0, Optional.empty()), plain.statistics());
    }

    @Test
    void statisticsAreConsistentUnderConcurrentSubmitters() throws Exception {
        var threads = 4;
        var batchesEach = 50;
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (var t = 0; t < threads; t++) {
                var meter = t % 2 == 0 ? M1 : M2;
                var offset = t * 10_000L;
                futures.add(pool.submit(() -> {
                    for (var k = 0; k < batchesEach; k++) {
                        // one accepted and one invalid reading per batch
                        ingest.submit(SRC, List.of(energy(meter, -(offset + k), 1.0 + k),
                                energy("hq/unknown", 0, 1.0)));
                        var s = ingest.statistics();
                        assertTrue(s.accepted() <= s.batches() && s.invalid() <= s.batches(), s.toString());
                    }
                }));
            }
            for (var f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        var total = (long) threads * batchesEach;
        assertEquals(new IngestStatistics(total, total, 0, 0, total, 0, Optional.of(NOW)), ingest.statistics());
    }

    @Test
    void emptyBatchTouchesNothing() {
        var result = ingest.submit(SRC, List.of());
        assertTrue(result.outcomes().isEmpty());
        assertTrue(store.appendCalls.isEmpty());
        assertTrue(events.posted.isEmpty());
    }

    @Test
    void oversizedBatchIsRefusedBeforeStorage() {
        var small = new IngestServiceImpl(store, MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"))),
                Clock.fixed(NOW, ZoneOffset.UTC), events, new IngestSettings(Duration.ofSeconds(300), 2, true));
        var batch = new ArrayList<Reading>();
        for (int i = 0; i < 3; i++) {
            batch.add(energy(M1, -i, i));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> small.submit(SRC, batch));
        assertTrue(e.getMessage().contains("maxBatchSize"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
        assertTrue(store.appendCalls.isEmpty());
    }

    @Test
    void badSettingsNameTheFieldAndTheExpectation() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new IngestSettings(Duration.ofSeconds(-1), 10, true));
        assertTrue(e.getMessage().contains("org.gridprint.ingest") && e.getMessage().contains("maxFutureSkewSeconds")
                && e.getMessage().contains("-1") && e.getMessage().contains(">= 0"), e.getMessage());
    }

    // ------------------------------------------------------------ regression: review of 2026-11-25

    @Test
    void farFutureAndFarPastTimestampsAreInvalidNotAnException() {
        var good = energy(M1, 0, 1.0);
        var max = Reading.good(M1, Quantity.ACTIVE_ENERGY_IMPORT, Instant.MAX, 1.0, SRC);
        var min = Reading.good(M1, Quantity.ACTIVE_ENERGY_IMPORT, Instant.MIN, 1.0, SRC);
        var old = Reading.good(M2, Quantity.ACTIVE_ENERGY_IMPORT, Instant.parse("1900-01-01T00:00:00Z"), 1.0, SRC);
        var result = ingest.submit(SRC, List.of(good, max, min, old));
        assertInstanceOf(IngestOutcome.Accepted.class, result.outcomes().get(0));
        var tooLate = assertInstanceOf(IngestOutcome.Invalid.class, result.outcomes().get(1)).reason();
        assertTrue(tooLate.contains(M1) && tooLate.contains("ACTIVE_ENERGY_IMPORT") && tooLate.contains("s ahead")
                && tooLate.contains("expected at most 300 s in the future"), tooLate);
        for (int i = 2; i <= 3; i++) {
            var reason = assertInstanceOf(IngestOutcome.Invalid.class, result.outcomes().get(i)).reason();
            var r = result.outcomes().get(i).reading();
            for (var part : List.of(r.meterId(), "ACTIVE_ENERGY_IMPORT", r.timestamp().toString(),
                    "2000-01-01T00:00:00Z", "earliestTimestamp")) {
                assertTrue(reason.contains(part), "'" + part + "' missing in: " + reason);
            }
        }
        assertEquals(List.of(List.of(good)), store.appendCalls);
    }

    @Test
    void earliestTimestampIsConfigurableAndInclusive() {
        var floor = Instant.parse("2026-01-01T00:00:00Z");
        var strict = new IngestServiceImpl(new FakeReadingStore(), MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"))),
                Clock.fixed(NOW, ZoneOffset.UTC), null, new IngestSettings(Duration.ofSeconds(300), 10, true, floor));
        var r = strict.submit(SRC, List.of(Reading.good(M1, Quantity.ACTIVE_ENERGY_IMPORT, floor, 1.0, SRC),
                Reading.good(M1, Quantity.ACTIVE_ENERGY_IMPORT, floor.minusMillis(1), 1.0, SRC)));
        assertInstanceOf(IngestOutcome.Accepted.class, r.outcomes().get(0));
        assertInstanceOf(IngestOutcome.Invalid.class, r.outcomes().get(1));
    }

    @Test
    void futureSkewIsCappedAtTenYears() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new IngestSettings(Duration.ofSeconds(Long.MAX_VALUE), 10, true));
        assertTrue(e.getMessage().contains("org.gridprint.ingest") && e.getMessage().contains("maxFutureSkewSeconds")
                && e.getMessage().contains(String.valueOf(Long.MAX_VALUE))
                && e.getMessage().contains("<= " + IngestSettings.MAX_FUTURE_SKEW_SECONDS), e.getMessage());
        var widest = new IngestServiceImpl(new FakeReadingStore(), MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"))),
                Clock.fixed(NOW, ZoneOffset.UTC), null,
                new IngestSettings(Duration.ofSeconds(IngestSettings.MAX_FUTURE_SKEW_SECONDS), 10, true));
        var r = widest.submit(SRC, List.of(energy(M1, 0, 1.0),
                Reading.good(M1, Quantity.ACTIVE_ENERGY_IMPORT, Instant.MAX, 1.0, SRC)));
        assertInstanceOf(IngestOutcome.Accepted.class, r.outcomes().get(0));
        assertInstanceOf(IngestOutcome.Invalid.class, r.outcomes().get(1));
    }

    @Test
    void hugeSkewOrBadFloorInTheConfigurationKeepsThePreviousSettings() {
        var service = new IngestServiceImpl(store, MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"))),
                Clock.fixed(NOW, ZoneOffset.UTC), events);
        service.activate(config(Long.MAX_VALUE, "2000-01-01T00:00:00Z"));
        service.activate(config(300, "yesterday"));
        var alarms = events.on(Topics.alarm(AlarmKind.CONFIG_ERROR));
        assertEquals(2, alarms.size());
        var skew = (String) alarms.get(0).getProperty(EventKeys.MESSAGE);
        assertTrue(skew.contains("org.gridprint.ingest") && skew.contains("'maxFutureSkewSeconds' = "
                + Long.MAX_VALUE) && skew.contains("expected"), skew);
        var floor = (String) alarms.get(1).getProperty(EventKeys.MESSAGE);
        assertTrue(floor.contains("org.gridprint.ingest") && floor.contains("'earliestTimestamp' = 'yesterday'")
                && floor.contains("expected an ISO-8601"), floor);
        var r = service.submit(SRC, List.of(energy(M1, 0, 1.0), energy(M1, 301, 1.0)));
        assertInstanceOf(IngestOutcome.Accepted.class, r.outcomes().get(0), "defaults still apply");
        assertInstanceOf(IngestOutcome.Invalid.class, r.outcomes().get(1), "defaults still apply");
    }

    @Test
    void unusableReadingSourcesAreInvalid() {
        var blank = new Reading(M1, Quantity.ACTIVE_ENERGY_IMPORT, NOW, 1.0, org.gridprint.api.Quality.GOOD, " ");
        var tab = new Reading(M1, Quantity.ACTIVE_ENERGY_IMPORT, NOW, 1.0, org.gridprint.api.Quality.GOOD, "a\tb");
        var newline = new Reading(M1, Quantity.ACTIVE_ENERGY_IMPORT, NOW, 1.0, org.gridprint.api.Quality.GOOD, "a\nb");
        var longSource = new Reading(M1, Quantity.ACTIVE_ENERGY_IMPORT, NOW, 1.0, org.gridprint.api.Quality.GOOD,
                "s".repeat(513));
        var fine = new Reading(M2, Quantity.ACTIVE_ENERGY_IMPORT, NOW, 1.0, org.gridprint.api.Quality.GOOD,
                "s".repeat(512));
        var result = ingest.submit(SRC, List.of(blank, tab, newline, longSource, fine));
        for (int i = 0; i < 4; i++) {
            var reason = assertInstanceOf(IngestOutcome.Invalid.class, result.outcomes().get(i)).reason();
            assertTrue(reason.contains(M1) && reason.contains("source")
                    && reason.contains("expected a non-blank source"), reason);
        }
        assertTrue(((IngestOutcome.Invalid) result.outcomes().get(1)).reason().contains("U+0009"));
        assertTrue(((IngestOutcome.Invalid) result.outcomes().get(3)).reason().contains("513 characters"));
        assertInstanceOf(IngestOutcome.Accepted.class, result.outcomes().get(4));
    }

    @Test
    void unusableBatchSourceIsRefusedNamingIt() {
        for (var source : List.of("", "  ", "modbus\tpanel", "modbus\npanel", "s".repeat(513))) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ingest.submit(source, List.of(energy(M1, 0, 1.0))), "source '" + source + "'");
            assertTrue(e.getMessage().contains("batch source") && e.getMessage().contains("expected"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> ingest.submit("modbus\tpanel", List.of()));
        assertTrue(e.getMessage().contains("modbus?panel") && e.getMessage().contains("U+0009"), e.getMessage());
        assertTrue(store.appendCalls.isEmpty());
    }

    private static IngestConfig config(long skewSeconds, String earliest) {
        return new IngestConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return IngestConfig.class;
            }

            @Override
            public long maxFutureSkewSeconds() {
                return skewSeconds;
            }

            @Override
            public int maxBatchSize() {
                return IngestSettings.DEFAULT_MAX_BATCH_SIZE;
            }

            @Override
            public boolean negativePowerAlarm() {
                return true;
            }

            @Override
            public String earliestTimestamp() {
                return earliest;
            }
        };
    }
}
