package org.gridprint.carbon.intensity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code org.gridprint.carbon.intensity.watttime} (validated by {@link ProviderConfigParser}, which gives the errors). */
@ObjectClassDefinition(name = "Gridprint intensity provider: WattTime v3", description = "WattTime v3; see the carbon bundle README")
public @interface WattTimeProviderConfig {

    @AttributeDefinition(description = "Provider instance id; stored values are keyed by it")
    String id();

    @AttributeDefinition(description = "Id of the site this provider serves")
    String site();

    @AttributeDefinition(description = "Rank for the site: 1 is tried first, a gap falls back to the next", min = "1", max = "99")
    int rank() default 1;

    @AttributeDefinition(description = "Poll period in seconds, 300..3600", min = "300", max = "3600")
    int pollSeconds() default 300;

    @AttributeDefinition(description = "Connect and request timeout in seconds, 1..120", min = "1", max = "120")
    int timeoutSeconds() default 20;

    @AttributeDefinition(description = "Hours of past values asked for at each poll, 1..720", min = "1", max = "720")
    int lookbackHours() default 24;

    @AttributeDefinition(description = "GWP set behind the provider CO2e as stated by the operator", required = false)
    String gwpSet() default "as published";
    @AttributeDefinition(description = "WattTime region, e.g. CAISO_NORTH (empty: the site location)", required = false)
    String region();

    @AttributeDefinition(description = "co2_aoer (average, prices windows) or co2_moer (marginal, what-if only)", required = false)
    String signalType() default "co2_aoer";

    @AttributeDefinition(description = "WattTime user name")
    String username();

    @AttributeDefinition(description = "WattTime password (never logged)", type = AttributeType.PASSWORD)
    String password();

    @AttributeDefinition(description = "Also fetch /v3/forecast", required = false)
    boolean forecast() default true;

    @AttributeDefinition(description = "Base URL", required = false)
    String baseUrl() default "https://api.watttime.org";
}
