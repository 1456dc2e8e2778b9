package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.carbon.IntensityPoint;

/** Fetches one provider's values (recent actuals and, where offered, forecasts). Called by one thread at a time. */
public interface IntensityClient {

    /**
     * The provider's values around {@code now} for {@code region} (already resolved from the configuration or the
     * site location).
     */
    List<IntensityPoint> fetch(Instant now, String region) throws ProviderException;
}
