package org.gridprint.driver.modbus;

/**
 * A read request that failed. {@link Kind#MODBUS_EXCEPTION} leaves the connection usable; the other
 * kinds mean the connection is closed and re-opened on the next attempt.
 */
public final class ReadFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer within the timeout. */
        TIMEOUT,
        /** Connection refused, unknown host, connection lost. */
        CONNECTION,
        /** The device answered with a Modbus exception response (illegal address, busy, ...). */
        MODBUS_EXCEPTION,
        /** Anything else (malformed answer, unexpected error). */
        OTHER
    }

    private final Kind kind;

    public ReadFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True if the connection is still usable for the next request of the same cycle. */
    public boolean connectionUsable() {
        return kind == Kind.MODBUS_EXCEPTION;
    }
}
