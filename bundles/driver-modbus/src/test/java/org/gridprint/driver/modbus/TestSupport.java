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

/** Test helpers: a controllable clock, a recording IngestService and alarm sink, a loopback j2mod slave. */
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

    static final class RecordingAlarms implements AlarmSink {
        final List<Alarm> alarms = new ArrayList<>();

        @Override
        public synchronized void raise(AlarmKind kind, String deviceId, String message, List<String> meterIds) {
            alarms.add(new Alarm(kind, deviceId, message, List.copyOf(meterIds)));
        }
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
