package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** The running state of one bound provider: its client, last outcome, back-off and next poll. */
final class ProviderState {

    final IntensityProvider source;
    final ProviderConfig config;
    final IntensityClient client;
    volatile Instant lastSuccess;
    volatile String lastError;
    volatile Instant nextPoll;
    volatile boolean closed;
    /** The text of an unexpected poll failure already logged at ERROR (logged again only when it changes). */
    volatile String unexpectedLogged;
    int failures;
    volatile ScheduledFuture<?> future;

    ProviderState(IntensityProvider source, ProviderConfig config, IntensityClient client) {
        this.source = source;
        this.config = config;
        this.client = client;
    }

    ProviderSettings settings() {
        return config instanceof ProviderConfig.Valid v ? v.settings() : null;
    }
}
