package org.gridprint.carbon.intensity;

import java.nio.file.Path;
import java.util.Map;

/** Base of the per-kind DS components: parses the configuration once at activation (a change re-creates it). */
abstract class ProviderComponent implements IntensityProvider {

    private volatile ProviderConfig config;

    protected void configure(ProviderKind kind, Map<String, ?> properties) {
        var etc = System.getProperty("karaf.etc");
        config = ProviderConfigParser.parse(kind, properties, etc == null ? null : Path.of(etc));
    }

    @Override
    public ProviderConfig config() {
        return config;
    }
}
