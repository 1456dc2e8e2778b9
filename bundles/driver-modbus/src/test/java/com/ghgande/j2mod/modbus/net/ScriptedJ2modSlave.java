package com.ghgande.j2mod.modbus.net;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * A real j2mod 3.2.1 slave (j2mod's own {@link ModbusTCPListener} — plain MBAP or RTU framing over TCP —,
 * {@link ModbusUDPListener} or {@link ModbusSerialListener} (RTU on a serial port), with j2mod's transports, request parsing, response and {@code ExceptionResponse} classes
 * on the wire) that can be told, per unit id, to answer with <b>any</b> exception code or with another unit id.
 * <p>
 * Why the dispatch is overridden: j2mod's slave produces exception 02 only, and only through its process image
 * ({@code ReadMultipleRegistersRequest.createResponse} and its siblings catch {@code IllegalAddressException} and
 * nothing else: checked in the 3.2.1 bytecode), so no {@link ProcessImage} or register implementation can make it
 * answer 01, 03, 04, 0A or 0B. The listener's {@code handleRequest} is package-private, hence this class lives in
 * j2mod's package (test classpath only, never in the bundle) and overrides it: it reads the request with j2mod's
 * transport, answers {@code request.createExceptionResponse(code)} for a scripted unit and
 * {@code request.createResponse(listener)} (the process image) otherwise, exactly as j2mod's own
 * {@code handleRequest} does; a unit without a process image gets no answer (an absent unit behind a gateway: a
 * timeout; j2mod's own TCP slave would answer it with 02).
 * Malformed frames (a byte count that lies) cannot be built from j2mod's message classes: the scripted TCP peer of
 * the driver's tests produces those.
 */
public final class ScriptedJ2modSlave implements AutoCloseable {

    public enum Framing { TCP, RTU_OVER_TCP, UDP, RTU_SERIAL }

    /** unit id -> exception code to answer instead of data. */
    public final Map<Integer, Integer> exceptions = new ConcurrentHashMap<>();
    /** unit id -> (register or bit address -> exception code) for any request covering that address. */
    public final Map<Integer, Map<Integer, Integer>> exceptionsAt = new ConcurrentHashMap<>();
    /** unit id -> the unit id written into the answer (a wrong unit id). */
    public final Map<Integer, Integer> answerAsUnit = new ConcurrentHashMap<>();
    private final Map<Integer, ProcessImage> images = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AbstractModbusListener listener;
    private final Thread thread;

    private ScriptedJ2modSlave(Framing framing, int port, SerialParameters serial) {
        this.listener = switch (framing) {
            case UDP -> new Udp(this);
            case RTU_SERIAL -> new Serial(this, serial);
            default -> new Tcp(this, framing == Framing.RTU_OVER_TCP);
        };
        if (framing != Framing.RTU_SERIAL) {
            listener.setAddress(InetAddress.getLoopbackAddress());
            listener.setPort(port);
        }
        listener.setTimeout(3000);
        thread = new Thread(listener, "scripted-j2mod-slave-" + framing);
        thread.setDaemon(true);
    }

    /** Starts the listener on 127.0.0.1:port and waits (bounded) until j2mod says it listens. */
    public static ScriptedJ2modSlave start(Framing framing, int port) throws InterruptedException {
        return start(new ScriptedJ2modSlave(framing, port, null), "port " + port);
    }

    /** Starts j2mod's RTU serial listener on a serial port (e.g. one end of a socat pty pair). */
    public static ScriptedJ2modSlave startSerial(SerialParameters serial) throws InterruptedException {
        return start(new ScriptedJ2modSlave(Framing.RTU_SERIAL, 0, serial), serial.getPortName());
    }

    private static ScriptedJ2modSlave start(ScriptedJ2modSlave slave, String where) throws InterruptedException {
        slave.thread.start();
        for (int i = 0; i < 200 && !slave.listener.isListening(); i++) {
            if (slave.listener.getError() != null) {
                break;
            }
            Thread.sleep(25);
        }
        if (!slave.listener.isListening()) {
            slave.close();
            throw new IllegalStateException("j2mod listener on " + where + " did not start: "
                    + slave.listener.getError());
        }
        return slave;
    }

    public ScriptedJ2modSlave image(int unitId, ProcessImage image) {
        images.put(unitId, image);
        return this;
    }

    public int port() {
        return listener.getPort();
    }

    /** Requests received for a unit so far. */
    public int requests(int unitId) {
        var n = requests.get(unitId);
        return n == null ? 0 : n.get();
    }

    void handle(AbstractModbusTransport transport, AbstractModbusListener l) throws ModbusIOException {
        var request = transport.readRequest(l);
        if (request == null) {
            throw new ModbusIOException("no request");
        }
        int unit = request.getUnitID();
        requests.computeIfAbsent(unit, k -> new AtomicInteger()).incrementAndGet();
        ModbusResponse response;
        var code = exceptions.get(unit);
        var at = exceptionsAt.get(unit);
        if (code == null && at != null) {
            int[] range = range(request);
            for (var e : at.entrySet()) {
                if (e.getKey() >= range[0] && e.getKey() < range[0] + range[1]) {
                    code = e.getValue();
                }
            }
        }
        if (code != null) {
            response = request.createExceptionResponse(code);
        } else if (images.get(unit) == null) {
            return; // an absent unit: no answer
        } else {
            response = request.createResponse(l);
        }
        var as = answerAsUnit.get(unit);
        if (as != null) {
            response.setUnitID(as);
        }
        transport.writeResponse(response);
    }

    /** A register exception at one address of one unit. */
    public ScriptedJ2modSlave exceptionAt(int unitId, int address, int code) {
        exceptionsAt.computeIfAbsent(unitId, k -> new ConcurrentHashMap<>()).put(address, code);
        return this;
    }

    private static int[] range(ModbusRequest request) {
        if (request instanceof ReadMultipleRegistersRequest r) {
            return new int[] {r.getReference(), r.getWordCount()};
        }
        if (request instanceof ReadInputRegistersRequest r) {
            return new int[] {r.getReference(), r.getWordCount()};
        }
        if (request instanceof ReadCoilsRequest r) {
            return new int[] {r.getReference(), r.getBitCount()};
        }
        if (request instanceof ReadInputDiscretesRequest r) {
            return new int[] {r.getReference(), r.getBitCount()};
        }
        return new int[] {0, 0};
    }

    @Override
    public void close() {
        listener.stop();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Tcp extends ModbusTCPListener {
        private final ScriptedJ2modSlave slave;

        Tcp(ScriptedJ2modSlave slave, boolean rtu) {
            super(4, rtu);
            this.slave = slave;
        }

        @Override
        void handleRequest(AbstractModbusTransport transport, AbstractModbusListener l) throws ModbusIOException {
            slave.handle(transport, l);
        }

        @Override
        public ProcessImage getProcessImage(int unitId) {
            return slave.images.get(unitId);
        }
    }

    private static final class Serial extends ModbusSerialListener {
        private final ScriptedJ2modSlave slave;

        Serial(ScriptedJ2modSlave slave, SerialParameters params) {
            super(params);
            this.slave = slave;
        }

        @Override
        void handleRequest(AbstractModbusTransport transport, AbstractModbusListener l) throws ModbusIOException {
            slave.handle(transport, l);
        }

        @Override
        public ProcessImage getProcessImage(int unitId) {
            return slave.images.get(unitId);
        }
    }

    private static final class Udp extends ModbusUDPListener {
        private final ScriptedJ2modSlave slave;

        Udp(ScriptedJ2modSlave slave) {
            this.slave = slave;
        }

        @Override
        void handleRequest(AbstractModbusTransport transport, AbstractModbusListener l) throws ModbusIOException {
            slave.handle(transport, l);
        }

        @Override
        public ProcessImage getProcessImage(int unitId) {
            return slave.images.get(unitId);
        }
    }
}
