package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.driver.modbus.BridgeConfigParser;
import org.gridprint.driver.modbus.DeviceConfigParser;
import org.gridprint.driver.modbus.ModbusDriver;
import org.gridprint.driver.modbus.ProfileLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * The commissioning commands (gridprint:modbus-read, modbus-scan, bridges, modbus-devices) as the console runs them:
 * the command classes against the real Modbus driver and a j2mod TCP slave on 127.0.0.1 (unit 1 has registers, unit 4
 * none; j2mod 3.2.1's TCP slave answers exception 02 for every register it lacks and for every unit id it has no
 * process image for, so over TCP every unit "answers").
 */
class ModbusCommandsTest {

    private ModbusDriver driver;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        var image = new SimpleProcessImage(1);
        for (int i = 0; i < 16; i++) {
            image.addRegister(new SimpleRegister(0));
            image.addInputRegister(new SimpleInputRegister(0));
        }
        // holding 0..1: float32 230.5 (0x43668000) ABCD; 4..7: uint64 1234567890123 CDAB (low word first)
        image.getRegister(0).setValue(0x4366);
        image.getRegister(1).setValue(0x8000);
        long big = 1234567890123L;
        for (int w = 0; w < 4; w++) {
            image.getRegister(4 + w).setValue((int) (big >>> (16 * w)) & 0xFFFF);
        }
        var slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(1, image);
        slave.addProcessImage(4, new SimpleProcessImage(4));
        slave.open();
        awaitListening(port);
        driver = new ModbusDriver(Clock.systemUTC());
        driver.open(new ProfileLoader(null, ModbusDriver.class.getClassLoader()));
        driver.bridges().define(BridgeConfigParser.parse(new HashMap<>(Map.of("id", "gw", "host", "127.0.0.1", "port",
                String.valueOf(port), "timeoutMillis", "150"))).settings());
    }

    @AfterEach
    void stop() {
        driver.close();
        ModbusSlaveFactory.close();
    }

    private static void awaitListening(int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port);
    }

    private Session session() {
        var out = new PrintStream(console, true, StandardCharsets.UTF_8);
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getConsole") ? out : null);
    }

    private String output() {
        var text = console.toString(StandardCharsets.UTF_8);
        console.reset();
        return text;
    }

    @Test
    void modbusReadDecodesFloatAndUint64InEveryOrderTheOperatorNames() throws Exception {
        var read = new ModbusReadCommand();
        read.modbus = driver;
        read.session = session();
        read.bridge = "gw";
        read.unit = 1;
        read.address = 0;
        read.type = "float32";
        read.noFormat = true;
        read.execute();
        var text = output();
        assertTrue(text.contains("4366 8000") && text.contains("230.5"), text);

        read.address = 4;
        read.type = "uint64";
        read.order = "CDAB";
        read.execute();
        text = output();
        assertTrue(text.contains("1234567890123"), text);

        read.unit = 248;
        read.execute();
        text = output();
        assertTrue(text.startsWith("modbus-read: unit = 248: expected 1..247"), text);

        read.unit = 4;
        read.execute();
        text = output();
        assertTrue(text.startsWith("modbus-read failed: exception 02 Illegal Data Address from unit 4 holding "
                + "registers 4..7"), text);
    }

    @Test
    void modbusScanListsTheUnitsThatAnswerIncludingWithAnException() throws Exception {
        var scan = new ModbusScanCommand();
        scan.modbus = driver;
        scan.session = session();
        scan.bridge = "gw";
        scan.from = 1;
        scan.to = 5;
        scan.execute();
        var lines = output().lines().toList();
        assertEquals(List.of("units 1..5 on bridge gw: 5 answer", "1: answers",
                "2: answers with exception 02 Illegal Data Address", "3: answers with exception 02 Illegal Data Address",
                "4: answers with exception 02 Illegal Data Address", "5: answers with exception 02 Illegal Data Address"),
                lines);
        scan.to = 300;
        scan.execute();
        assertTrue(output().startsWith("modbus-scan: unit = 300: expected 1..247"));
    }

    @Test
    void bridgesAndModbusDevicesShowTheDeviceAndItsLearnedBadRange() throws Exception {
        var props = new HashMap<String, Object>(Map.of("id", "m1", "bridge", "gw", "unitId", "1", "registers",
                "meter=hq/m1;quantity=VOLTAGE;address=0;type=float32,"
                        + "meter=hq/m1;quantity=CURRENT;address=20;type=uint16"));
        IngestService ingest = (source, batch) -> new IngestResult(List.of(), java.util.Optional.empty());
        var device = driver.device(DeviceConfigParser.parse(props), () -> ingest, alarm -> { });
        device.pollOnce();

        var bridges = new BridgesCommand();
        bridges.modbus = driver;
        bridges.session = session();
        bridges.noFormat = true;
        bridges.execute();
        var text = output();
        assertTrue(text.contains("gw") && text.contains("m1"), text);

        var devices = new ModbusDevicesCommand();
        devices.modbus = driver;
        devices.session = session();
        devices.deviceId = "m1";
        devices.execute();
        text = output();
        assertTrue(text.contains("Device:        m1 (unit 1 on bridge gw)"), text);
        assertTrue(text.contains("holding 20 uint16 (hq/m1 CURRENT): exception 02"), text);
        devices.deviceId = null;
        devices.noFormat = true;
        devices.execute();
        text = output();
        assertTrue(text.contains("m1") && text.contains("gw"), text);
    }
}
