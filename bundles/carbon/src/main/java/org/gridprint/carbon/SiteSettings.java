package org.gridprint.carbon;

import java.time.ZoneId;
import java.util.Objects;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.Scope;

/**
 * A validated site configuration.
 *
 * @param locationFactor grams CO2e per kWh, location-based Scope 2
 */
public record SiteSettings(String id, String name, ZoneId timeZone, double locationFactor, String factorSource,
        String factorEdition, String gwpSet, String region) {

    /** The unit of every factor this bundle provides and accepts. */
    public static final String FACTOR_UNIT = "g CO2e/kWh";

    public SiteSettings {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(factorSource, "factorSource");
        Objects.requireNonNull(factorEdition, "factorEdition");
        Objects.requireNonNull(gwpSet, "gwpSet");
        region = region == null ? "" : region;
    }

    /** The site's location-based Scope 2 factor. */
    public EmissionFactor locationBasedFactor() {
        return new EmissionFactor(locationFactor, FACTOR_UNIT, factorSource, factorEdition, gwpSet, region,
                Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
    }
}
