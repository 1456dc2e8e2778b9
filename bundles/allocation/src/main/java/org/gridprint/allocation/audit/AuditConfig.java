package org.gridprint.allocation.audit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One site's audit thresholds: factory PID {@value AuditConfigImpl#FACTORY_PID}, one file per site. */
@ObjectClassDefinition(id = AuditConfigImpl.FACTORY_PID, name = "Gridprint audit thresholds",
        description = "When a parent meter's windows differ from the sum of its submeters by more than this, the audit"
                + " reports it and UNMETERED_ENERGY is raised (once) and cleared (once).")
@interface AuditConfig {

    @AttributeDefinition(name = "Site", description = "The site these thresholds apply to")
    String site();

    @AttributeDefinition(name = "Threshold (%)", description = "A remainder (parent minus the sum of its submeters,"
            + " either sign) above this share of the parent is over the threshold; default 5", required = false)
    String thresholdPercent() default "5";

    @AttributeDefinition(name = "Noise floor (kWh)", description = "A remainder of at most this many kWh (per window"
            + " and per period) is never a finding; default 0.5", required = false)
    String minKwh() default "0.5";

    @AttributeDefinition(name = "Windows to raise", description = "Consecutive windows over the threshold before"
            + " UNMETERED_ENERGY is raised for a parent; as many within it clear it; default 4", min = "1",
            required = false)
    int windowsToRaise() default 4;

    @AttributeDefinition(name = "Time zone", description = "Zone that cuts the site's days and months for the audit;"
            + " empty: the carbon site configuration's time zone (else UTC)", required = false)
    String timeZone() default "";
}
