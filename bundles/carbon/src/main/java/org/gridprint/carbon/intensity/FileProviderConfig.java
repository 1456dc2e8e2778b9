package org.gridprint.carbon.intensity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code org.gridprint.carbon.intensity.file} (validated by {@link ProviderConfigParser}, which gives the errors). */
@ObjectClassDefinition(name = "Gridprint intensity provider: time series file", description = "time series file; see the carbon bundle README")
public @interface FileProviderConfig {

    @AttributeDefinition(description = "Provider instance id; stored values are keyed by it")
    String id();

    @AttributeDefinition(description = "Id of the site this provider serves")
    String site();

    @AttributeDefinition(description = "Rank for the site: 1 is tried first, a gap falls back to the next", min = "1", max = "99")
    int rank() default 1;

    @AttributeDefinition(description = "Poll period in seconds, 300..3600", min = "300", max = "3600")
    int pollSeconds() default 900;

    @AttributeDefinition(description = "Connect and request timeout in seconds, 1..120", min = "1", max = "120")
    int timeoutSeconds() default 20;

    @AttributeDefinition(description = "Hours of past values asked for at each poll, 1..720", min = "1", max = "720")
    int lookbackHours() default 24;

    @AttributeDefinition(description = "GWP set behind the provider CO2e as stated by the operator", required = false)
    String gwpSet() default "as published";
    @AttributeDefinition(description = "CSV or JSON file (relative paths: Karaf etc)")
    String path();

    @AttributeDefinition(description = "csv or json (default from the file name)", required = false)
    String format();

    @AttributeDefinition(description = "Region or zone the values are for")
    String region();

    @AttributeDefinition(description = "Length of one value in minutes", required = false)
    int resolutionMinutes() default 60;

    @AttributeDefinition(description = "Default signal of rows without one: AVERAGE or MARGINAL", required = false)
    String signal() default "AVERAGE";

    @AttributeDefinition(description = "Publisher of the values", required = false)
    String source();

    @AttributeDefinition(description = "Edition of the values", required = false)
    String edition();
}
