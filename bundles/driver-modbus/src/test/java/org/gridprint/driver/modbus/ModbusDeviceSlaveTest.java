package org.gridprint.driver.modbus;

import org.gridprint.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.device.DeviceState;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** The device class against a real j2mod Modbus TCP slave on 127.0.0.1. */
class ModbusDeviceSlaveTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    private ModbusSlave slave;
    private int port;
    private SimpleProcessImage image;
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingIngest ingest = new RecordingIngest();
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final java.util.List<ModbusDevice> devices = new java.util.ArrayList<>();

    private static final String MAP = String.join(",",
            "meter=hq/main;quantity=ACTIVE_ENERGY_IMPORT;address=0;type=uint32;order=big;scale=0.01;unit=kWh",
            "meter=hq/main;quantity=ACTIVE_POWER;address=2;type=float32;order=big;unit=kW",
            "meter=hq/ahu;quantity=ACTIVE_POWER;address=4;type=float32;order=little;unit=W",
            "meter=hq/ahu;quantity=CURRENT;address=6;type=int16;scale=0.1;unit=A",
            "meter=hq/ahu;quantity=ACTIVE_ENERGY_IMPORT;address=10;type=uint64;order=little;unit=Wh",
            "meter=hq/main;quantity=FREQUENCY;address=20;type=float64;order=big;unit=Hz",
            "meter=hq/main;quantity=VOLTAGE;address=0;function=input;type=uint16;scale=0.1;unit=V",
            "meter=hq/main;quantity=REACTIVE_POWER;address=1;function=input;type=int32;order=little;unit=kvar");

    @BeforeEach
    void startSlave() throws Exception {
        image = new SimpleProcessImage(1);
        for (int i = 0; i < 30; i++) {
            image.addRegister(new SimpleRegister(0));
        }
        for (int i = 0; i < 4; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        setHolding(0, 0x075B, 0xCD15);                 // uint32 123456789 -> 1234567.89 kWh
        setHolding(2, 0x4049, 0x0FDB);                 // float32 3.14159274 kW
        setHolding(4, 0x8000, 0x44BB);                 // float32 1500.0 W (0x44BB8000), low word first -> 1.5 kW
        setHolding(6, 0xFF85);                         // int16 -123 × 0.1 A = -12.3 A
        setHolding(10, 0x86A0, 0x0001, 0x0000, 0x0000); // uint64 100000 Wh, low word first -> 100 kWh
        setHolding(20, 0x404E, 0x0000, 0x0000, 0x0000); // float64 60.0 Hz
        setInput(0, 2301);                             // 230.1 V
        setInput(1, 0xFFFE, 0xFFFF);                   // int32 -2 kvar, low word first
        port = TestSupport.freePort();
        slave = TestSupport.startSlave(port, 1, image);
    }

    @AfterEach
    void stopAll() {
        devices.forEach(ModbusDevice::stop);
        ModbusSlaveFactory.close();
    }

    private void setHolding(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            image.getRegister(address + i).setValue(words[i]);
        }
    }

    private void setInput(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            image.setInputRegister(address + i, new SimpleInputRegister(words[i]));
        }
    }

    private ModbusDevice device(String id, int devicePort, String registers) {
        var props = new HashMap<String, Object>();
        props.put("id", id);
        props.put("host", "127.0.0.1");
        props.put("port", String.valueOf(devicePort));
        props.put("timeoutMillis", "900");
        props.put("pollIntervalSeconds", "1");
        props.put("registers", registers);
        var d = ModbusDevice.create(DeviceConfigParser.parse(props), clock, () -> ingest, alarms);
        devices.add(d);
        return d;
    }

    private static Map<String, Reading> byKey(Iterable<Reading> readings) {
        var map = new HashMap<String, Reading>();
        readings.forEach(r -> map.put(r.meterId() + " " + r.quantity(), r));
        return map;
    }

    @Test
    void decodesScalesAndConvertsEveryTypeAndWordOrderInOneBatch() {
        var d = device("panel-1", port, MAP);
        assertEquals(2, d.plan().size(), "one holding block (gaps <= 8 merged) and one input block");
        assertEquals(DeviceState.STARTING, d.health().state());

        var outcome = assertInstanceOf(PollOutcome.Polled.class, d.pollOnce());
        assertTrue(outcome.complete(), outcome.failures().toString());
        assertEquals(1, ingest.size());
        var batch = ingest.last();
        assertEquals("modbus/panel-1", batch.source());
        assertEquals(8, batch.readings().size());
        var r = byKey(batch.readings());
        assertEquals(1234567.89, r.get("hq/main ACTIVE_ENERGY_IMPORT").value(), 0.0);
        assertEquals(3.1415927, r.get("hq/main ACTIVE_POWER").value(), 0.0);
        assertEquals(1.5, r.get("hq/ahu ACTIVE_POWER").value(), 1e-12);
        assertEquals(-12.3, r.get("hq/ahu CURRENT").value(), 0.0);
        assertEquals(100.0, r.get("hq/ahu ACTIVE_ENERGY_IMPORT").value(), 1e-9);
        assertEquals(60.0, r.get("hq/main FREQUENCY").value(), 0.0);
        assertEquals(230.1, r.get("hq/main VOLTAGE").value(), 0.0);
        assertEquals(-2.0, r.get("hq/main REACTIVE_POWER").value(), 0.0);
        for (var reading : batch.readings()) {
            assertEquals(T0, reading.timestamp());
            assertEquals(Quality.GOOD, reading.quality());
            assertEquals("modbus/panel-1", reading.source());
        }
        // readings come in configuration order
        assertEquals(Quantity.ACTIVE_ENERGY_IMPORT, batch.readings().get(0).quantity());
        assertEquals(Quantity.REACTIVE_POWER, batch.readings().get(7).quantity());

        var h = d.health();
        assertEquals(DeviceState.ONLINE, h.state());
        assertEquals(T0, h.lastSuccess().orElseThrow());
        assertEquals(8, h.readingsSubmitted());
        assertEquals(java.util.List.of("hq/main", "hq/ahu"), h.meterIds());

        // next cycle: new values, read 3 ms into its slot and stamped with the slot
        setHolding(0, 0x075B, 0xCD16);
        clock.advance(Duration.ofMillis(15_003));
        d.pollOnce();
        var second = byKey(ingest.last().readings());
        assertEquals(1234567.90, second.get("hq/main ACTIVE_ENERGY_IMPORT").value(), 0.0);
        assertEquals(T0.plusSeconds(15), second.get("hq/main ACTIVE_ENERGY_IMPORT").timestamp());
        assertEquals(16, d.health().readingsSubmitted());
        assertTrue(alarms.alarms.isEmpty());
    }

    @Test
    void closedPortGivesErrorNamingTheDeviceWhileAnotherDeviceKeepsReading() throws Exception {
        var good = device("panel-1", port, MAP);
        var dead = device("panel-9", TestSupport.freePort(), MAP);

        var deadOutcome = assertInstanceOf(PollOutcome.Polled.class, dead.pollOnce());
        var goodOutcome = assertInstanceOf(PollOutcome.Polled.class, good.pollOnce());

        assertEquals(2, deadOutcome.failures().size(), "both blocks failed (second skipped)");
        assertTrue(deadOutcome.readings().isEmpty());
        var h = dead.health();
        assertEquals(DeviceState.ERROR, h.state());
        assertEquals(T0, h.lastError().orElseThrow());
        assertTrue(h.lastSuccess().isEmpty());
        var message = h.lastErrorMessage().orElseThrow();
        assertTrue(message.contains("panel-9"), message);
        assertTrue(message.contains("holding registers 0..23"), message);
        assertTrue(message.contains("connection refused"), message);

        assertEquals(1, alarms.alarms.size());
        var alarm = alarms.alarms.get(0);
        assertEquals(AlarmKind.DEVICE_ERROR, alarm.kind());
        assertEquals("panel-9", alarm.deviceId());
        assertEquals(java.util.List.of("hq/main", "hq/ahu"), alarm.meterIds());

        assertTrue(goodOutcome.complete());
        assertEquals(8, goodOutcome.readings().size());
        assertEquals(DeviceState.ONLINE, good.health().state());
        assertEquals(1, ingest.size(), "nothing submitted for the dead device");

        // the same error again: no second alarm; the task keeps going
        clock.advance(Duration.ofSeconds(15));
        dead.pollOnce();
        assertEquals(1, alarms.alarms.size());
        assertEquals(T0.plusSeconds(15), dead.health().lastError().orElseThrow());
    }

    @Test
    void silentDeviceTimesOut() throws Exception {
        // accepts TCP connections but never answers a Modbus request
        try (var silent = new TestSupport.SilentPeer()) {
            var props = new HashMap<String, Object>(Map.of("id", "panel-slow", "host", "127.0.0.1",
                    "port", silent.port(), "timeoutMillis", 300, "registers", MAP));
            var slow = ModbusDevice.create(DeviceConfigParser.parse(props), clock, () -> ingest, alarms);
            devices.add(slow);
            var outcome = (PollOutcome.Polled) slow.pollOnce();
            assertEquals(2, outcome.failures().size());
            var message = slow.health().lastErrorMessage().orElseThrow();
            assertTrue(message.contains("panel-slow") && message.contains("no answer within 300 ms"), message);
            assertEquals(DeviceState.ERROR, slow.health().state());
            assertEquals(AlarmKind.DEVICE_ERROR, alarms.alarms.get(0).kind());
        }
    }

    @Test
    void reconnectsAfterTheSlaveComesBack() throws Exception {
        var d = device("panel-1", port, MAP);
        assertTrue(((PollOutcome.Polled) d.pollOnce()).complete());
        ModbusSlaveFactory.close(slave);
        clock.advance(Duration.ofSeconds(15));
        var failed = (PollOutcome.Polled) d.pollOnce();
        assertFalse(failed.complete());
        assertEquals(DeviceState.ERROR, d.health().state());

        slave = TestSupport.startSlave(port, 1, image);
        clock.advance(Duration.ofSeconds(15));
        var back = (PollOutcome.Polled) d.pollOnce();
        assertTrue(back.complete(), back.failures().toString());
        assertEquals(DeviceState.ONLINE, d.health().state());
        assertEquals(T0.plusSeconds(30), d.health().lastSuccess().orElseThrow());
        assertEquals(T0.plusSeconds(15), d.health().lastError().orElseThrow());
    }

    @Test
    void exception02SplitsTheMergedRequestKeepsTheNeighboursAndRemembersTheBadRegister() {
        // register 30 is past the slave's 30 holding registers: it answers exception 02 for any request covering it
        var map = MAP + ",meter=hq/far;quantity=VOLTAGE;address=30;type=uint16;scale=0.1";
        var d = device("panel-1", port, map);
        assertEquals(2, d.plan().size(), "holding 0..30 merged, input 0..2");
        var outcome = (PollOutcome.Polled) d.pollOnce();
        assertTrue(outcome.complete(), outcome.failures().toString());
        assertEquals(8, outcome.readings().size(), "every neighbour of the bad register is read");
        // 0..30 (02); 0..5 ok; 6..30 (02); 6..13 ok; 20..30 (02); 20..23 ok; 30 (02: learned); input 0..2
        assertEquals(8, d.requestsSent());
        assertEquals(1, d.badPoints().size());
        var bad = d.badPoints().get(0);
        assertEquals(30, bad.entry().address());
        assertEquals(2, bad.exceptionCode());
        assertTrue(bad.describe().contains("exception 02 Illegal Data Address"), bad.describe());
        var alarm = alarms.of(AlarmKind.DEVICE_ERROR).get(0);
        assertEquals(java.util.List.of("hq/far"), alarm.meterIds());
        assertTrue(alarm.message().contains("exception 02 Illegal Data Address"), alarm.message());

        // next cycles: the bad register is left out, two requests per cycle; no new alarm
        clock.advance(Duration.ofSeconds(1));
        var second = (PollOutcome.Polled) d.pollOnce();
        assertEquals(8, second.readings().size());
        assertEquals(10, d.requestsSent());
        assertEquals(1, alarms.alarms.size());
        // re-probed alone after reprobeCycles (20): one more request; still bad, still one alarm
        for (int i = 0; i < 19; i++) {
            clock.advance(Duration.ofSeconds(1));
            d.pollOnce();
        }
        assertEquals(10 + 19 * 2 + 1, d.requestsSent());
        assertEquals(1, d.badPoints().size());
        assertEquals(1, alarms.alarms.size());
        assertEquals(DeviceState.ONLINE, d.health().state());
    }

    @Test
    void badConfigurationRegistersAConfigErrorDeviceThatNeverPolls() {
        var d = device("panel-3", port, "meter=a;quantity=VOLTAGE;address=0;type=uint33");
        var h = d.health();
        assertEquals("panel-3", d.id());
        assertEquals(DeviceState.CONFIG_ERROR, h.state());
        assertEquals("org.gridprint.driver.modbus~panel-3: registers[0].type = \"uint33\": expected one of int16, "
                + "uint16, int32, uint32, int64, uint64, float32, float64, bool", h.lastErrorMessage().orElseThrow());
        d.start();
        assertEquals(AlarmKind.CONFIG_ERROR, alarms.alarms.get(0).kind());
        assertInstanceOf(PollOutcome.Skipped.class, d.pollOnce());
        assertEquals(0, ingest.size());
        d.stop();
        assertEquals(DeviceState.CONFIG_ERROR, d.health().state());
    }

    @Test
    void withoutIngestServiceNothingIsPolled() {
        var props = Map.<String, Object>of("id", "p", "host", "127.0.0.1", "port", port, "registers", MAP);
        var d = ModbusDevice.create(DeviceConfigParser.parse(props), clock, () -> null, alarms);
        assertInstanceOf(PollOutcome.Skipped.class, d.pollOnce());
        assertEquals(DeviceState.STARTING, d.health().state());
    }

    @Test
    void scheduledPollingSubmitsBatchesAndSurvivesIngestFailures() throws Exception {
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        var ingestThatFailsFirst = new org.gridprint.api.IngestService() {
            @Override
            public org.gridprint.api.IngestResult submit(String source, java.util.List<Reading> batch) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("store down");
                }
                return ingest.submit(source, batch);
            }
        };
        var props = new HashMap<String, Object>(Map.of("id", "sched", "host", "127.0.0.1", "port", port,
                "pollIntervalSeconds", 1, "registers", MAP));
        var d = ModbusDevice.create(DeviceConfigParser.parse(props), java.time.Clock.systemUTC(),
                () -> ingestThatFailsFirst, alarms);
        devices.add(d);
        d.start();
        for (int i = 0; i < 200 && ingest.size() < 2; i++) {
            Thread.sleep(50);
        }
        d.stop();
        assertTrue(ingest.size() >= 2, "the task kept running after an exception; batches: " + ingest.size());
        assertEquals(DeviceState.DISABLED, d.health().state());
        Function<Reading, String> key = x -> x.meterId() + " " + x.quantity();
        assertEquals(8, ingest.last().readings().stream().map(key).collect(Collectors.toSet()).size());
    }
}
