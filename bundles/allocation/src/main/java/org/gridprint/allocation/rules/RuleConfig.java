package org.gridprint.allocation.rules;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One allocation rule: factory PID {@code org.gridprint.allocation.rule}. */
@ObjectClassDefinition(name = "Gridprint allocation rule", description = "Splits a site's energy, location- and"
        + " market-based CO2e and certificate-covered energy to the values of one dimension (department, tenant, a"
        + " tag key) by submeter, fixed share, floor area, headcount, occupancy, runtime or thermal load")
public @interface RuleConfig {

    @AttributeDefinition(name = "Name", description = "Unique among the rules of the site and dimension (default:"
            + " the pool's text)", required = false)
    String name() default "";

    @AttributeDefinition(name = "Site", description = "The site id (as the meters' 'site')")
    String site();

    @AttributeDefinition(name = "Dimension", description = "department, tenant or another tag key (meter tags"
            + " key=value)", required = false)
    String dimension() default "department";

    @AttributeDefinition(name = "Pool", description = "The energy split: meter ids separated by commas (a shared"
            + " chiller), 'remainder' (the main meters minus what the other rules take) or 'tagged' (method submeter:"
            + " every tagged submeter)", required = false)
    String pool() default "";

    @AttributeDefinition(name = "Main meters", description = "Pool 'remainder' only: the main meters (default: the"
            + " site's meters without a parent)", required = false)
    String main() default "";

    @AttributeDefinition(name = "Method", description = "submeter | fixed | area | headcount | occupancy | runtime |"
            + " thermal")
    String method();

    @AttributeDefinition(name = "Shares", description = "Method fixed: Finance:40, Operations:60", required = false)
    String shares() default "";

    @AttributeDefinition(name = "Floor area (m2)", description = "Method area: Finance:1200, Operations:1800",
            required = false)
    String area() default "";

    @AttributeDefinition(name = "Headcount", description = "Method headcount: Finance:12, Operations:30",
            required = false)
    String headcount() default "";

    @AttributeDefinition(name = "Occupancy", description = "Method occupancy: Finance:40 Mon-Fri 07:00-19:00,"
            + " Operations:12 daily 00:00-24:00 (site time zone)", required = false)
    String occupancy() default "";

    @AttributeDefinition(name = "Runtime meters", description = "Method runtime: Finance:demo/hq/fcu-3,"
            + " Operations:demo/hq/fcu-4 (RUNTIME hour counters)", required = false)
    String runtime() default "";

    @AttributeDefinition(name = "Thermal meters", description = "Method thermal: Finance:demo/hq/btu-3,"
            + " Operations:demo/hq/btu-4 (THERMAL_ENERGY meters)", required = false)
    String thermal() default "";
}
