package org.gridprint.driver.modbus;

/**
 * A read request that failed, in the field's words (never raw library text): what happened, on which bridge, unit
 * and register range. {@link Kind#MODBUS_EXCEPTION} carries the exception code.
 */
public final class ReadFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer within the timeout. */
        TIMEOUT,
        /** Connection refused, unknown host, connection lost, serial port missing. */
        CONNECTION,
        /** The bridge is backing off after failed connects; no request was sent. */
        BRIDGE_DOWN,
        /** The device referenced a bridge that is not configured. */
        NOT_CONFIGURED,
        /** The device answered with a Modbus exception response ({@link #exceptionCode()}). */
        MODBUS_EXCEPTION,
        /** An answer that does not match the request: wrong unit id, function, length, malformed frame, CRC. */
        BAD_RESPONSE,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;
    private final int exceptionCode;

    public ReadFailure(Kind kind, String message, Throwable cause) {
        this(kind, 0, message, cause);
    }

    public ReadFailure(Kind kind, int exceptionCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exceptionCode = exceptionCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The Modbus exception code (1..255) for {@link Kind#MODBUS_EXCEPTION}, else 0. */
    public int exceptionCode() {
        return exceptionCode;
    }

    /** True if the connection is still usable for the next request of the same cycle. */
    public boolean connectionUsable() {
        return kind == Kind.MODBUS_EXCEPTION;
    }

    /** Exception 02 or 03: some register of the request does not exist; splitting the request finds which. */
    public boolean badAddress() {
        return kind == Kind.MODBUS_EXCEPTION && (exceptionCode == 2 || exceptionCode == 3);
    }

    /**
     * The device as a whole is not answering (timeout, link down, gateway exceptions 0A/0B, garbage answers): the
     * rest of its cycle is skipped and the device backs off, so it never delays the other devices of its bridge.
     */
    public boolean deviceDown() {
        return switch (kind) {
            case TIMEOUT, CONNECTION, BRIDGE_DOWN, NOT_CONFIGURED, BAD_RESPONSE, OTHER -> true;
            case MODBUS_EXCEPTION -> exceptionCode == 10 || exceptionCode == 11;
        };
    }

    /** A short key for error counts: TIMEOUT, EXCEPTION_02, BAD_RESPONSE ... */
    public String countKey() {
        return kind == Kind.MODBUS_EXCEPTION ? String.format("EXCEPTION_%02X", exceptionCode) : kind.name();
    }
}
