package org.gridprint.api.carbon;

import java.time.Instant;
import java.util.Optional;

/**
 * One intensity provider of a site, in rank order: its last success and last error (never a secret).
 *
 * @since 1.2.0
 */
public record ProviderStatus(String siteId, int rank, String provider, String kind, String region,
        IntensitySignal signal, Optional<Instant> lastSuccess, Optional<String> lastError,
        Optional<IntensityPoint> latest, Optional<Instant> nextPoll) {
}
