package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * Bridges against real peers on 127.0.0.1: j2mod's TCP, RTU-over-TCP and UDP slaves, and {@link ScriptedTcpPeer}
 * for what a j2mod slave cannot be made to send: frames whose byte count lies (malformed) or that carry fewer
 * registers than asked, and a peer that counts its connections and requests per unit. Exception codes 01..0B, the
 * wrong unit id and silence come from a real j2mod slave in {@link J2modSlaveExceptionsTest}.
 */
class BridgeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var c : closeables) {
            c.close();
        }
        ModbusSlaveFactory.close();
    }

    private Bridge bridge(String type, int port, int timeoutMillis) {
        var props = new HashMap<String, Object>(Map.of("id", "gw", "type", type, "host", "127.0.0.1", "port",
                String.valueOf(port), "timeoutMillis", String.valueOf(timeoutMillis)));
        var result = BridgeConfigParser.parse(props);
        assertTrue(result.valid(), result.errors().toString());
        var b = new Bridge("gw", clock);
        b.configure(result.settings());
        closeables.add(b);
        return b;
    }

    private ScriptedTcpPeer peer() throws Exception {
        var p = new ScriptedTcpPeer();
        closeables.add(p);
        return p;
    }

    @Test
    void malformedAndShortFramesAreTranslatedNotRawLibraryText() throws Exception {
        var peer = peer();
        var b = bridge("tcp", peer.port(), 500);
        peer.behaviour.put(2, ScriptedTcpPeer.Behaviour.SHORT);
        var shortAnswer = assertThrows(ReadFailure.class, () -> b.read(2, RegisterFunction.HOLDING, 0, 10));
        assertEquals(ReadFailure.Kind.BAD_RESPONSE, shortAnswer.kind());
        assertTrue(shortAnswer.getMessage().contains("answer with 9 registers instead of 10 for unit 2 holding "
                + "registers 0..9"), shortAnswer.getMessage());
        peer.behaviour.put(3, ScriptedTcpPeer.Behaviour.MALFORMED);
        var malformed = assertThrows(ReadFailure.class, () -> b.read(3, RegisterFunction.HOLDING, 0, 10));
        assertTrue(malformed.getMessage().contains("unit 3 holding registers 0..9 (10 registers) on bridge gw"),
                malformed.getMessage());
        assertFalse(malformed.getMessage().contains("out of bounds"), malformed.getMessage());
    }

    @Test
    void aDeadUnitNeverStallsTheOtherDevicesOfItsBridge() throws Exception {
        var peer = peer();
        peer.behaviour.put(3, ScriptedTcpPeer.Behaviour.SILENT);
        var driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, getClass().getClassLoader()));
        closeables.add(driver::close);
        var bridgeProps = new HashMap<String, Object>(Map.of("id", "gw-1", "host", "127.0.0.1", "port",
                String.valueOf(peer.port()), "timeoutMillis", "200"));
        driver.bridges().define(BridgeConfigParser.parse(bridgeProps).settings());
        var ingest = new RecordingIngest();
        var alarms = new RecordingAlarms();
        var devices = new ArrayList<ModbusDevice>();
        for (int unit = 1; unit <= 5; unit++) {
            var props = new HashMap<String, Object>(Map.of("id", "u" + unit, "bridge", "gw-1", "unitId",
                    String.valueOf(unit), "pollIntervalSeconds", "60", "maxBackoffSeconds", "480", "registers",
                    "meter=m" + unit + ";quantity=VOLTAGE;address=0;function=input;type=uint16,"
                            + "meter=m" + unit + ";quantity=CURRENT;address=8;function=input;type=uint16"));
            devices.add(driver.device(DeviceConfigParser.parse(props), () -> ingest, alarms));
        }
        int cycles = 12;
        for (int c = 0; c < cycles; c++) {
            for (var d : devices) {
                // each cycle runs on the bridge's thread, like the scheduler does
                var done = new java.util.concurrent.CompletableFuture<Void>();
                driver.bridges().bridge("gw-1").executor().execute(() -> {
                    d.pollOnce();
                    done.complete(null);
                });
                done.get(10, TimeUnit.SECONDS);
            }
            clock.advance(java.time.Duration.ofMinutes(1));
        }
        for (var d : devices) {
            if (d.id().equals("u3")) {
                assertEquals(DeviceState.ERROR, d.health().state());
                assertTrue(d.health().lastErrorMessage().orElseThrow().contains("no answer within 200 ms"),
                        d.health().lastErrorMessage().orElseThrow());
            } else {
                assertEquals(DeviceState.ONLINE, d.health().state(), d.id());
                assertEquals(cycles, d.requestsSent(), d.id() + ": one request per cycle, every cycle");
            }
        }
        // back-off 1, 2, 4, 8 cycles: the dead unit was asked 4 times in 12 cycles, never twice in one cycle
        assertTrue(peer.requests(3) <= 4, "requests to the dead unit: " + peer.requests(3));
        assertEquals(1, alarms.of(AlarmKind.DEVICE_ERROR).size());
        assertEquals(cycles * 4, ingest.size());
    }

    @Test
    void devicesNamingTheSameHostAndPortShareOneConnection() throws Exception {
        var peer = peer();
        var driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, getClass().getClassLoader()));
        closeables.add(driver::close);
        var ingest = new RecordingIngest();
        for (int unit = 1; unit <= 30; unit++) {
            var props = new HashMap<String, Object>(Map.of("id", "u" + unit, "host", "127.0.0.1", "port",
                    String.valueOf(peer.port()), "unitId", String.valueOf(unit), "registers",
                    "meter=m" + unit + ";quantity=VOLTAGE;address=0;type=uint16"));
            var d = driver.device(DeviceConfigParser.parse(props), () -> ingest, new RecordingAlarms());
            assertTrue(((PollOutcome.Polled) d.pollOnce()).complete());
        }
        assertEquals(1, driver.bridges().all().size(), "one implicit bridge tcp:127.0.0.1:" + peer.port());
        assertEquals(1, peer.connections(), "30 unit ids behind one gateway: one connection");
        assertEquals(30, ingest.size());
    }

    @Test
    void udpAndRtuOverTcpAgainstJ2modSlaves() throws Exception {
        var image = new SimpleProcessImage(9);
        for (int i = 0; i < 10; i++) {
            image.addRegister(new SimpleRegister(1000 + i));
        }
        int udpPort;
        try (var probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udpPort = probe.getLocalPort();
        }
        var udp = ModbusSlaveFactory.createUDPSlave(InetAddress.getLoopbackAddress(), udpPort);
        udp.addProcessImage(9, image);
        udp.open();
        var udpBridge = bridge("udp", udpPort, 1000);
        int[] words = null;
        for (int attempt = 0; attempt < 20 && words == null; attempt++) {
            try {
                words = udpBridge.read(9, RegisterFunction.HOLDING, 2, 3);
            } catch (ReadFailure notListeningYet) {
                Thread.sleep(50);
            }
        }
        assertEquals(List.of(1002, 1003, 1004), List.of(words[0], words[1], words[2]));
        // over UDP too: an absent register is exception 02 from the j2mod slave, named in the field's words
        var udpBad = assertThrows(ReadFailure.class, () -> udpBridge.read(9, RegisterFunction.HOLDING, 8, 4));
        assertEquals(2, udpBad.exceptionCode());
        assertTrue(udpBad.getMessage().contains("unit 9 holding registers 8..11 (4 registers) on bridge gw"),
                udpBad.getMessage());

        int rtuTcpPort = TestSupport.freePort();
        var rtuTcp = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), rtuTcpPort, 2, true);
        rtuTcp.addProcessImage(9, image);
        rtuTcp.open();
        TestSupport.awaitListening(rtuTcpPort);
        var rtuBridge = bridge("rtu-tcp", rtuTcpPort, 1000);
        var rtuWords = rtuBridge.read(9, RegisterFunction.HOLDING, 5, 2);
        assertEquals(List.of(1005, 1006), List.of(rtuWords[0], rtuWords[1]));
        // the bridge's last success is its last good transaction, not the time it connected
        clock.advance(java.time.Duration.ofSeconds(42));
        rtuBridge.read(9, RegisterFunction.HOLDING, 5, 2);
        assertEquals(clock.instant(), rtuBridge.health().lastSuccess().orElseThrow());
        // an absent register is exception 02 over RTU framing too
        var f = assertThrows(ReadFailure.class, () -> rtuBridge.read(9, RegisterFunction.HOLDING, 9, 4));
        assertEquals(2, f.exceptionCode());
    }

    @Test
    void aRefusedConnectBacksOffAndSendsNothingMeanwhile() throws Exception {
        int port = TestSupport.freePort();
        var alarms = new RecordingAlarms();
        var props = new HashMap<String, Object>(Map.of("id", "gw", "host", "127.0.0.1", "port", String.valueOf(port),
                "timeoutMillis", "300"));
        var b = new Bridge("gw", clock, alarms);
        b.configure(BridgeConfigParser.parse(props).settings());
        closeables.add(b);
        var first = assertThrows(ReadFailure.class, () -> b.read(1, RegisterFunction.HOLDING, 0, 1));
        assertEquals(ReadFailure.Kind.CONNECTION, first.kind());
        assertTrue(first.getMessage().contains("connection refused by 127.0.0.1:" + port), first.getMessage());
        var second = assertThrows(ReadFailure.class, () -> b.read(2, RegisterFunction.HOLDING, 0, 1));
        assertEquals(ReadFailure.Kind.BRIDGE_DOWN, second.kind());
        assertTrue(second.getMessage().contains("next connect attempt in 1000 ms"), second.getMessage());
        clock.advance(java.time.Duration.ofMillis(1000));
        var third = assertThrows(ReadFailure.class, () -> b.read(2, RegisterFunction.HOLDING, 0, 1));
        assertEquals(ReadFailure.Kind.CONNECTION, third.kind());
        var fourth = assertThrows(ReadFailure.class, () -> b.read(2, RegisterFunction.HOLDING, 0, 1));
        assertTrue(fourth.getMessage().contains("next connect attempt in 2000 ms"), fourth.getMessage());
        // one alarm for the whole outage, cleared when a connect succeeds
        assertEquals(1, alarms.alarms.size());
        assertTrue(alarms.alarms.get(0).message().startsWith("Modbus bridge gw (tcp 127.0.0.1:" + port
                + ") cannot connect: connection refused"), alarms.alarms.get(0).message());
        try (var peer = new ScriptedTcpPeer()) {
            var movedProps = new HashMap<>(props);
            movedProps.put("port", String.valueOf(peer.port()));
            b.configure(BridgeConfigParser.parse(movedProps).settings());
            assertEquals(7, b.read(1, RegisterFunction.HOLDING, 7, 1)[0]);
        }
        assertEquals(1, alarms.cleared.size());
    }

    @Test
    void anOutageLogsOneLineWhenItStartsAndOneWhenItEnds() throws Exception {
        int port = TestSupport.freePort();
        var props = new HashMap<String, Object>(Map.of("id", "gw", "host", "127.0.0.1", "port", String.valueOf(port),
                "timeoutMillis", "300"));
        var b = new Bridge("gw", clock, new RecordingAlarms());
        b.configure(BridgeConfigParser.parse(props).settings());
        closeables.add(b);
        var peer = new ScriptedTcpPeer();
        closeables.add(peer);
        var log = TestSupport.stderrOf(() -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                assertThrows(ReadFailure.class, () -> b.read(1, RegisterFunction.HOLDING, 0, 1));
                clock.advance(java.time.Duration.ofMinutes(2));
            }
            var moved = new HashMap<>(props);
            moved.put("port", String.valueOf(peer.port()));
            // the same bridge object, re-pointed: a successful connect ends the outage
            b.configure(BridgeConfigParser.parse(moved).settings());
            try {
                assertEquals(3, b.read(1, RegisterFunction.HOLDING, 3, 1)[0]);
            } catch (ReadFailure f) {
                throw new AssertionError(f);
            }
        });
        var lines = log.lines().filter(l -> l.contains("modbus-bridge/gw") || l.contains("Modbus bridge")).toList();
        assertEquals(2, lines.size(), log);
        assertTrue(lines.get(0).contains("WARN") && lines.get(0).contains("cannot connect"), lines.get(0));
        assertTrue(lines.get(1).contains("INFO") && lines.get(1).contains("cleared after"), lines.get(1));
    }
}
