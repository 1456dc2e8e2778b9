package org.gridprint.carbon.intensity;

/** A started {@link ProviderServer} for field initialisers. */
final class UkCarbonIntensityClientTestSupport {

    private UkCarbonIntensityClientTestSupport() {
    }

    static ProviderServer server() {
        try {
            return new ProviderServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
