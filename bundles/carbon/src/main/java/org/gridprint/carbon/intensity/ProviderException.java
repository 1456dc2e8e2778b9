package org.gridprint.carbon.intensity;

import java.time.Duration;
import java.util.Optional;

/**
 * A poll that failed, with a message for the operator that never holds a secret, and whether the provider asked to
 * wait ({@code Retry-After}).
 */
public final class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong; decides the alarm kind (CONFIG_ERROR for {@link #CONFIG}, else PROVIDER_UNAVAILABLE). */
    public enum Cause {
        /** No answer in time, connection refused, 5xx. */
        UNAVAILABLE,
        /** 429: too many requests. */
        RATE_LIMITED,
        /** 401/403: the key or login is refused. */
        AUTH,
        /** An answer that is not the documented shape. */
        MALFORMED,
        /** A local problem: a file provider's file, a missing region. */
        CONFIG
    }

    private final Cause cause;
    private final transient Optional<Duration> retryAfter;

    public ProviderException(Cause cause, String message) {
        this(cause, message, Optional.empty());
    }

    public ProviderException(Cause cause, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.cause = cause;
        this.retryAfter = retryAfter;
    }

    public Cause kind() {
        return cause;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
