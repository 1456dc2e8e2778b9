package org.gridprint.driver.modbus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;

/**
 * Reads registers over Modbus TCP with j2mod's {@link ModbusTCPMaster}. Keeps one connection open between
 * polls; any I/O failure closes it and the next read reconnects. One attempt per request (no j2mod
 * retries): the next poll cycle is the retry.
 */
public final class J2modRegisterReader implements RegisterReader {

    private final String host;
    private final int port;
    private final int unitId;
    private final int timeoutMillis;
    // written by the poller, read by abort() from another thread
    private volatile ModbusTCPMaster master;

    public J2modRegisterReader(String host, int port, int unitId, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.unitId = unitId;
        this.timeoutMillis = timeoutMillis;
    }

    public static J2modRegisterReader of(DeviceSettings settings) {
        return new J2modRegisterReader(settings.host(), settings.port(), settings.unitId(),
                (int) settings.timeout().toMillis());
    }

    @Override
    public int[] read(RegisterFunction function, int start, int count) throws ReadFailure {
        var m = connect();
        InputRegister[] registers;
        try {
            registers = switch (function) {
                case HOLDING -> m.readMultipleRegisters(unitId, start, count);
                case INPUT -> m.readInputRegisters(unitId, start, count);
            };
        } catch (ModbusSlaveException e) {
            throw new ReadFailure(ReadFailure.Kind.MODBUS_EXCEPTION,
                    "Modbus exception response " + e.getType() + " (" + e.getMessage() + ")", e);
        } catch (Exception e) {
            close();
            throw classify(e);
        }
        if (registers == null || registers.length != count) {
            close();
            throw new ReadFailure(ReadFailure.Kind.OTHER, "expected " + count + " registers, got "
                    + (registers == null ? "none" : registers.length), null);
        }
        var words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = registers[i].toUnsignedShort();
        }
        return words;
    }

    private ModbusTCPMaster connect() throws ReadFailure {
        if (master != null && master.isConnected()) {
            return master;
        }
        close();
        try {
            var m = new ModbusTCPMaster(host, port, timeoutMillis, false);
            m.connect();
            m.setRetries(1);
            master = m;
            return m;
        } catch (Exception e) {
            throw classify(e);
        }
    }

    private ReadFailure classify(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer within " + timeoutMillis + " ms", e);
            }
            if (t instanceof ConnectException) {
                return new ReadFailure(ReadFailure.Kind.CONNECTION, "connection refused by " + host + ":" + port, e);
            }
            if (t instanceof UnknownHostException) {
                return new ReadFailure(ReadFailure.Kind.CONNECTION, "unknown host " + host, e);
            }
            if (t instanceof NoRouteToHostException) {
                return new ReadFailure(ReadFailure.Kind.CONNECTION, "no route to host " + host, e);
            }
        }
        var text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        var lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("timed out")) {
            return new ReadFailure(ReadFailure.Kind.TIMEOUT, "no answer within " + timeoutMillis + " ms", e);
        }
        if (lower.contains("premature end of stream") || lower.contains("connection reset")
                || lower.contains("broken pipe") || lower.contains("connection lost")) {
            return new ReadFailure(ReadFailure.Kind.CONNECTION, "connection closed by " + host + ":" + port, e);
        }
        var cause = e.getCause() != null && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : "";
        return new ReadFailure(ReadFailure.Kind.CONNECTION, text + cause, e);
    }

    /**
     * Closes the socket of a read in progress without j2mod's facade lock ({@code ModbusTCPMaster.disconnect()}
     * waits for the synchronized read to end, i.e. for the timeout); the blocked read then fails at once.
     */
    @Override
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

    @Override
    public void close() {
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
}
