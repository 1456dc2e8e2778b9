package org.gridprint.carbon.intensity;

/**
 * One configured grid-intensity provider (a service inside the carbon bundle, one per factory configuration). Also
 * registered when its configuration is bad, so the status shows why it does not serve.
 */
public interface IntensityProvider {

    ProviderConfig config();

    /** A provider for already parsed configuration (tests, tools). */
    static IntensityProvider of(ProviderConfig config) {
        return () -> config;
    }
}
