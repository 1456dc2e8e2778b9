package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;
import org.gridprint.api.device.DeviceState;
import org.gridprint.driver.modbus.TestSupport.FakeReader;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** One poll cycle's logic with a controllable clock: slot timestamps, the retry buffer, failure logging. */
class ModbusDeviceCycleTest {

    private static final Instant SLOT = Instant.parse("2026-03-31T23:45:00Z");
    private static final String ENERGY = "meter=m;quantity=ACTIVE_ENERGY_IMPORT;address=0;type=uint32;scale=0.01;unit=kWh";
    private static final String POWER = "meter=m;quantity=ACTIVE_POWER;address=0;type=int16;unit=kW";

    private final MutableClock clock = new MutableClock(SLOT);
    private final RecordingAlarms alarms = new RecordingAlarms();

    /** Fails every submit while {@code down}; records every batch it is handed. */
    private static final class FlakyIngest implements IngestService {
        final List<List<Reading>> seen = new ArrayList<>();
        boolean down;

        @Override
        public IngestResult submit(String source, List<Reading> batch) {
            seen.add(List.copyOf(batch));
            if (down) {
                throw new IllegalStateException("store down");
            }
            return new IngestResult(List.of(), Optional.empty());
        }
    }

    @Test
    void readingsAreStampedWithThePollSlotNotTheReadTime() {
        clock.set(SLOT.plusMillis(3)); // the poll of 23:45:00 reads 3 ms into its slot
        var ingest = new RecordingIngest();
        FakeReader reader = (f, start, count) -> new int[] {0x075B, 0xCD15};
        var d = TestSupport.device(clock, ingest, alarms, reader, "pollIntervalSeconds", "900", "registers", ENERGY);
        var outcome = (PollOutcome.Polled) d.pollOnce();
        var reading = ingest.last().readings().get(0);
        assertEquals(SLOT, reading.timestamp());
        assertEquals(SLOT, outcome.timestamp());
        assertEquals(1234567.89, reading.value(), 0.0, "decimal scaling, no binary noise");
        assertEquals(SLOT, d.health().lastSuccess().orElseThrow());

        clock.set(SLOT.plus(Duration.ofMinutes(15)).plusMillis(250));
        d.pollOnce();
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), ingest.last().readings().get(0).timestamp(),
                "consecutive readings are exactly one period apart");
    }

    @Test
    void aFailedSubmitIsResubmittedWithTheNextCyclesBatch() {
        var ingest = new FlakyIngest();
        ingest.down = true;
        int[] value = {5};
        FakeReader reader = (f, start, count) -> new int[] {value[0]};
        var d = TestSupport.device(clock, ingest, alarms, reader, "pollIntervalSeconds", "900", "registers", POWER);

        d.pollOnce();
        assertEquals(1, d.bufferedReadings());
        var h = d.health();
        assertEquals(DeviceState.ERROR, h.state());
        assertEquals(0, h.readingsSubmitted());
        var message = h.lastErrorMessage().orElseThrow();
        assertTrue(message.contains("d1") && message.contains("store down")
                && message.contains("1 reading(s) kept for the next cycle"), message);

        ingest.down = false;
        value[0] = 7;
        clock.advance(Duration.ofMinutes(15));
        d.pollOnce();
        var second = ingest.seen.get(1);
        assertEquals(2, second.size(), "the failed batch is submitted again, with the new one");
        assertEquals(SLOT, second.get(0).timestamp());
        assertEquals(5.0, second.get(0).value(), 0.0);
        assertEquals(SLOT.plus(Duration.ofMinutes(15)), second.get(1).timestamp());
        assertEquals(7.0, second.get(1).value(), 0.0);
        assertEquals(0, d.bufferedReadings());
        assertEquals(DeviceState.ONLINE, d.health().state());
        assertEquals(2, d.health().readingsSubmitted());

        clock.advance(Duration.ofMinutes(15));
        d.pollOnce();
        assertEquals(1, ingest.seen.get(2).size(), "nothing is submitted twice once the store took it");
    }

    @Test
    void theRetryBufferIsBoundedAndDropsTheOldestWithAWarning() {
        var ingest = new FlakyIngest();
        ingest.down = true;
        int[] cycle = {0};
        FakeReader reader = (f, start, count) -> new int[] {cycle[0] * 10, cycle[0] * 10 + 1};
        var d = TestSupport.device(clock, ingest, alarms, reader, "pollIntervalSeconds", "900",
                "retryBufferReadings", "3", "registers", POWER + ",meter=m;quantity=VOLTAGE;address=1;type=uint16");
        var log = TestSupport.stderrOf(() -> {
            for (cycle[0] = 1; cycle[0] <= 3; cycle[0]++) {
                d.pollOnce();
                clock.advance(Duration.ofMinutes(15));
            }
        });
        assertTrue(log.contains("WARN org.gridprint.driver.modbus.ModbusDevice - Modbus device d1: retry buffer full "
                + "(retryBufferReadings = 3): dropped the 1 oldest"), log);
        assertEquals(1, log.split("retry buffer full", -1).length - 1, "one WARN when the buffer overflows, not one "
                + "per cycle: " + log);
        assertEquals(3, d.bufferedReadings());

        ingest.down = false;
        var resubmitLog = TestSupport.stderrOf(d::pollOnce);
        assertTrue(resubmitLog.contains("resubmitted 3 reading(s) kept while IngestService.submit failed; 3 older "
                + "reading(s) were dropped while the retry buffer was full"), resubmitLog);
        var values = ingest.seen.get(3).stream().map(Reading::value).toList();
        assertEquals(List.of(21.0, 30.0, 31.0, 40.0, 41.0), values, "the newest 3 kept, then this cycle's");
        assertEquals(0, d.bufferedReadings());
    }

    @Test
    void bufferedReadingsAreResubmittedAlsoWhenTheNextCycleReadsNothing() {
        var ingest = new FlakyIngest();
        ingest.down = true;
        boolean[] deviceDown = {false};
        FakeReader reader = (f, start, count) -> {
            if (deviceDown[0]) {
                throw new ReadFailure(ReadFailure.Kind.CONNECTION, "connection refused by 127.0.0.1:502", null);
            }
            return new int[] {5};
        };
        var d = TestSupport.device(clock, ingest, alarms, reader, "pollIntervalSeconds", "900", "registers", POWER);
        d.pollOnce();
        ingest.down = false;
        deviceDown[0] = true;
        clock.advance(Duration.ofMinutes(15));
        d.pollOnce();
        assertEquals(List.of(SLOT), ingest.seen.get(1).stream().map(Reading::timestamp).toList());
        assertEquals(0, d.bufferedReadings());
        assertEquals(DeviceState.ERROR, d.health().state(), "the read failed");
    }

    @Test
    void aFailingDeviceRaisesOneAlarmLogsOneWarnBacksOffAndClearsOnce() {
        boolean[] down = {true};
        int[] requests = {0};
        FakeReader reader = (f, start, count) -> {
            requests[0]++;
            if (down[0]) {
                throw new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer within 500 ms", null);
            }
            return new int[] {7};
        };
        var d = TestSupport.device(clock, new RecordingIngest(), alarms, reader, "pollIntervalSeconds", "60",
                "maxBackoffSeconds", "480", "registers", POWER);
        var log = TestSupport.stderrOf(() -> {
            for (int i = 0; i < 100; i++) {
                d.pollOnce();
                clock.advance(Duration.ofMinutes(1));
            }
        });
        // one WARN per condition for 100 failed cycles: the device error and, after 3 periods without values, STALE
        assertEquals(2, log.split("WARN", -1).length - 1, "WARN lines: " + log);
        assertEquals(1, alarms.of(org.gridprint.api.AlarmKind.DEVICE_ERROR).size());
        assertEquals(1, alarms.of(org.gridprint.api.AlarmKind.STALE).size());
        // back-off 1, 2, 4, 8, 8, ... cycles (capped at 480 s / 60 s): far fewer requests than cycles
        assertTrue(requests[0] < 20, "requests: " + requests[0]);
        assertEquals(DeviceState.ERROR, d.health().state());

        down[0] = false;
        for (int i = 0; i < 10 && d.health().state() != DeviceState.ONLINE; i++) {
            d.pollOnce();
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(DeviceState.ONLINE, d.health().state());
        assertEquals(1, alarms.cleared.stream().filter(a -> a.kind() == org.gridprint.api.AlarmKind.DEVICE_ERROR).count());
        assertEquals(1, alarms.cleared.stream().filter(a -> a.kind() == org.gridprint.api.AlarmKind.STALE).count());
        assertEquals(2, alarms.alarms.size(), "no new alarm on recovery, only the two clears");
    }
}
