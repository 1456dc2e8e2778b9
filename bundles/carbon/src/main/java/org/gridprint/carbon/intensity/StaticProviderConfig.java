package org.gridprint.carbon.intensity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code org.gridprint.carbon.intensity.static} (validated by {@link ProviderConfigParser}, which gives the errors). */
@ObjectClassDefinition(name = "Gridprint intensity provider: static value", description = "static value; see the carbon bundle README")
public @interface StaticProviderConfig {

    @AttributeDefinition(description = "Provider instance id; stored values are keyed by it")
    String id();

    @AttributeDefinition(description = "Id of the site this provider serves")
    String site();

    @AttributeDefinition(description = "Rank for the site: 1 is tried first, a gap falls back to the next", min = "1", max = "99")
    int rank() default 1;

    @AttributeDefinition(description = "The value (decimal, . as separator)")
    String value();

    @AttributeDefinition(description = "Its unit: g/kWh, kg/MWh, lb/MWh, t/MWh, kg/kWh, lb/kWh")
    String unit();

    @AttributeDefinition(description = "Publisher, table and row of the value")
    String source();

    @AttributeDefinition(description = "Edition or year of the value")
    String edition();

    @AttributeDefinition(description = "Region label", required = false)
    String region() default "static";

    @AttributeDefinition(description = "First day/instant it applies to (UTC), e.g. 2024-01-01", required = false)
    String validFrom();

    @AttributeDefinition(description = "End of validity, exclusive (UTC), empty = open", required = false)
    String validTo();

    @AttributeDefinition(description = "GWP set behind the CO2e", required = false)
    String gwpSet() default "as published";
}
