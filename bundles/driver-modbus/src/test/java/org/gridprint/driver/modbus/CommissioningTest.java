package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.net.ScriptedJ2modSlave;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * The commissioning service behind gridprint:modbus-read, modbus-scan, bridges and modbus-devices, against a real
 * j2mod TCP slave on loopback (units 1 and 5 hold register n = n, 4 and 9 answer exception 02, 2 and 3 are absent).
 * The shell's command classes are run against the same kind of peer in bundles/shell's ModbusCommandsTest.
 */
class CommissioningTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private ScriptedJ2modSlave peer;
    private ModbusDriver driver;

    @BeforeEach
    void open() throws Exception {
        peer = ScriptedJ2modSlave.start(ScriptedJ2modSlave.Framing.TCP, TestSupport.freePort());
        var image = new SimpleProcessImage(1);
        for (int i = 0; i < 0x4050; i++) {
            image.addRegister(new SimpleRegister(i));
            image.addInputRegister(new SimpleInputRegister(i));
        }
        for (int unit : new int[] {1, 4, 5, 9}) {
            peer.image(unit, image);
        }
        driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, getClass().getClassLoader()));
        var props = new HashMap<String, Object>(Map.of("id", "gw", "host", "127.0.0.1", "port",
                String.valueOf(peer.port()), "timeoutMillis", "150"));
        driver.bridges().define(BridgeConfigParser.parse(props).settings());
    }

    @AfterEach
    void close() throws Exception {
        driver.close();
        peer.close();
    }

    @Test
    void readDecodesLikeMbpoll() throws Exception {
        // the peer answers register n with the value n
        var values = driver.read("gw", 1, "holding", 0x4049, 1, "uint32", "ABCD");
        assertEquals(1, values.size());
        assertEquals("4049 404A", values.get(0).raw());
        assertEquals(String.valueOf(0x4049404AL), values.get(0).decoded());
        var floats = driver.read("gw", 1, "input", 0x4049, 2, "float32", "ABCD");
        assertEquals(2, floats.size());
        assertEquals(0x404B, floats.get(1).address());
        var bad = assertThrows(IllegalArgumentException.class, () -> driver.read("nope", 1, "holding", 0, 1, "uint16",
                "ABCD"));
        assertTrue(bad.getMessage().startsWith("bridge = \"nope\": no such bridge: expected one of gw"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> driver.read("gw", 248, "holding", 0, 1, "uint16", "ABCD"));
        assertThrows(IllegalArgumentException.class, () -> driver.read("gw", 1, "holding", 0, 126, "uint16", "ABCD"));
    }

    @Test
    void scanFindsTheUnitsThatAnswerIncludingWithAnException() throws Exception {
        peer.exceptions.put(4, 2);
        // a TCP gateway answers for a unit behind it that is absent with 0B (or 0A): not there
        peer.exceptions.put(6, 11);
        peer.exceptions.put(7, 10);
        peer.image(6, new SimpleProcessImage(6));
        peer.image(7, new SimpleProcessImage(7));
        var found = driver.scan("gw", 1, 7, "holding", 0);
        assertEquals(List.of("1: answers", "4: answers with exception 02 Illegal Data Address", "5: answers"), found);
        assertEquals(1, peer.requests(2), "one probe per unit");
    }

    @Test
    void statusListsBridgesDevicesAndLearnedBadRanges() throws Exception {
        peer.exceptions.put(9, 2);
        var props = new HashMap<String, Object>(Map.of("id", "m9", "bridge", "gw", "unitId", "9", "registers",
                "meter=m;quantity=VOLTAGE;address=0;type=uint16"));
        var ingest = new RecordingIngest();
        var device = driver.device(DeviceConfigParser.parse(props), () -> ingest, new RecordingAlarms());
        device.pollOnce();
        var bridges = driver.bridgeStatus();
        assertEquals(1, bridges.size());
        assertEquals(List.of("m9"), bridges.get(0).devices());
        assertEquals(1L, bridges.get(0).health().errorCounts().get("EXCEPTION_02"));
        var status = driver.deviceStatus().get(0);
        assertEquals("m9", status.id());
        assertEquals(1, status.badRanges().size());
        assertTrue(status.badRanges().get(0).contains("holding 0 uint16 (m VOLTAGE): exception 02"),
                status.badRanges().get(0));
        assertEquals(1, status.alarms().size());
    }
}
