package org.gridprint.api.carbon;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Carbon-aware scheduling: the lowest-carbon start for a load within a horizon, from the site's stored forecast.
 *
 * @since 1.2.0
 */
@ProviderType
public interface WhatIfService {

    /**
     * @param signal       what the answer used: MARGINAL where the provider offers it, else AVERAGE (named)
     * @param provider     whose forecast
     * @param bestStart    the lowest-carbon start
     * @param gramsAtBest  CO2e of the load starting at {@code bestStart}
     * @param gramsNow     CO2e starting now
     * @param gramsSaved   {@code gramsNow - gramsAtBest}
     */
    record Answer(String siteId, IntensitySignal signal, String provider, Instant now, Instant bestStart,
            BigDecimal gramsAtBest, BigDecimal gramsNow, BigDecimal gramsSaved, String basis) {
    }

    /**
     * @throws IllegalArgumentException bad load/duration/horizon, or no forecast covering the horizon (names what)
     */
    Answer whatIf(String siteId, BigDecimal loadKw, Duration duration, Duration within, Instant now);
}
