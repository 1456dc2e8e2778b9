package org.gridprint.carbon.site;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One site of the carbon engine. Factory PID {@value SiteConfiguration#PID}, one configuration per site
 * ({@code etc/org.gridprint.carbon.site-<name>.cfg}). The component reads the raw properties and validates them
 * itself ({@link SiteConfigParser}), so a wrong value gets an error naming the PID, the field, the value and what is
 * expected. Lists are comma-separated (or multi-valued); maps are {@code key=value} items of such a list.
 */
@ObjectClassDefinition(id = SiteConfiguration.PID, name = "Gridprint Site",
        description = "A site: time zone, accounting window, factor series for location-based, market-based, Scope 1"
                + " and Scope 3.3 accounting, plausibility limits and on-site generation netting.")
public @interface SiteConfig {

    @AttributeDefinition(name = "Site id", description = "The id meters name in their siteId, e.g. 'hq'.")
    String id();

    @AttributeDefinition(name = "Name", description = "Human-readable name; defaults to the id.", required = false)
    String name() default "";

    @AttributeDefinition(name = "Time zone", description = "IANA zone id (Europe/Berlin, America/New_York) or UTC;"
            + " reporting periods are cut in it.")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "GWP set", description = "IPCC 100-year GWPs for CH4/N2O: AR4, AR5 or AR6.")
    String gwpSet() default "AR5";

    @AttributeDefinition(name = "Window (minutes)", description = "Accounting window: 1, 5, 15, 30 or 60 minutes"
            + " (UTC-aligned); cut finer at the first-ranked intensity provider's resolution.")
    int windowMinutes() default 60;

    @AttributeDefinition(name = "Location series", description = "Catalog series for location-based Scope 2 when"
            + " no intensity provider covers a window, in rank order, e.g. 'egrid/subregion/CAMX/co2e,"
            + " egrid/state/CA/co2e'.", required = false)
    String[] locationSeries() default {};

    @AttributeDefinition(name = "Loss series", description = "Catalog series of the grid gross loss for Scope 3"
            + " category 3, e.g. 'egrid/subregion/CAMX/loss'; empty: no Scope 3.3.", required = false)
    String lossSeries() default "";

    @AttributeDefinition(name = "Market", description = "Market boundary for instruments, e.g. 'US'.",
            required = false)
    String market() default "";

    @AttributeDefinition(name = "Supplier series", description = "Series of a supplier-specific rate"
            + " (market-based), e.g. 'operator/pge-2026'.", required = false)
    String supplierSeries() default "";

    @AttributeDefinition(name = "Residual mix series", description = "Series of the residual mix (market-based).",
            required = false)
    String residualMixSeries() default "";

    @AttributeDefinition(name = "Fuel series", description = "Scope 1 fuel meters: 'meterId=series' items, e.g."
            + " 'hq/gas=fuel/natural_gas/m3'. The meter's FUEL_VOLUME counter (m3) is priced with it.",
            required = false)
    String[] fuelSeries() default {};

    @AttributeDefinition(name = "Maximum power (kW)", description = "Plausibility limit per electricity meter:"
            + " an interval implying more power is SUSPECT and excluded until accepted; 0: none.", required = false)
    String maxPowerKw() default "0";

    @AttributeDefinition(name = "Meter maximum power", description = "'meterId=kW' items overriding the site limit"
            + " (for a fuel meter: m3 per hour).", required = false)
    String[] meterMaxPowerKw() default {};

    @AttributeDefinition(name = "Gap threshold (seconds)", description = "An interval between two readings longer"
            + " than this is flagged GAP_SPANNED.")
    int gapThresholdSeconds() default 900;

    @AttributeDefinition(name = "Generation meters", description = "On-site generation meters (their"
            + " ACTIVE_ENERGY_EXPORT counter: energy generated).", required = false)
    String[] generationMeters() default {};

    @AttributeDefinition(name = "Export meters", description = "Grid export meters (their ACTIVE_ENERGY_EXPORT"
            + " counter: energy exported).", required = false)
    String[] exportMeters() default {};

    @AttributeDefinition(name = "Net meter", description = "The load meter from which self-consumed generation"
            + " (generation - export, per window, >= 0) is netted.", required = false)
    String netMeter() default "";
}
