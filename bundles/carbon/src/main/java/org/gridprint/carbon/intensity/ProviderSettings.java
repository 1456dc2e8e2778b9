package org.gridprint.carbon.intensity;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.gridprint.api.carbon.IntensitySignal;

/**
 * One validated provider configuration (one factory configuration of {@link ProviderKind#pid()}).
 *
 * @param pid         the configuration's PID (for messages)
 * @param id          the provider instance id: stored values are keyed by it
 * @param site        the site it serves
 * @param rank        1 = first choice; ties are ordered by id
 * @param region      region/zone code; empty: taken from the site location
 * @param signal      AVERAGE (may price windows) or MARGINAL (what-if only)
 * @param pollSeconds poll period, 300..3600
 * @param timeout     connect and request timeout
 * @param baseUrl     the API's base URL (no trailing slash)
 * @param lookback    how far back each poll asks for actual values
 * @param resolution  length of one value (zero for static)
 * @param gwpSet      GWP set the provider's CO2e stands for, as the operator states it ({@code as published})
 * @param forecast    also fetch forecasts
 * @param details     the kind's own fields
 */
public record ProviderSettings(String pid, ProviderKind kind, String id, String site, int rank, String region,
        IntensitySignal signal, int pollSeconds, Duration timeout, URI baseUrl, Duration lookback, Duration resolution,
        String gwpSet, boolean forecast, KindSettings details) {

    public ProviderSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        region = region == null ? "" : region;
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(details, "details");
    }
}
