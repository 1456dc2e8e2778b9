package org.gridprint.carbon.ghost;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One static asset with a ghost load: factory PID {@code org.gridprint.carbon.asset}. */
@ObjectClassDefinition(name = "Gridprint static asset (ghost load)", description = "Estimated standby energy and"
        + " emissions of an unmetered asset during the site's unoccupied hours")
public @interface AssetConfig {

    @AttributeDefinition(name = "Id", description = "Asset id, e.g. hq/ahu-3-standby; its windows carry it as meter id")
    String id();

    @AttributeDefinition(name = "Site", description = "Site id (an org.gridprint.carbon.site configuration)")
    String site();

    @AttributeDefinition(name = "Rated power (kW)", description = "Rated power in kW, > 0")
    String ratedKw();

    @AttributeDefinition(name = "Leakage multiplier", description = "Share of the rated power drawn while unoccupied,"
            + " > 0 (e.g. 0.15)")
    String leakageMultiplier() default "1";

    @AttributeDefinition(name = "Occupancy", description = "Occupied hours in the site's time zone, e.g."
            + " 'Mon-Fri 07:00-19:00; Sat 08:00-12:00'; empty: never occupied")
    String occupancy() default "";

    @AttributeDefinition(name = "Since", description = "First day to estimate, yyyy-MM-dd in the site's zone; empty:"
            + " the day the asset is first computed")
    String since() default "";

    @AttributeDefinition(name = "Poll (minutes)", description = "How often closed windows are computed, 1..1440")
    int pollMinutes() default 15;
}
