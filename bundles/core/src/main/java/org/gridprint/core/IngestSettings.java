package org.gridprint.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The validated ingest settings (from {@code org.gridprint.ingest}, or {@link #defaults()} when wired by hand).
 *
 * @param maxFutureSkew      how far ahead of the clock a timestamp may be
 * @param maxBatchSize       largest accepted batch
 * @param negativePowerAlarm raise NEGATIVE_VALUE for negative ACTIVE_POWER
 */
public record IngestSettings(Duration maxFutureSkew, int maxBatchSize, boolean negativePowerAlarm) {

    public static final long DEFAULT_MAX_FUTURE_SKEW_SECONDS = 300;
    public static final int DEFAULT_MAX_BATCH_SIZE = 100_000;

    public IngestSettings {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException(IngestServiceImpl.PID + ": field 'maxFutureSkewSeconds' = "
                    + maxFutureSkew.toSeconds() + "; expected a number of seconds >= 0");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(IngestServiceImpl.PID + ": field 'maxBatchSize' = " + maxBatchSize
                    + "; expected a whole number >= 1");
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(Duration.ofSeconds(DEFAULT_MAX_FUTURE_SKEW_SECONDS), DEFAULT_MAX_BATCH_SIZE, true);
    }

    static IngestSettings from(IngestConfig config) {
        return new IngestSettings(Duration.ofSeconds(config.maxFutureSkewSeconds()), config.maxBatchSize(),
                config.negativePowerAlarm());
    }
}
