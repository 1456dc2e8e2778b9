package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.device.DeviceState;
import org.gridprint.driver.modbus.TestSupport.RecordingAlarms;
import org.gridprint.driver.modbus.TestSupport.RecordingIngest;
import org.gridprint.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.ghgande.j2mod.modbus.net.ScriptedJ2modSlave;
import com.ghgande.j2mod.modbus.net.ScriptedJ2modSlave.Framing;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * Every exception code, a wrong unit id and a silent unit from a real j2mod slave ({@link ScriptedJ2modSlave}:
 * j2mod's TCP, RTU-over-TCP and UDP listeners and message classes) on 127.0.0.1, and what the driver makes of them:
 * the error in the field's words, splitting on 02 and 03 with request counts, other exceptions losing only their
 * request, gateway exceptions 0A/0B backing the device off without delaying its bridge neighbours.
 */
class J2modSlaveExceptionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private static SimpleProcessImage image(int unit, int registers) {
        var image = new SimpleProcessImage(unit);
        for (int i = 0; i < registers; i++) {
            image.addRegister(new SimpleRegister(1000 * unit + i));
        }
        return image;
    }

    private ScriptedJ2modSlave slave(Framing framing) throws Exception {
        int port;
        if (framing == Framing.UDP) {
            try (var probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        } else {
            port = TestSupport.freePort();
        }
        var slave = ScriptedJ2modSlave.start(framing, port);
        closeables.add(slave);
        for (int unit : new int[] {1, 5, 7}) {
            slave.image(unit, image(unit, 40));
        }
        return slave;
    }

    private static int port(ScriptedJ2modSlave slave) {
        return slave.port();
    }

    private static String type(Framing framing) {
        return switch (framing) {
            case TCP -> "tcp";
            case RTU_OVER_TCP -> "rtu-tcp";
            case UDP -> "udp";
            case RTU_SERIAL -> throw new IllegalArgumentException("serial: RtuSerialTest");
        };
    }

    private Map<String, Object> bridgeProps(Framing framing, ScriptedJ2modSlave slave, int timeoutMillis) {
        return new HashMap<>(Map.of("id", "gw", "type", type(framing), "host", "127.0.0.1", "port",
                String.valueOf(port(slave)), "timeoutMillis", String.valueOf(timeoutMillis)));
    }

    private Bridge bridge(Framing framing, ScriptedJ2modSlave slave) throws Exception {
        var parsed = BridgeConfigParser.parse(bridgeProps(framing, slave, 400));
        assertTrue(parsed.valid(), parsed.errors().toString());
        var b = new Bridge("gw", clock);
        b.configure(parsed.settings());
        closeables.add(b);
        // UDP: the first datagram may race the listener's socket; bounded
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                b.read(1, RegisterFunction.HOLDING, 0, 1);
                break;
            } catch (ReadFailure notYet) {
                Thread.sleep(50);
            }
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(value = Framing.class, names = {"TCP", "RTU_OVER_TCP", "UDP"})
    void everyExceptionWrongUnitAndSilenceInTheFieldsWords(Framing framing) throws Exception {
        var slave = slave(framing);
        var b = bridge(framing, slave);
        int before = slave.requests(7);
        for (int code : new int[] {1, 2, 3, 4, 10, 11}) {
            slave.exceptions.put(7, code);
            var f = assertThrows(ReadFailure.class, () -> b.read(7, RegisterFunction.HOLDING, 100, 4));
            assertEquals(ReadFailure.Kind.MODBUS_EXCEPTION, f.kind(), f.getMessage());
            assertEquals(code, f.exceptionCode());
            assertTrue(f.getMessage().startsWith("exception " + ModbusText.exception(code) + " from unit 7 holding "
                    + "registers 100..103 (4 registers) on bridge gw"), f.getMessage());
            assertEquals(code == 2 || code == 3, f.badAddress());
            assertEquals(code == 10 || code == 11, f.deviceDown());
            // the bridge stays usable: the next unit reads at once
            assertEquals(List.of(1002, 1003), words(b.read(1, RegisterFunction.HOLDING, 2, 2)));
        }
        assertEquals(before + 6, slave.requests(7), "each exception was one request, never retried");
        slave.exceptions.remove(7);

        slave.answerAsUnit.put(5, 6);
        var wrong = assertThrows(ReadFailure.class, () -> b.read(5, RegisterFunction.HOLDING, 0, 2));
        assertEquals(ReadFailure.Kind.BAD_RESPONSE, wrong.kind(), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("answer from unit 6 instead of unit 5 for unit 5 holding registers 0..1"),
                wrong.getMessage());
        assertEquals(List.of(1010, 1011), words(b.read(1, RegisterFunction.HOLDING, 10, 2)));

        // unit 9 has no process image: j2mod does not answer
        var silent = assertThrows(ReadFailure.class, () -> b.read(9, RegisterFunction.HOLDING, 0, 2));
        assertEquals(ReadFailure.Kind.TIMEOUT, silent.kind(), silent.getMessage());
        assertTrue(silent.getMessage().startsWith("no answer within 400 ms: unit 9 holding registers 0..1"),
                silent.getMessage());
        assertEquals(List.of(7000, 7001), words(b.read(7, RegisterFunction.HOLDING, 0, 2)));
        assertTrue(b.health().errorCounts().get("EXCEPTION_0B") == 1L, b.health().errorCounts().toString());
    }

    private static List<Integer> words(int[] w) {
        var list = new ArrayList<Integer>();
        for (int x : w) {
            list.add(x);
        }
        return list;
    }

    private ModbusDriver driver(Framing framing, ScriptedJ2modSlave slave) {
        var driver = new ModbusDriver(clock);
        driver.open(new ProfileLoader(null, getClass().getClassLoader()));
        closeables.add(driver::close);
        driver.bridges().define(BridgeConfigParser.parse(bridgeProps(framing, slave, 400)).settings());
        return driver;
    }

    private static ModbusDevice device(ModbusDriver driver, String id, int unit, String registers,
            RecordingIngest ingest, RecordingAlarms alarms) {
        var props = new HashMap<String, Object>(Map.of("id", id, "bridge", "gw", "unitId", String.valueOf(unit),
                "pollIntervalSeconds", "60", "maxBackoffSeconds", "480", "registers", registers));
        return driver.device(DeviceConfigParser.parse(props), () -> ingest, alarms);
    }

    private static final String POINTS = String.join(",",
            "meter=m;quantity=VOLTAGE;address=0;type=uint16",
            "meter=m;quantity=CURRENT;address=6;type=uint16",
            "meter=m;quantity=FREQUENCY;address=14;type=uint16",
            "meter=m;quantity=POWER_FACTOR;address=22;type=uint16",
            "meter=m;quantity=REACTIVE_POWER;address=30;type=uint16");

    @ParameterizedTest
    @EnumSource(value = Framing.class, names = {"TCP", "UDP"})
    void exception03SplitsTheRequestLikeO2WithRequestCounts(Framing framing) throws Exception {
        var slave = slave(framing);
        slave.exceptionAt(7, 30, 3);
        var driver = driver(framing, slave);
        bridge(framing, slave).close(); // the listener is up (UDP)
        var ingest = new RecordingIngest();
        var alarms = new RecordingAlarms();
        var d = device(driver, "u7", 7, POINTS, ingest, alarms);
        assertEquals(1, d.plan().size(), "holding 0..30 in one request");
        var outcome = (PollOutcome.Polled) d.pollOnce();
        assertTrue(outcome.complete(), outcome.failures().toString());
        assertEquals(4, outcome.readings().size(), "every neighbour of the bad register is read");
        // 0..30 (03); 0..15 ok; 16..30 (03); 16..23 ok; 24..30 (03); 24..27?: the planner's halves, counted below
        long first = d.requestsSent();
        assertEquals(first, slave.requests(7), "the driver's count is what the slave received");
        assertEquals(1, d.badPoints().size());
        assertEquals(3, d.badPoints().get(0).exceptionCode());
        assertEquals(30, d.badPoints().get(0).entry().address());
        assertTrue(d.badPoints().get(0).describe().contains("exception 03 Illegal Data Value"),
                d.badPoints().get(0).describe());
        // next cycle: the bad register is left out, one request
        clock.advance(Duration.ofMinutes(1));
        var second = (PollOutcome.Polled) d.pollOnce();
        assertEquals(4, second.readings().size());
        assertEquals(first + 1, slave.requests(7));
        assertEquals(1, alarms.of(AlarmKind.DEVICE_ERROR).size());
        // the register comes back: the re-probe (every 20 cycles) finds it and the alarm clears
        slave.exceptionsAt.clear();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            d.pollOnce();
        }
        assertEquals(0, d.badPoints().size());
        assertEquals(1, alarms.cleared.size());
        clock.advance(Duration.ofMinutes(1));
        long beforeLast = slave.requests(7);
        var back = (PollOutcome.Polled) d.pollOnce();
        assertEquals(5, back.readings().size());
        assertEquals(beforeLast + 1, slave.requests(7), "merged again: one request");
    }

    @ParameterizedTest
    @EnumSource(value = Framing.class, names = {"TCP", "UDP"})
    void exception04LosesOnlyItsRequestAndGatewayExceptionsBackOffWithoutDelayingTheBridge(Framing framing)
            throws Exception {
        var slave = slave(framing);
        var driver = driver(framing, slave);
        bridge(framing, slave).close();
        int warmUp = slave.requests(1);
        var ingest = new RecordingIngest();
        var alarms = new RecordingAlarms();
        // unit 1: two requests (holding 0 and holding 30 are further apart than maxGap); 30 answers 04
        slave.exceptionAt(1, 30, 4);
        var u1 = device(driver, "u1", 1, "meter=m1;quantity=VOLTAGE;address=0;type=uint16,"
                + "meter=m1;quantity=CURRENT;address=30;type=uint16", ingest, alarms);
        // unit 5 answers 0B (the gateway's target does not respond), unit 7 reads
        slave.exceptions.put(5, 11);
        var u5 = device(driver, "u5", 5, POINTS, ingest, alarms);
        var u7 = device(driver, "u7", 7, POINTS, ingest, alarms);
        int cycles = 12;
        for (int c = 0; c < cycles; c++) {
            for (var d : List.of(u1, u5, u7)) {
                var done = new CompletableFuture<Void>();
                driver.bridges().bridge("gw").executor().execute(() -> {
                    d.pollOnce();
                    done.complete(null);
                });
                done.get(10, TimeUnit.SECONDS);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(warmUp + 2 * cycles, slave.requests(1), "04 is not learned: both requests every cycle");
        assertEquals(0, u1.badPoints().size());
        assertEquals(cycles, slave.requests(7), "the neighbour is read every cycle");
        assertTrue(slave.requests(5) <= 4, "0B backs off 1, 2, 4, 8 cycles: " + slave.requests(5));
        assertEquals(DeviceState.ERROR, u5.health().state());
        assertTrue(u5.health().lastErrorMessage().orElseThrow().contains("exception 0B Gateway Target Device Failed "
                + "to Respond from unit 5"), u5.health().lastErrorMessage().orElseThrow());
        long u1Readings = ingest.batches.stream().filter(b -> b.source().equals("modbus/u1"))
                .mapToLong(b -> b.readings().size()).sum();
        assertEquals(cycles, u1Readings, "the voltage of unit 1 every cycle, the current (04) never");
        long u7Batches = ingest.batches.stream().filter(b -> b.source().equals("modbus/u7")).count();
        assertEquals(cycles, u7Batches);
    }
}
