package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.device.DeviceState;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * Every multi-register type (int32, uint32, int64, uint64, float32, float64) in all four orders (ABCD, CDAB, BADC,
 * DCBA) read from a real j2mod slave through the driver, the words laid out by an encoder written here independently
 * of the decoder; and device and bridge ids used by two configuration files.
 */
class WordOrderSlaveTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var c : closeables) {
            c.close();
        }
        ModbusSlaveFactory.close();
    }

    /** The value's big-endian bytes arranged as the order says, as 16-bit words. */
    private static int[] encode(byte[] bigEndian, String order) {
        int n = bigEndian.length;
        var b = bigEndian.clone();
        switch (order) {
            case "ABCD" -> { }
            case "DCBA" -> {
                for (int i = 0; i < n; i++) {
                    b[i] = bigEndian[n - 1 - i];
                }
            }
            case "CDAB" -> { // words reversed, bytes of each word kept
                for (int w = 0; w < n / 2; w++) {
                    b[2 * w] = bigEndian[n - 2 - 2 * w];
                    b[2 * w + 1] = bigEndian[n - 1 - 2 * w];
                }
            }
            case "BADC" -> { // words kept, bytes of each word swapped
                for (int w = 0; w < n / 2; w++) {
                    b[2 * w] = bigEndian[2 * w + 1];
                    b[2 * w + 1] = bigEndian[2 * w];
                }
            }
            default -> throw new IllegalArgumentException(order);
        }
        var words = new int[n / 2];
        for (int w = 0; w < words.length; w++) {
            words[w] = ((b[2 * w] & 0xFF) << 8) | (b[2 * w + 1] & 0xFF);
        }
        return words;
    }

    record Case(String type, byte[] bytes, double expected) {
    }

    @Test
    void everyWideTypeInEveryOrderFromARealSlave() throws Exception {
        var uint64 = new BigDecimal("9223372036854788153"); // 2^63 + 12345: above Long.MAX_VALUE
        var cases = List.of(
                new Case("int32", ByteBuffer.allocate(4).putInt(-123456789).array(), -123456789),
                new Case("uint32", ByteBuffer.allocate(4).putInt((int) 4_000_000_000L).array(), 4_000_000_000.0),
                new Case("int64", ByteBuffer.allocate(8).putLong(-1234567890123456789L).array(),
                        (double) -1234567890123456789L),
                new Case("uint64", ByteBuffer.allocate(8).putLong(uint64.toBigInteger().longValue()).array(),
                        uint64.doubleValue()),
                new Case("float32", ByteBuffer.allocate(4).putFloat(1234.5f).array(), 1234.5),
                new Case("float64", ByteBuffer.allocate(8).putDouble(-98765.4321).array(), -98765.4321));
        var image = new SimpleProcessImage(3);
        for (int i = 0; i < 80; i++) {
            image.addRegister(new SimpleRegister(0));
        }
        var entries = new ArrayList<String>();
        var expected = new HashMap<String, Double>();
        int address = 0;
        for (var order : List.of("ABCD", "CDAB", "BADC", "DCBA")) {
            for (var c : cases) {
                var words = encode(c.bytes(), order);
                for (int w = 0; w < words.length; w++) {
                    image.getRegister(address + w).setValue(words[w]);
                }
                var meter = "m-" + c.type() + "-" + order;
                entries.add("meter=" + meter + ";quantity=REACTIVE_POWER;address=" + address + ";type=" + c.type()
                        + ";order=" + order);
                expected.put(meter, c.expected());
                address += words.length;
            }
        }
        assertEquals(72, address);
        int port = TestSupport.freePort();
        TestSupport.startSlave(port, 3, image);
        var props = new HashMap<String, Object>(Map.of("id", "orders", "host", "127.0.0.1", "port",
                String.valueOf(port), "unitId", "3", "registers", String.join(",", entries)));
        var ingest = new RecordingIngest();
        var device = ModbusDevice.create(DeviceConfigParser.parse(props), clock, () -> ingest, new RecordingAlarms());
        closeables.add(device::stop);
        assertEquals(1, device.plan().size(), "72 registers in one request");
        var outcome = (PollOutcome.Polled) device.pollOnce();
        assertTrue(outcome.complete(), outcome.failures().toString());
        assertEquals(1, device.requestsSent());
        assertEquals(24, outcome.readings().size());
        for (var r : outcome.readings()) {
            assertEquals(expected.get(r.meterId()), r.value(), 0.0, r.meterId());
        }
    }

    @Test
    void aDeviceIdInTwoFilesIsRefusedNamingBothPidsAndTheFirstKeepsReading() throws Exception {
        var image = new SimpleProcessImage(1);
        image.addRegister(new SimpleRegister(2301));
        int port = TestSupport.freePort();
        TestSupport.startSlave(port, 1, image);
        var driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, getClass().getClassLoader()));
        closeables.add(driver::close);
        var ingest = new RecordingIngest();
        var alarms = new RecordingAlarms();
        var first = driver.device(DeviceConfigParser.parse(props("org.gridprint.driver.modbus.a1", port)),
                () -> ingest, alarms);
        var second = driver.device(DeviceConfigParser.parse(props("org.gridprint.driver.modbus.b2", port)),
                () -> ingest, alarms);
        assertEquals(DeviceState.CONFIG_ERROR, second.health().state());
        var message = second.health().lastErrorMessage().orElseThrow();
        assertTrue(message.contains("org.gridprint.driver.modbus.b2") && message.contains("org.gridprint.driver.modbus.a1")
                && message.contains("id = \"panel-1\"") && message.contains("expected a device id unique across files"),
                message);
        assertEquals(1, alarms.of(AlarmKind.CONFIG_ERROR).size());
        assertTrue(second.pollOnce() instanceof PollOutcome.Skipped);
        assertTrue(((PollOutcome.Polled) first.pollOnce()).complete());
        assertEquals(1, ingest.size(), "only the first file's device reads");
        assertEquals(List.of(first), driver.devices());
    }

    @Test
    void aBridgeIdInTwoFilesIsRefusedNamingBothPids() {
        var driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, getClass().getClassLoader()));
        closeables.add(driver::close);
        var a = BridgeConfigParser.parse(new HashMap<>(Map.of("service.pid", "org.gridprint.driver.modbus.bridge.x1",
                "id", "gw", "host", "127.0.0.1")));
        var b = BridgeConfigParser.parse(new HashMap<>(Map.of("service.pid", "org.gridprint.driver.modbus.bridge.y2",
                "id", "gw", "host", "127.0.0.2")));
        assertNull(driver.bridges().define(a.settings()));
        var error = driver.bridges().define(b.settings());
        assertTrue(error.startsWith("org.gridprint.driver.modbus.bridge.y2") && error.contains(
                "already used by bridge configuration org.gridprint.driver.modbus.bridge.x1"), error);
        assertEquals("127.0.0.1", driver.bridges().bridge("gw").settings().host(), "the first keeps its settings");
    }

    private static Map<String, Object> props(String pid, int port) {
        return new HashMap<>(Map.of("service.pid", pid, "id", "panel-1", "host", "127.0.0.1", "port",
                String.valueOf(port), "registers", "meter=m;quantity=VOLTAGE;address=0;type=uint16;scale=0.1"));
    }
}
