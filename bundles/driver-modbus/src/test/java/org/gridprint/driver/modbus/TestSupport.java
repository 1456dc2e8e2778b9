package org.gridprint.driver.modbus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;

/** Test helpers: a recording IngestService and alarm sink, fake readers, a loopback j2mod slave. */
final class TestSupport {

    private TestSupport() {
    }

    record Batch(String source, List<Reading> readings) {
    }

    static final class RecordingIngest implements IngestService {
        final List<Batch> batches = new ArrayList<>();

        @Override
        public synchronized IngestResult submit(String source, List<Reading> batch) {
            batches.add(new Batch(source, List.copyOf(batch)));
            return new IngestResult(List.of(), Optional.empty());
        }

        synchronized int size() {
            return batches.size();
        }

        synchronized Batch last() {
            return batches.get(batches.size() - 1);
        }
    }

    record Alarm(AlarmKind kind, String deviceId, String message, List<String> meterIds) {
    }

    /** Alarms that started ({@code alarms}) and that cleared ({@code cleared}). */
    static final class RecordingAlarms implements AlarmSink {
        final List<Alarm> alarms = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Alarm> cleared = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void publish(org.gridprint.api.Alarm a) {
            var alarm = new Alarm(a.kind(), a.deviceId().orElse(null), a.message(), a.meterIds());
            if ("CLEARED".equals(a.details().get(org.gridprint.api.EventKeys.ALARM_STATE))) {
                cleared.add(alarm);
            } else {
                alarms.add(alarm);
            }
        }

        List<Alarm> of(AlarmKind kind) {
            return alarms.stream().filter(x -> x.kind() == kind).toList();
        }
    }

    /** Runs {@code action} and returns what it logged (slf4j-simple writes to the current System.err). */
    static synchronized String stderrOf(Runnable action) {
        var original = System.err;
        var buffer = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        var text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    /** A device for logic tests: the given register reader, props on top of id d1 / host 127.0.0.1. */
    static ModbusDevice device(java.time.Clock clock, IngestService ingest, AlarmSink alarms, RegisterReader reader,
            Object... keyValues) {
        var props = new java.util.HashMap<String, Object>();
        props.put("id", "d1");
        props.put("host", "127.0.0.1");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        var parsed = DeviceConfigParser.parse(props);
        if (parsed instanceof ParsedConfig.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        return new ModbusDevice(parsed, clock, () -> ingest, alarms, s -> reader);
    }

    /** A register reader for logic tests: answers each read with {@code answer}. */
    @FunctionalInterface
    interface FakeReader extends RegisterReader {
        @Override
        default void close() {
        }
    }

    /**
     * A TCP peer on 127.0.0.1 that accepts connections and reads requests but never answers: a device that
     * is reachable yet silent. {@link #awaitRequest} waits (bounded) until a request byte has arrived.
     */
    static final class SilentPeer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.CountDownLatch requestSeen = new java.util.concurrent.CountDownLatch(1);

        SilentPeer() throws IOException {
            var acceptor = new Thread(() -> {
                try {
                    while (true) {
                        var s = server.accept();
                        accepted.add(s);
                        if (s.getInputStream().read() >= 0) {
                            requestSeen.countDown(); // the request is on the wire; never answer it
                        }
                    }
                } catch (IOException closed) {
                    // peer closed: test over
                }
            }, "silent-peer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean awaitRequest() throws InterruptedException {
            return requestSeen.await(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (var s : accepted) {
                s.close();
            }
        }
    }

    /** Waits (bounded) until something accepts TCP connections on 127.0.0.1:port. */
    static void awaitListening(int port) throws Exception {
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

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a j2mod TCP slave on 127.0.0.1 and waits (bounded) until it accepts connections. */
    static ModbusSlave startSlave(int port, int unitId, ProcessImage image) throws Exception {
        var slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(unitId, image);
        slave.open();
        for (int i = 0; i < 200; i++) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return slave;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        ModbusSlaveFactory.close(slave);
        throw new IllegalStateException("slave on port " + port + " did not start: " + slave.getError());
    }
}
