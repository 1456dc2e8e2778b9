package org.gridprint.carbon.intensity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code org.gridprint.carbon.intensity.electricitymaps} (validated by {@link ProviderConfigParser}, which gives the errors). */
@ObjectClassDefinition(name = "Gridprint intensity provider: Electricity Maps v3", description = "Electricity Maps v3; see the carbon bundle README")
public @interface ElectricityMapsProviderConfig {

    @AttributeDefinition(description = "Provider instance id; stored values are keyed by it")
    String id();

    @AttributeDefinition(description = "Id of the site this provider serves")
    String site();

    @AttributeDefinition(description = "Rank for the site: 1 is tried first, a gap falls back to the next", min = "1", max = "99")
    int rank() default 1;

    @AttributeDefinition(description = "Poll period in seconds, 300..3600", min = "300", max = "3600")
    int pollSeconds() default 3600;

    @AttributeDefinition(description = "Connect and request timeout in seconds, 1..120", min = "1", max = "120")
    int timeoutSeconds() default 20;

    @AttributeDefinition(description = "Hours of past values asked for at each poll, 1..720", min = "1", max = "720")
    int lookbackHours() default 24;

    @AttributeDefinition(description = "GWP set behind the provider CO2e as stated by the operator", required = false)
    String gwpSet() default "as published";
    @AttributeDefinition(description = "Zone, e.g. DE (empty: the site location, else latitude/longitude)", required = false)
    String region();

    @AttributeDefinition(description = "Latitude -90..90 instead of a zone", required = false)
    String latitude();

    @AttributeDefinition(description = "Longitude -180..180 instead of a zone", required = false)
    String longitude();

    @AttributeDefinition(description = "lifecycle or direct", required = false)
    String emissionFactorType() default "lifecycle";

    @AttributeDefinition(description = "API key sent as auth-token (never logged)", type = AttributeType.PASSWORD)
    String apiKey();

    @AttributeDefinition(description = "Also fetch /v3/carbon-intensity/forecast", required = false)
    boolean forecast() default false;

    @AttributeDefinition(description = "Length of one value in minutes", required = false)
    int resolutionMinutes() default 60;

    @AttributeDefinition(description = "Base URL", required = false)
    String baseUrl() default "https://api.electricitymap.org";
}
