package org.gridprint.core;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The validated ingest settings (from {@code org.gridprint.ingest}, or {@link #defaults()} when wired by hand).
 *
 * @param maxFutureSkew      how far ahead of the clock a timestamp may be (0 .. {@link #MAX_FUTURE_SKEW_SECONDS} s)
 * @param maxBatchSize       largest accepted batch
 * @param negativePowerAlarm raise NEGATIVE_VALUE for negative ACTIVE_POWER
 * @param earliestTimestamp  a reading stamped before this instant is invalid
 */
public record IngestSettings(Duration maxFutureSkew, int maxBatchSize, boolean negativePowerAlarm,
        Instant earliestTimestamp) {

    public static final long DEFAULT_MAX_FUTURE_SKEW_SECONDS = 300;
    /** Upper bound of {@code maxFutureSkewSeconds}: 10 years (keeps "now + skew" far from overflowing). */
    public static final long MAX_FUTURE_SKEW_SECONDS = 10L * 366 * 24 * 3600;
    public static final int DEFAULT_MAX_BATCH_SIZE = 100_000;
    public static final String DEFAULT_EARLIEST_TIMESTAMP = "2000-01-01T00:00:00Z";

    public IngestSettings {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(earliestTimestamp, "earliestTimestamp");
        if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(Duration.ofSeconds(MAX_FUTURE_SKEW_SECONDS)) > 0) {
            throw new IllegalArgumentException(IngestServiceImpl.PID + ": field 'maxFutureSkewSeconds' = "
                    + maxFutureSkew.toSeconds() + "; expected a number of seconds >= 0 and <= "
                    + MAX_FUTURE_SKEW_SECONDS + " (10 years)");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(IngestServiceImpl.PID + ": field 'maxBatchSize' = " + maxBatchSize
                    + "; expected a whole number >= 1");
        }
    }

    /** With the default {@code earliestTimestamp}. */
    public IngestSettings(Duration maxFutureSkew, int maxBatchSize, boolean negativePowerAlarm) {
        this(maxFutureSkew, maxBatchSize, negativePowerAlarm, Instant.parse(DEFAULT_EARLIEST_TIMESTAMP));
    }

    public static IngestSettings defaults() {
        return new IngestSettings(Duration.ofSeconds(DEFAULT_MAX_FUTURE_SKEW_SECONDS), DEFAULT_MAX_BATCH_SIZE, true);
    }

    static IngestSettings from(IngestConfig config) {
        return new IngestSettings(Duration.ofSeconds(config.maxFutureSkewSeconds()), config.maxBatchSize(),
                config.negativePowerAlarm(), earliest(config.earliestTimestamp()));
    }

    private static Instant earliest(String text) {
        try {
            return Instant.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(IngestServiceImpl.PID + ": field 'earliestTimestamp' = '" + text
                    + "'; expected an ISO-8601 UTC instant such as " + DEFAULT_EARLIEST_TIMESTAMP);
        }
    }
}
