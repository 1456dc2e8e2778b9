package org.gridprint.driver.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** {@link DeviceLifecycle}, {@link UndeclaredMeters} and {@link DeviceIds}: the bookkeeping drivers share. */
class DeviceLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<Alarm> published = new ArrayList<>();
    private final EventAlarmConditions conditions = new EventAlarmConditions("test/d1", "d1", clock, published::add);
    private final WindowedHealthTracker tracker = new WindowedHealthTracker("d1", clock);

    private DeviceLifecycle lifecycle(DeviceState initial) {
        var l = new DeviceLifecycle("d1", "test", List.of("m1", "m2"), clock, conditions, tracker,
                new ReentrantLock(), initial);
        l.publish();
        return l;
    }

    @Test
    void cyclesMoveTheStateAndThePublishedHealth() {
        var l = lifecycle(DeviceState.STARTING);
        assertEquals(new DeviceHealth("d1", "test", DeviceState.STARTING, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of("m1", "m2"), 0), l.health());
        var slot1 = T0.plusSeconds(60);
        l.submitted(3);
        l.online(slot1);
        l.publish();
        assertEquals(DeviceState.ONLINE, l.health().state());
        assertEquals(Optional.of(slot1), l.health().lastSuccess());
        assertEquals(3, l.health().readingsSubmitted());
        var slot2 = T0.plusSeconds(120);
        l.failed(slot2, "d1: timeout");
        // not published yet: the health is what was last published
        assertEquals(DeviceState.ONLINE, l.health().state());
        l.publish();
        assertEquals(DeviceState.ERROR, l.health().state());
        assertEquals(Optional.of(slot2), l.health().lastError());
        assertEquals(Optional.of("d1: timeout"), l.health().lastErrorMessage());
        assertEquals(Optional.of(slot1), l.health().lastSuccess());
        var stats = l.stats();
        assertEquals(DeviceState.ERROR, stats.state());
        assertEquals("d1", stats.name());
        l.stopped();
        assertEquals(DeviceState.DISABLED, l.health().state());
    }

    @Test
    void aRefusedDeviceStaysInConfigErrorWithOneAlarm() {
        var l = lifecycle(DeviceState.STARTING);
        assertNull(l.configurationError(true));
        clock.advance(Duration.ofSeconds(5));
        l.refuse("pid-b: id = \"d1\": already used");
        l.refuse("pid-b: id = \"d1\": already used");
        assertEquals("configuration error: pid-b: id = \"d1\": already used", l.configurationError(true));
        assertEquals(DeviceState.CONFIG_ERROR, l.health().state());
        assertEquals(Optional.of(T0.plusSeconds(5)), l.health().lastError());
        assertEquals(1, published.size());
        assertEquals(AlarmKind.CONFIG_ERROR, published.get(0).kind());
        l.stopped();
        assertEquals(DeviceState.CONFIG_ERROR, l.health().state(), "a stop keeps CONFIG_ERROR");
    }

    @Test
    void anInvalidConfigurationIsReportedWithItsMessage() {
        var l = new DeviceLifecycle("d1", "test", List.of(), clock, conditions, tracker, new ReentrantLock(),
                DeviceState.CONFIG_ERROR);
        l.configError("pid-a: pollIntervalSeconds = \"x\": expected a whole number");
        l.publish();
        assertEquals("configuration error: pid-a: pollIntervalSeconds = \"x\": expected a whole number",
                l.configurationError(false));
        assertEquals(Optional.of(T0), l.health().lastError());
        assertTrue(published.isEmpty(), "the alarm is raised when the device starts");
    }

    @Test
    void staleIsRaisedOnceAfterTheGivenPeriodsAndClearedByAValue() {
        var l = lifecycle(DeviceState.STARTING);
        l.freshValues(false, "Device d1", 3, Duration.ofSeconds(60));
        l.freshValues(false, "Device d1", 3, Duration.ofSeconds(60));
        assertTrue(published.isEmpty());
        l.freshValues(false, "Device d1", 3, Duration.ofSeconds(60));
        l.freshValues(false, "Device d1", 3, Duration.ofSeconds(60));
        assertEquals(1, published.size());
        assertEquals("Device d1: no fresh value for 3 periods of 60 s (last complete cycle: never)",
                published.get(0).message());
        assertEquals(List.of("m1", "m2"), published.get(0).meterIds());
        l.freshValues(true, "Device d1", 3, Duration.ofSeconds(60));
        assertEquals(2, published.size());
        assertEquals("CLEARED", published.get(1).details().get(EventKeys.ALARM_STATE));
    }

    @Test
    void undeclaredMetersAreNamedInOneConditionUntilDeclared() {
        var declared = new ArrayList<String>(List.of("m1"));
        MeterRegistry registry = new MeterRegistry() {
            @Override
            public Optional<Meter> meter(String id) {
                return declared.contains(id) ? Optional.of(new Meter(id, id, "site", "", "", "", "", "", List.of(),
                        Optional.empty(), 0)) : Optional.empty();
            }

            @Override
            public Collection<Meter> meters() {
                return List.of();
            }
        };
        assertEquals(Set.of(), UndeclaredMeters.check(null, List.of("m1", "m2"), conditions, "pid-a", "meter"));
        assertEquals(Set.of("m2", "m3"), UndeclaredMeters.check(registry, List.of("m1", "m2", "m3"), conditions,
                "pid-a", "meter"));
        assertEquals(1, published.size());
        assertEquals("pid-a: meter = \"m2, m3\": not declared: expected a meter configuration (org.gridprint.meter) "
                + "with that id; its values are read but not submitted until it is declared",
                published.get(0).message());
        declared.addAll(List.of("m2", "m3"));
        assertEquals(Set.of(), UndeclaredMeters.check(registry, List.of("m1", "m2", "m3"), conditions, "pid-a",
                "meter"));
        assertEquals(2, published.size());
    }

    private record FakeDevice(String id) implements Device {
        @Override
        public DeviceHealth health() {
            return null;
        }
    }

    @Test
    void aDeviceIdIsClaimedByOnePidAndReleasedOnlyByItsDevice() {
        var ids = new DeviceIds<FakeDevice>();
        var first = new FakeDevice("d1");
        var second = new FakeDevice("d1");
        assertNull(ids.claim("d1", "pid-a", first));
        assertEquals("pid-b: id = \"d1\": already used by device configuration pid-a: expected a device id unique "
                + "across files", ids.claim("d1", "pid-b", second));
        ids.release(second); // not the holder: nothing changes
        assertEquals(List.of(first), ids.all());
        var changed = new FakeDevice("d1");
        assertNull(ids.claim("d1", "pid-a", changed), "the same PID may claim its id again");
        assertEquals(List.of(changed), ids.all());
        ids.release(changed);
        assertTrue(ids.all().isEmpty());
        assertNull(ids.claim("d1", "pid-b", second));
    }
}
