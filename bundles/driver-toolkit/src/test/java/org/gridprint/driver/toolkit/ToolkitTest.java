package org.gridprint.driver.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.device.DeviceState;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ToolkitTest {

    @Test
    void alarmConditionRaisesOnceAndClearsOnceWithTheCount() {
        var published = new ArrayList<Alarm>();
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var alarms = new EventAlarmConditions("modbus/d1", "d1", clock, published::add);
        assertTrue(alarms.raise("nan:m1", AlarmKind.INVALID_READING, "m1 answers NaN", List.of("m1")));
        for (int i = 0; i < 99; i++) {
            assertFalse(alarms.raise("nan:m1", AlarmKind.INVALID_READING, "m1 answers NaN", List.of("m1")));
        }
        assertEquals(1, published.size());
        assertEquals("RAISED", published.get(0).details().get(org.gridprint.api.driver.AlarmConditions.STATE_KEY));
        assertEquals(100, alarms.active().get(0).count());
        assertTrue(alarms.clear("nan:m1"));
        assertFalse(alarms.clear("nan:m1"));
        assertEquals(2, published.size());
        var cleared = published.get(1);
        assertEquals("CLEARED", cleared.details().get(org.gridprint.api.EventKeys.ALARM_STATE));
        assertEquals(100L, cleared.details().get(EventKeys.COUNT));
        assertEquals(List.of("m1"), cleared.meterIds());
        assertEquals("d1", cleared.deviceId().orElseThrow());
        assertTrue(alarms.active().isEmpty());
    }

    @Test
    void clearAllExceptKeepsTheNamedConditions() {
        var published = new ArrayList<Alarm>();
        var alarms = new EventAlarmConditions("s", null, Clock.systemUTC(), published::add);
        alarms.raise("read:a", AlarmKind.DEVICE_ERROR, "a", List.of());
        alarms.raise("read:b", AlarmKind.DEVICE_ERROR, "b", List.of());
        alarms.raise("other", AlarmKind.STALE, "c", List.of());
        alarms.clearAllExcept("read:", Set.of("read:b"));
        assertFalse(alarms.isActive("read:a"));
        assertTrue(alarms.isActive("read:b"));
        assertTrue(alarms.isActive("other"));
    }

    @Test
    void retryBufferDropsTheOldest() {
        var buffer = new BoundedRetryBuffer<Integer>(3);
        assertEquals(0, buffer.keep(List.of(1, 2)));
        assertEquals(1, buffer.keep(List.of(3, 4)));
        assertEquals(List.of(2, 3, 4), buffer.items());
        assertEquals(1, buffer.dropped());
        buffer.clear();
        assertEquals(0, buffer.size());
        var none = new BoundedRetryBuffer<Integer>(0);
        assertEquals(2, none.keep(List.of(1, 2)));
        assertEquals(0, none.size());
    }

    @Test
    void backoffGrowsAndIsCapped() {
        var b = new Backoff(1, 8);
        assertTrue(b.ready(0));
        assertEquals(1, b.failed(0));
        assertFalse(b.ready(0));
        assertTrue(b.ready(1));
        assertEquals(2, b.failed(1));
        assertEquals(4, b.failed(3));
        assertEquals(8, b.failed(7));
        assertEquals(8, b.failed(15));
        b.succeeded();
        assertTrue(b.ready(15));
        assertEquals(1, b.failed(15));
    }

    @Test
    void healthTrackerCountsRequestsErrorsAndRate() {
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var h = new WindowedHealthTracker("b1", clock);
        for (int i = 0; i < 30; i++) {
            h.requestSucceeded();
            clock.advance(Duration.ofMillis(500));
        }
        h.requestFailed("TIMEOUT", "no answer");
        h.requestFailed("EXCEPTION_02", "illegal data address");
        h.requestFailed("TIMEOUT", "no answer");
        h.cycleFailed(clock.instant(), "no answer");
        var s = h.snapshot();
        assertEquals(33, s.requests());
        assertEquals(3, s.failedRequests());
        assertEquals(2L, s.errorCounts().get("TIMEOUT"));
        assertEquals(DeviceState.ERROR, s.state());
        assertEquals("no answer", s.lastErrorMessage().orElseThrow());
        assertEquals(33 / 15.0, s.requestsPerSecond(), 1e-9);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0.0, h.snapshot().requestsPerSecond());
    }

    @Test
    void slotArithmeticAndMisalignmentWarning() {
        assertEquals(900_000, PollSlots.nextAfter(1, 900_000));
        var next = PollSlots.next(0, 2_000_000, 900_000);
        assertEquals(2_700_000, next.slot());
        assertEquals(2, next.skipped());
        assertNull(PollSlots.misalignment("d", 900_000, 3_600_000));
        var text = PollSlots.misalignment("modbus device d1", 420_000, 3_600_000);
        assertNotNull(text);
        assertTrue(text.contains("420.0 s does not divide the reporting window of 3600 s"), text);
    }

    @Test
    void schedulerHandsSlotsToTheTaskExecutorAndSkipsWhileBusy() throws Exception {
        var executor = Executors.newSingleThreadExecutor();
        var slots = new CopyOnWriteArrayList<Instant>();
        var firstStarted = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var laterRun = new CountDownLatch(1);
        try (var scheduler = new WallClockPollScheduler(Clock.systemUTC(), "test-timer")) {
            var reg = scheduler.schedule("t", Duration.ofMillis(20), executor, slot -> {
                slots.add(slot);
                if (slots.size() == 1) {
                    firstStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    laterRun.countDown();
                }
            });
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            // while the first run blocks, slots pass and are skipped, not queued
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reg.skippedSlots() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(reg.skippedSlots() >= 3);
            release.countDown();
            assertTrue(laterRun.await(10, TimeUnit.SECONDS));
            reg.cancel();
            for (var s : slots) {
                assertEquals(0, s.toEpochMilli() % 20, "slot on a wall-clock multiple: " + s);
            }
            for (int i = 1; i < slots.size(); i++) {
                assertTrue(slots.get(i).isAfter(slots.get(i - 1)));
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
