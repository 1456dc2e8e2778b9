package org.gridprint.carbon;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One site: its time zone and its static location-based Scope 2 factor. Factory PID
 * {@value StaticSiteFactorProvider#PID}, one configuration per site ({@code etc/org.gridprint.carbon.site-<name>.cfg}).
 * The component reads the raw properties and validates them itself (see {@link SiteConfigParser}), so a wrong
 * value gets an error that names the PID, the field, the value and what is expected.
 */
@ObjectClassDefinition(id = StaticSiteFactorProvider.PID, name = "Gridprint Site",
        description = "A site with its time zone and a static location-based Scope 2 emission factor.")
public @interface SiteConfig {

    @AttributeDefinition(name = "Site id", description = "The id meters name in their siteId, e.g. 'hq'.")
    String id();

    @AttributeDefinition(name = "Name", description = "Human-readable name; defaults to the id.", required = false)
    String name() default "";

    @AttributeDefinition(name = "Time zone", description = "IANA zone id (Europe/Berlin, America/New_York) or UTC;"
            + " reporting periods are cut in it.")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "Location-based factor", description = "Grid average emission rate in g CO2e/kWh,"
            + " a decimal number >= 0 with '.' as separator (eGRID lb/MWh x 0.45359237 = g/kWh).")
    double locationFactor();

    @AttributeDefinition(name = "Factor source", description = "Who published the factor and where,"
            + " e.g. 'US EPA eGRID2022 Summary Tables, Table 1, subregion RFCE, CO2e output rate'.")
    String factorSource();

    @AttributeDefinition(name = "Factor edition", description = "Edition and revision, e.g. 'eGRID2022 (2024-01-30)'.")
    String factorEdition();

    @AttributeDefinition(name = "GWP set", description = "IPCC assessment report behind the CO2e: AR4, AR5 or AR6.")
    String gwpSet() default "AR4";

    @AttributeDefinition(name = "Region", description = "Grid region the factor applies to, e.g. 'eGRID RFCE'.",
            required = false)
    String region() default "";
}
