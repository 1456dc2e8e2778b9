package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.device.DeviceState;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** NaN, negative power, falling counters, stale devices, undeclared meters: one alarm each, never one per poll. */
class ValuesAtTheSourceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final RecordingIngest ingest = new RecordingIngest();

    /** A meter registry holding the declared ids (the real one is core's, configured per meter). */
    private static final class Declared implements MeterRegistry {
        final Set<String> ids = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<Meter> meter(String id) {
            return ids.contains(id) ? Optional.of(Meter.of(id, "site")) : Optional.empty();
        }

        @Override
        public Collection<Meter> meters() {
            return ids.stream().sorted().map(i -> Meter.of(i, "site")).toList();
        }
    }

    private ModbusDevice device(int[] words, MeterRegistry registry, String registers) {
        var props = new HashMap<String, Object>(Map.of("id", "d1", "host", "127.0.0.1", "pollIntervalSeconds", "60",
                "registers", registers));
        return new ModbusDevice(DeviceConfigParser.parse(props), clock, () -> ingest, alarms,
                s -> (f, start, count) -> java.util.Arrays.copyOfRange(words, start, start + count), Runnable::run,
                null, () -> registry, null);
    }

    private void polls(ModbusDevice d, int n) {
        for (int i = 0; i < n; i++) {
            d.pollOnce();
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void nanIsSkippedWithOneAlarmAndOneClear() {
        int nan = Float.floatToIntBits(Float.NaN);
        int[] words = {nan >>> 16, nan & 0xFFFF, 0, 0};
        var d = device(words, null, "meter=m;quantity=ACTIVE_POWER;address=0;type=float32;unit=kW,"
                + "meter=m;quantity=VOLTAGE;address=2;type=uint16");
        polls(d, 50);
        assertEquals(1, alarms.of(AlarmKind.INVALID_READING).size());
        assertTrue(ingest.batches.stream().allMatch(b -> b.readings().size() == 1), "only the voltage is submitted");
        words[0] = 0;
        words[1] = 0;
        polls(d, 1);
        assertEquals(1, alarms.cleared.size());
        assertEquals(2, ingest.last().readings().size());
    }

    @Test
    void negativePowerAndAFallingCounterAreSuspectWithOneAlarmEach() {
        int[] words = {0xFFFF, 0, 1000}; // power int16 -1 kW, energy uint32 starts at 1000 (reg 1..2)
        var d = device(words, null, "meter=m;quantity=ACTIVE_POWER;address=0;type=int16;unit=kW,"
                + "meter=m;quantity=ACTIVE_ENERGY_IMPORT;address=1;type=uint32;unit=kWh");
        polls(d, 1);
        words[2] = 900; // the counter falls
        polls(d, 30);
        assertEquals(1, alarms.of(AlarmKind.NEGATIVE_VALUE).size());
        assertEquals(1, alarms.of(AlarmKind.COUNTER_RESET).size());
        var last = ingest.last().readings();
        assertEquals(Quality.SUSPECT, last.stream().filter(r -> r.quantity() == Quantity.ACTIVE_POWER).findFirst()
                .orElseThrow().quality());
        // the counter fell once, then stayed: SUSPECT only in the cycle it fell, then cleared
        var energies = ingest.batches.stream().flatMap(b -> b.readings().stream())
                .filter(r -> r.quantity() == Quantity.ACTIVE_ENERGY_IMPORT).toList();
        assertEquals(Quality.GOOD, energies.get(0).quality());
        assertEquals(Quality.SUSPECT, energies.get(1).quality());
        assertEquals(Quality.GOOD, energies.get(2).quality());
        assertEquals(1, alarms.cleared.stream().filter(a -> a.kind() == AlarmKind.COUNTER_RESET).count());
    }

    @Test
    void anUndeclaredMeterIsOneConfigErrorItsValuesAreNeverSubmittedAndDeclaringItClearsIt() {
        var registry = new Declared();
        registry.ids.add("known");
        int[] words = {10, 20};
        var d = device(words, registry, "meter=known;quantity=VOLTAGE;address=0;type=uint16,"
                + "meter=ghost;quantity=VOLTAGE;address=1;type=uint16");
        polls(d, 100);
        var configErrors = alarms.of(AlarmKind.CONFIG_ERROR);
        assertEquals(1, configErrors.size());
        assertTrue(configErrors.get(0).message().contains("registers.meter = \"ghost\": not declared"),
                configErrors.get(0).message());
        assertEquals(DeviceState.CONFIG_ERROR, d.health().state());
        assertTrue(ingest.batches.stream().flatMap(b -> b.readings().stream()).noneMatch(r -> r.meterId().equals("ghost")));
        assertEquals(100, ingest.size(), "the declared meter is read every poll");
        registry.ids.add("ghost");
        polls(d, 1);
        assertEquals(DeviceState.ONLINE, d.health().state());
        assertEquals(2, ingest.last().readings().size());
        assertEquals(1, alarms.cleared.size());
    }

    @Test
    void aDeviceWithoutFreshValuesForNPeriodsIsStaleOnceAndNeverRepeatsOldValues() {
        boolean[] down = {false};
        var props = new HashMap<String, Object>(Map.of("id", "d1", "host", "127.0.0.1", "pollIntervalSeconds", "60",
                "staleAfterPeriods", "5", "registers", "meter=m;quantity=VOLTAGE;address=0;type=uint16"));
        var d = new ModbusDevice(DeviceConfigParser.parse(props), clock, () -> ingest, alarms, s -> (f, a, n) -> {
            if (down[0]) {
                throw new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer", null);
            }
            return new int[] {2301};
        });
        polls(d, 3);
        down[0] = true;
        polls(d, 40);
        assertEquals(3, ingest.size(), "nothing submitted while down: no stale value repeated");
        assertEquals(1, alarms.of(AlarmKind.STALE).size());
        assertEquals(List.of("m"), alarms.of(AlarmKind.STALE).get(0).meterIds());
        assertEquals(2, d.activeAlarms().size(), "DEVICE_ERROR and STALE");
        down[0] = false;
        polls(d, 20);
        assertEquals(1, alarms.cleared.stream().filter(a -> a.kind() == AlarmKind.STALE).count());
    }

    @Test
    void stoppingADeviceClearsItsActiveConditions() {
        var registry = new Declared();
        var d = device(new int[] {1}, registry, "meter=ghost;quantity=VOLTAGE;address=0;type=uint16");
        polls(d, 5);
        assertEquals(2, d.activeAlarms().size(), "undeclared meter and STALE");
        d.stop();
        assertEquals(0, d.activeAlarms().size());
        assertEquals(2, alarms.cleared.size());
    }

    @Test
    void deadbandPublishesChangesAndAtLeastEveryMaxSilenceCountersAlways() {
        int[] words = {1000, 0, 500}; // power int16 W, energy uint32 (regs 1..2)
        var props = new HashMap<String, Object>(Map.of("id", "d1", "host", "127.0.0.1", "pollIntervalSeconds", "60",
                "deadband", "0.05", "maxSilenceSeconds", "600", "registers",
                "meter=m;quantity=ACTIVE_POWER;address=0;type=int16;unit=W,"
                        + "meter=m;quantity=ACTIVE_ENERGY_IMPORT;address=1;type=uint32;unit=kWh"));
        var d = new ModbusDevice(DeviceConfigParser.parse(props), clock, () -> ingest, alarms,
                s -> (f, start, count) -> java.util.Arrays.copyOfRange(words, start, start + count));
        polls(d, 1);                 // 1.000 kW: published
        words[0] = 1040;
        polls(d, 1);                 // 1.040 kW: within 0.05 kW, not published
        words[0] = 1100;
        polls(d, 1);                 // 1.100 kW: published
        polls(d, 12);                // unchanged: published again once 10 min of silence have passed
        long powers = ingest.batches.stream().flatMap(b -> b.readings().stream())
                .filter(r -> r.quantity() == Quantity.ACTIVE_POWER).count();
        long energies = ingest.batches.stream().flatMap(b -> b.readings().stream())
                .filter(r -> r.quantity() == Quantity.ACTIVE_ENERGY_IMPORT).count();
        assertEquals(3, powers);
        assertEquals(15, energies, "counters are submitted every poll");
    }
}
