package org.gridprint.driver.modbus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.gridprint.api.device.DeviceState;
import org.gridprint.api.driver.HealthSnapshot;
import org.gridprint.driver.toolkit.Backoff;
import org.gridprint.driver.toolkit.WindowedHealthTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.facade.ModbusUDPMaster;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * One transport endpoint (TCP, serial RTU, RTU over TCP, UDP) shared by many devices (unit ids). Runs ONE
 * transaction at a time (a lock, and one thread of its own for the devices' poll cycles), keeps the configured
 * silence between transactions, reconnects with capped exponential back-off (requests in the back-off window fail
 * at once with {@link ReadFailure.Kind#BRIDGE_DOWN}, sending nothing), and checks every answer: unit id, function
 * code and length must match the request, or the answer is an error, never a value. j2mod's own text is translated
 * into the field's words (exception code and name, register range, unit, bridge).
 * <p>
 * A bridge object lives as long as its id is referenced; its settings come and go with its configuration
 * ({@link #configure}, {@link #unconfigure}), so devices keep their reference across reconfigurations.
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final String id;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ReentrantLock transaction = new ReentrantLock();
    private final WindowedHealthTracker health;
    // guarded by transaction
    private volatile BridgeSettings settings;
    private volatile AbstractModbusMaster master;
    private Backoff reconnect = new Backoff(1000, 60_000);
    private long lastFrameEndNanos;
    private String lastConnectError;
    private boolean down;

    private final org.gridprint.driver.toolkit.EventAlarmConditions alarms;

    public Bridge(String id, Clock clock) {
        this(id, clock, AlarmSink.NONE);
    }

    /** @param alarmSink where the bridge's own alarm (connects failing) goes, one when it starts, one when it clears */
    public Bridge(String id, Clock clock, AlarmSink alarmSink) {
        this.id = id;
        this.clock = clock;
        this.alarms = new org.gridprint.driver.toolkit.EventAlarmConditions("modbus-bridge/" + id, null, clock,
                alarmSink::publish);
        this.health = new WindowedHealthTracker(id, clock);
        this.executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            var t = new Thread(r, "gridprint-modbus-bridge-" + id);
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        health.state(DeviceState.STARTING, null);
    }

    public String id() {
        return id;
    }

    /** The settings, or null while no configuration names this bridge. */
    public BridgeSettings settings() {
        return settings;
    }

    /** e.g. {@code gw-1 (tcp 10.0.0.5:502)}, or {@code gw-1 (not configured)}. */
    public String describe() {
        var s = settings;
        return s == null ? id + " (not configured)" : s.describe();
    }

    /** The bridge's own thread: device poll cycles run here, one after the other. */
    public Executor executor() {
        return executor;
    }

    /** Sets or replaces the settings; an open connection is closed and re-opened with them on the next request. */
    public void configure(BridgeSettings newSettings) {
        transaction.lock();
        try {
            closeMaster();
            settings = newSettings;
            reconnect = new Backoff(newSettings.reconnectMin().toMillis(), newSettings.reconnectMax().toMillis());
            down = false;
            health.state(DeviceState.STARTING, null);
        } finally {
            transaction.unlock();
        }
    }

    /** The configuration was removed: requests fail with NOT_CONFIGURED until it comes back. */
    public void unconfigure() {
        alarms.clearAllExcept("", java.util.Set.of());
        abort();
        transaction.lock();
        try {
            closeMaster();
            settings = null;
            health.state(DeviceState.DISABLED, "bridge " + id + " is not configured");
        } finally {
            transaction.unlock();
        }
    }

    public HealthSnapshot health() {
        return health.snapshot();
    }

    /**
     * Runs {@code work} on the bridge's thread (after the poll cycles queued before it) and waits at most
     * {@code timeoutMillis} for it: for console commands.
     */
    public <T> T call(Callable<T> work, long timeoutMillis) throws Exception {
        var future = executor.submit(work);
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ReadFailure(ReadFailure.Kind.TIMEOUT, "bridge " + id + " busy: no result within " + timeoutMillis
                    + " ms", e);
        }
    }

    /**
     * Reads {@code count} registers (or bits, one int 0/1 each) of {@code function} from {@code start} at unit
     * {@code unitId}. One transaction at a time per bridge; safe from any thread.
     */
    public int[] read(int unitId, RegisterFunction function, int start, int count) throws ReadFailure {
        var what = "unit " + unitId + " " + ModbusText.range(function, start, count) + " on bridge " + id;
        transaction.lock();
        try {
            var s = settings;
            if (s == null) {
                throw count(new ReadFailure(ReadFailure.Kind.NOT_CONFIGURED, "bridge " + id + " is not configured (no "
                        + BridgeConfigParser.FACTORY_PID + " configuration with id = " + id + ")", null));
            }
            var m = connect(s);
            pace(s);
            try {
                var request = request(function, start, count);
                request.setUnitID(unitId);
                var tx = m.getTransport().createTransaction();
                tx.setRequest(request);
                tx.setRetries(1);
                // j2mod's own unit/function check (UDP, serial) throws "Unit ID mismatch - Request [..] Response
                // [..]": raw text; check() below makes the same checks in the field's words. TCP transactions keep
                // it: there it only advances the transaction id that recognises a stale answer
                tx.setCheckingValidity(tx instanceof ModbusTCPTransaction);
                if (tx instanceof ModbusSerialTransaction serial) {
                    serial.setTransDelayMS(0);
                }
                tx.execute();
                var words = check(s, unitId, function, start, count, tx.getResponse(), what);
                health.requestSucceeded();
                health.cycleSucceeded(clock.instant()); // the bridge's last success: its last good transaction
                return words;
            } catch (ModbusSlaveException e) {
                throw count(new ReadFailure(ReadFailure.Kind.MODBUS_EXCEPTION, e.getType(), "exception "
                        + ModbusText.exception(e.getType()) + " from " + what, e));
            } catch (ReadFailure f) {
                closeAfterFailure(s);
                throw count(f);
            } catch (Exception | LinkageError e) {
                closeAfterFailure(s);
                throw count(classify(s, e, what));
            } finally {
                lastFrameEndNanos = System.nanoTime();
            }
        } finally {
            transaction.unlock();
        }
    }

    private ReadFailure count(ReadFailure f) {
        if (f.kind() != ReadFailure.Kind.BRIDGE_DOWN && f.kind() != ReadFailure.Kind.NOT_CONFIGURED) {
            health.requestFailed(f.countKey(), f.getMessage());
        }
        return f;
    }

    private static ModbusRequest request(RegisterFunction function, int start, int count) {
        return switch (function) {
            case COIL -> new ReadCoilsRequest(start, count);
            case DISCRETE_INPUT -> new ReadInputDiscretesRequest(start, count);
            case HOLDING -> new ReadMultipleRegistersRequest(start, count);
            case INPUT -> new ReadInputRegistersRequest(start, count);
        };
    }

    /** Unit id, function and length of the answer must match the request; returns the words (or bits). */
    private static int[] check(BridgeSettings s, int unitId, RegisterFunction function, int start, int count,
            ModbusResponse response, String what) throws ReadFailure {
        if (response == null) {
            // j2mod's UDP transport returns no response (no exception) when nothing came within the timeout
            throw new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer within " + s.timeout().toMillis() + " ms: "
                    + what, null);
        }
        if (response.getUnitID() != unitId) {
            throw new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer from unit " + response.getUnitID()
                    + " instead of unit " + unitId + " for " + what + " (wrong unit id: not used)", null);
        }
        if (response.getFunctionCode() != function.code()) {
            throw new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer with function " + response.getFunctionCode()
                    + " instead of " + function.code() + " for " + what + " (not used)", null);
        }
        var words = new int[count];
        int got;
        switch (function) {
            case HOLDING -> {
                var r = (ReadMultipleRegistersResponse) response;
                got = r.getWordCount();
                for (int i = 0; i < Math.min(got, count); i++) {
                    words[i] = r.getRegisterValue(i) & 0xFFFF;
                }
            }
            case INPUT -> {
                var r = (ReadInputRegistersResponse) response;
                got = r.getWordCount();
                for (int i = 0; i < Math.min(got, count); i++) {
                    words[i] = r.getRegisterValue(i) & 0xFFFF;
                }
            }
            case COIL -> {
                var r = (ReadCoilsResponse) response;
                got = (r.getBitCount() + 7) / 8 == (count + 7) / 8 ? count : r.getBitCount();
                for (int i = 0; i < Math.min(got, count); i++) {
                    words[i] = r.getCoilStatus(i) ? 1 : 0;
                }
            }
            case DISCRETE_INPUT -> {
                var r = (ReadInputDiscretesResponse) response;
                got = (r.getBitCount() + 7) / 8 == (count + 7) / 8 ? count : r.getBitCount();
                for (int i = 0; i < Math.min(got, count); i++) {
                    words[i] = r.getDiscreteStatus(i) ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException();
        }
        if (got != count) {
            throw new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer with " + got + " " + function.unitName()
                    + "s instead of " + count + " for " + what + " (not used)", null);
        }
        return words;
    }

    /** Keeps the configured silence since the end of the last transaction. */
    private void pace(BridgeSettings s) {
        long gap = s.interFrameDelay().toNanos();
        if (gap <= 0 || lastFrameEndNanos == 0) {
            return;
        }
        long wait = lastFrameEndNanos + gap - System.nanoTime();
        // bounded: at most the configured gap
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            wait = lastFrameEndNanos + gap - System.nanoTime();
        }
    }

    private AbstractModbusMaster connect(BridgeSettings s) throws ReadFailure {
        var m = master;
        if (m != null && m.isConnected()) {
            return m;
        }
        closeMaster();
        long now = clock.millis();
        if (!reconnect.ready(now)) {
            throw new ReadFailure(ReadFailure.Kind.BRIDGE_DOWN, "bridge " + s.describe() + " is down (" + lastConnectError
                    + "); next connect attempt in " + (reconnect.waitUntil() - now) + " ms", null);
        }
        try {
            m = switch (s.type()) {
                case TCP -> new ModbusTCPMaster(s.host(), s.port(), timeout(s), false, false);
                case RTU_TCP -> new ModbusTCPMaster(s.host(), s.port(), timeout(s), false, true);
                case UDP -> new ModbusUDPMaster(s.host(), s.port(), timeout(s));
                case RTU -> new ModbusSerialMaster(serial(s), timeout(s));
            };
            m.connect();
            m.setRetries(1);
            master = m;
            // the alarm's CLEARED line is the one log line for the end of an outage
            reconnect.succeeded();
            down = false;
            alarms.clear("connect");
            health.cycleSucceeded(clock.instant());
            return m;
        } catch (Exception | LinkageError e) {
            var f = classify(s, e, "connect to bridge " + id);
            long wait = reconnect.failed(now);
            lastConnectError = f.getMessage();
            health.requestFailed("CONNECT", f.getMessage());
            health.cycleFailed(clock.instant(), f.getMessage());
            down = true;
            // one alarm (and its one WARN line) for the whole outage; repeats are only counted
            alarms.raise("connect", org.gridprint.api.AlarmKind.DEVICE_ERROR, "Modbus bridge " + s.describe()
                    + " cannot connect: " + f.getMessage() + "; every device on it is down until it does (retrying "
                    + "with back-off: next in " + wait + " ms, at most every " + s.reconnectMax().toMillis() + " ms)",
                    java.util.List.of());
            throw f;
        }
    }

    private static int timeout(BridgeSettings s) {
        return (int) s.timeout().toMillis();
    }

    private static SerialParameters serial(BridgeSettings s) {
        var p = new SerialParameters();
        p.setPortName(s.serialPort());
        p.setBaudRate(s.baudRate());
        p.setDatabits(s.dataBits());
        p.setParity(s.parity().name().toLowerCase(Locale.ROOT));
        p.setStopbits(String.valueOf(s.stopBits()));
        p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        p.setEcho(false);
        return p;
    }

    /** After a timeout or garbage the stream may hold a late answer: TCP/UDP reconnect; a serial line stays open. */
    private void closeAfterFailure(BridgeSettings s) {
        if (!s.type().serial()) {
            closeMaster();
        }
    }

    /** j2mod's and the JDK's exceptions in the field's words. */
    static ReadFailure classify(BridgeSettings s, Throwable e, String what) {
        var endpoint = s.type().serial() ? s.serialPort() : s.host() + ":" + s.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer within " + s.timeout().toMillis()
                        + " ms: " + what, e);
            }
            if (t instanceof ConnectException) {
                return new ReadFailure(ReadFailure.Kind.CONNECTION, "connection refused by " + endpoint + ": " + what,
                        e);
            }
            if (t instanceof UnknownHostException) {
                return new ReadFailure(ReadFailure.Kind.CONNECTION, "unknown host " + s.host() + ": " + what, e);
            }
            if (t instanceof NoRouteToHostException) {
                return new ReadFailure(ReadFailure.Kind.CONNECTION, "no route to host " + s.host() + ": " + what, e);
            }
        }
        var text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        var name = e.getClass().getName();
        if (name.contains("SerialPortInvalidPortException") || text.contains("cannot be opened")
                || text.contains("could not open port") || text.contains("not valid")) {
            return new ReadFailure(ReadFailure.Kind.CONNECTION, "serial port " + s.serialPort()
                    + " cannot be opened (missing, in use by another program, or settings refused): " + what, e);
        }
        if (text.contains("timed out") || text.contains("timeout") || text.contains("cannot read from serial port")
                || text.contains("failed to read response")) {
            if (text.contains("crc")) {
                return new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer with a CRC error: " + what, e);
            }
            return new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer within " + s.timeout().toMillis() + " ms: "
                    + what, e);
        }
        if (text.contains("crc")) {
            return new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer with a CRC error: " + what, e);
        }
        if (text.contains("unit id mismatch")) {
            return new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer from another unit (wrong unit id: not used): "
                    + what, e);
        }
        if (text.contains("function code mismatch")) {
            return new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "answer with another function code (not used): "
                    + what, e);
        }
        if (text.contains("premature end of stream") || text.contains("connection reset") || text.contains("broken pipe")
                || text.contains("connection lost") || text.contains("socket closed") || text.contains("not connected")
                || e instanceof IOException) {
            return new ReadFailure(ReadFailure.Kind.CONNECTION, "connection to " + endpoint + " lost: " + what, e);
        }
        // anything else is a frame j2mod could not make sense of (e.g. "Range [6, 6 + -8531) out of bounds")
        return new ReadFailure(ReadFailure.Kind.BAD_RESPONSE, "malformed answer (" + e.getClass().getSimpleName()
                + "): " + what, e);
    }

    /**
     * From another thread: closes the socket of a transaction in progress without waiting for j2mod's locks, so a
     * blocked read fails at once. Must not block.
     */
    public void abort() {
        var m = master;
        if (m == null) {
            return;
        }
        try {
            var transport = m.getTransport();
            if (transport != null) {
                transport.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // already closed or never opened: nothing to unblock
        }
    }

    private void closeMaster() {
        var m = master;
        master = null;
        if (m != null) {
            try {
                m.disconnect();
            } catch (RuntimeException ignored) {
                // closing a broken connection: nothing more to do
            }
        }
    }

    /** Closes the connection and ends the bridge's thread (queued cycles are dropped, a running one ends). */
    @Override
    public void close() {
        executor.shutdown();
        abort();
        transaction.lock();
        try {
            closeMaster();
        } finally {
            transaction.unlock();
        }
    }

    /** For tests and commands: true while a connection is open. */
    public boolean connected() {
        var m = master;
        return m != null && m.isConnected();
    }

    ExecutorService executorService() {
        return executor;
    }
}
