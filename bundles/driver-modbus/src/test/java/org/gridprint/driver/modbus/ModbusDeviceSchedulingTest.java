package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;
import org.gridprint.api.device.DeviceState;
import org.gridprint.driver.modbus.TestSupport.FakeReader;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device's own thread on the system clock: slot scheduling and stopping. Waits are bounded loops. */
class ModbusDeviceSchedulingTest {

    private static final String POWER = "meter=m;quantity=ACTIVE_POWER;address=0;type=int16;unit=kW";
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final List<ModbusDevice> devices = new ArrayList<>();

    @AfterEach
    void stopDevices() {
        devices.forEach(ModbusDevice::stop);
    }

    private ModbusDevice device(IngestService ingest, RegisterReader reader, Object... props) {
        var d = TestSupport.device(Clock.systemUTC(), ingest, alarms, reader, props);
        devices.add(d);
        return d;
    }

    @Test
    void aSlowPollSkipsMissedSlotsInsteadOfFiringABurstOfCatchUpPolls() throws Exception {
        // period 1 s; the first poll takes 2.5 s (as several requests near their timeout would)
        var ingest = new RecordingIngest();
        var calls = new AtomicInteger();
        FakeReader reader = (f, start, count) -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new int[] {calls.get()};
        };
        var d = device(ingest, reader, "pollIntervalSeconds", "1", "timeoutMillis", "900", "registers", POWER);
        d.start();
        for (int i = 0; i < 300 && ingest.size() < 4; i++) {
            Thread.sleep(50);
        }
        d.stop();
        List<Instant> stamps;
        synchronized (ingest) {
            stamps = ingest.batches.stream().map(b -> b.readings().get(0).timestamp()).toList();
        }
        assertTrue(stamps.size() >= 4, "polls: " + stamps);
        for (int i = 0; i < stamps.size(); i++) {
            assertEquals(0, stamps.get(i).toEpochMilli() % 1000, "stamped with a whole-second slot: " + stamps);
            if (i > 0) {
                assertTrue(stamps.get(i).isAfter(stamps.get(i - 1)), "one poll per slot, no burst: " + stamps);
            }
        }
        // the slow poll of slot S ended after S + 2.5 s: S+1 and S+2 are skipped, the next poll is S+3
        assertTrue(stamps.get(1).toEpochMilli() - stamps.get(0).toEpochMilli() >= 3000, "missed slots: " + stamps);
        assertEquals(stamps.size(), calls.get(), "every read was one submitted poll");
    }

    @Test
    void stopNeverInterruptsASubmitInProgress() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var completed = new AtomicInteger();
        IngestService slowStore = (source, batch) -> {
            entered.countDown();
            try {
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the submit");
                }
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            if (Thread.currentThread().isInterrupted()) {
                interrupted.set(true);
            }
            completed.incrementAndGet();
            return new IngestResult(List.of(), Optional.empty());
        };
        FakeReader reader = (f, start, count) -> new int[] {1};
        var d = device(slowStore, reader, "pollIntervalSeconds", "1", "registers", POWER);
        d.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "a poll reached submit");

        var stopper = new Thread(d::stop, "stopper");
        stopper.start();
        // let stop() get to its (bounded) wait for the running cycle, then let the store finish
        for (int i = 0; i < 200 && stopper.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        release.countDown();
        stopper.join(30_000);
        assertFalse(stopper.isAlive(), "stop() returned");
        assertFalse(interrupted.get(), "the poll thread was interrupted inside IngestService.submit");
        assertEquals(1, completed.get());
        assertEquals(DeviceState.DISABLED, d.health().state());
        assertInstanceOf(PollOutcome.Skipped.class, d.pollOnce(), "a stopped device does not poll");
    }

    @Test
    void abortEndsAReadBlockedOnASilentPeerWithoutWaitingForTheTimeout() throws Exception {
        try (var silent = new TestSupport.SilentPeer()) {
            // a timeout far beyond the bounded wait below: only abort() can end the read in time
            var reader = new J2modRegisterReader("127.0.0.1", silent.port(), 1, 120_000);
            var failure = new AtomicReference<Throwable>();
            var poller = new Thread(() -> {
                try {
                    reader.read(RegisterFunction.HOLDING, 0, 2);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            poller.setDaemon(true);
            poller.start();
            assertTrue(silent.awaitRequest(), "the request reached the peer");
            Thread.sleep(100); // let the poller block in its socket read
            reader.abort();
            poller.join(15_000);
            assertFalse(poller.isAlive(), "the read is still blocked after abort()");
            var f = assertInstanceOf(ReadFailure.class, failure.get());
            assertEquals(ReadFailure.Kind.CONNECTION, f.kind(), f.getMessage());
            reader.close();
        }
    }

    @Test
    void stoppingDuringABlockedReadRaisesNoDeviceError() throws Exception {
        try (var silent = new TestSupport.SilentPeer()) {
            var ingest = new RecordingIngest();
            var d = ModbusDevice.create(DeviceConfigParser.parse(java.util.Map.of("id", "d1", "host", "127.0.0.1",
                    "port", silent.port(), "pollIntervalSeconds", 2, "timeoutMillis", 1900, "registers", POWER)),
                    Clock.systemUTC(), () -> ingest, alarms);
            devices.add(d);
            d.start();
            assertTrue(silent.awaitRequest(), "the device polled");
            d.stop();
            assertEquals(DeviceState.DISABLED, d.health().state());
            assertTrue(alarms.alarms.isEmpty(), "a read ended by stop() is no device error: " + alarms.alarms);
            assertEquals(0, ingest.size());
        }
    }

    @Test
    void readingsOfTheScheduledPollsAreOnePeriodApart() throws Exception {
        var ingest = new RecordingIngest();
        FakeReader reader = (f, start, count) -> new int[] {1};
        var d = device(ingest, reader, "pollIntervalSeconds", "1", "registers", POWER);
        d.start();
        for (int i = 0; i < 200 && ingest.size() < 3; i++) {
            Thread.sleep(50);
        }
        d.stop();
        List<Reading> readings;
        synchronized (ingest) {
            readings = ingest.batches.stream().map(b -> b.readings().get(0)).toList();
        }
        assertTrue(readings.size() >= 3, readings.toString());
        for (var r : readings) {
            assertEquals(0, r.timestamp().toEpochMilli() % 1000, r.toString());
        }
    }
}
