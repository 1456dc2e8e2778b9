package org.gridprint.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Grid-intensity values as providers published them. Idempotent on (provider, region, signal, start, forecast,
 * issuedAt): the same point again stores nothing. A value that prices a window is also registered as a factor
 * version in the {@link RecordRegister} (which is ledgered); this table is the providers' record and the source of
 * forecasts for the what-if.
 *
 * @since 1.2.0
 */
@ProviderType
public interface IntensityStore {

    /** Stores the points not held yet; returns how many were new. */
    int storeIntensity(List<IntensityPoint> points);

    /**
     * The best value per start in {@code [from, to)} (by start): an actual before any forecast, then the most
     * recently issued. {@code provider} null means every provider (then one value per provider and start).
     */
    List<IntensityPoint> intensity(String provider, String region, IntensitySignal signal, Instant from, Instant to);

    /** The forecast values for starts in {@code [from, to)}, the most recently issued per start. */
    List<IntensityPoint> forecast(String provider, String region, IntensitySignal signal, Instant from, Instant to);

    /** The latest value (greatest start) held for a provider and region, actual or forecast. */
    Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal);
}
