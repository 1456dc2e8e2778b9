package org.gridprint.driver.bacnet;

import com.serotonin.bacnet4j.exception.AbortAPDUException;
import com.serotonin.bacnet4j.exception.BACnetErrorException;
import com.serotonin.bacnet4j.exception.BACnetTimeoutException;
import com.serotonin.bacnet4j.exception.ErrorAPDUException;
import com.serotonin.bacnet4j.exception.RejectAPDUException;
import com.serotonin.bacnet4j.exception.ServiceTooBigException;
import com.serotonin.bacnet4j.type.enumerated.AbortReason;

/**
 * A failed BACnet request in the field's words: what was asked of which device and what came back (no answer, an
 * Error PDU with class and code, a Reject or Abort PDU with its reason, a message too big for the device). bacnet4j's
 * own text is never shown raw.
 */
public final class BacnetFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer within the APDU timeout and retries: the device is offline or unreachable. */
        TIMEOUT,
        /** An Error PDU (class and code). */
        ERROR,
        /** A Reject PDU. */
        REJECT,
        /** An Abort PDU. */
        ABORT,
        /** The message needs segmentation the device does not support, or more segments than it accepts. */
        TOO_BIG,
        /** The device is not known: no I-Am to a Who-Is. */
        NOT_FOUND,
        /** Anything else (a bug, the stack closing). */
        OTHER
    }

    private final Kind kind;

    public BacnetFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The device could not take or answer a request of this size: a smaller ReadPropertyMultiple may work. */
    public boolean tooLarge() {
        return kind == Kind.TOO_BIG || kind == Kind.REJECT || (kind == Kind.ABORT && getMessage().contains("segment"))
                || (kind == Kind.ABORT && (getMessage().contains("buffer-overflow") || getMessage().contains("apdu-too-long")));
    }

    /** The device did not answer: the rest of the cycle is skipped and the device backs off. */
    public boolean deviceDown() {
        return kind == Kind.TIMEOUT || kind == Kind.NOT_FOUND;
    }

    /** Key for error counts. */
    public String countKey() {
        return kind.name();
    }

    /** Translates what bacnet4j threw while doing {@code what} (e.g. "ReadPropertyMultiple of 50 properties"). */
    public static BacnetFailure of(Throwable e, String what, String device) {
        var prefix = what + " to " + device + ": ";
        if (e instanceof BacnetFailure f) {
            return f;
        }
        if (e instanceof BACnetTimeoutException) {
            return new BacnetFailure(Kind.TIMEOUT, prefix + "no answer (device offline or unreachable?)", e);
        }
        if (e instanceof ErrorAPDUException err) {
            var ec = err.getError();
            return new BacnetFailure(Kind.ERROR, prefix + "error " + ec.getErrorClass() + "/" + ec.getErrorCode(), e);
        }
        if (e instanceof BACnetErrorException err && err.getBacnetError() != null) {
            return new BacnetFailure(Kind.ERROR, prefix + "error " + err.getBacnetError(), e);
        }
        if (e instanceof RejectAPDUException rej) {
            return new BacnetFailure(Kind.REJECT, prefix + "rejected: " + rej.getApdu().getRejectReason(), e);
        }
        if (e instanceof AbortAPDUException ab) {
            var reason = ab.getApdu().getAbortReason();
            var kind = reason.equals(AbortReason.segmentationNotSupported) || reason.equals(AbortReason.bufferOverflow)
                    || reason.equals(AbortReason.apduTooLong) ? Kind.TOO_BIG : Kind.ABORT;
            return new BacnetFailure(kind, prefix + "aborted: " + reason, e);
        }
        if (e instanceof ServiceTooBigException) {
            return new BacnetFailure(Kind.TOO_BIG, prefix + "request too big for the device's maximum APDU length "
                    + "without segmentation", e);
        }
        var cause = e.getCause();
        if (cause != null && cause != e && !(e instanceof RuntimeException && cause instanceof RuntimeException)) {
            var inner = of(cause, what, device);
            if (inner.kind != Kind.OTHER) {
                return inner;
            }
        }
        return new BacnetFailure(Kind.OTHER, prefix + "failed (" + e.getClass().getSimpleName() + ")", e);
    }
}
