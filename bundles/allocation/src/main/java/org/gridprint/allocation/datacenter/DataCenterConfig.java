package org.gridprint.allocation.datacenter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Factory PID {@code org.gridprint.allocation.datacenter}: one configuration per data center. */
@ObjectClassDefinition(id = DataCenterConfigParser.PID, name = "Gridprint data center (tenant statements)",
        description = "Splits a site's facility energy (utility mains) and both Scope 2 methods to its tenants by"
                + " their IT energy per accounting window (PUE overhead by IT share).")
public @interface DataCenterConfig {

    @AttributeDefinition(name = "Id", description = "The data center's id, used by gridprint:statement --site")
    String id();

    @AttributeDefinition(name = "Site", description = "The site (org.gridprint.carbon.site id) whose windows are split")
    String site();

    @AttributeDefinition(name = "Time zone", required = false,
            description = "IANA zone periods are cut in; empty: the carbon site's timeZone, else UTC")
    String timeZone() default "";

    @AttributeDefinition(name = "Facility meters",
            description = "Comma-separated meter ids of the total facility energy (utility main or mains)")
    String facilityMeters();

    @AttributeDefinition(name = "IT meters per tenant", required = false,
            description = "tenant: meter, meter; tenant: meter (PDU/UPS meters measuring each tenant's IT load)")
    String itMeters() default "";

    @AttributeDefinition(name = "IT meters by tenant tag", required = false,
            description = "Also every meter of the site with an IT asset type; its tenant tag names the tenant,"
                    + " none makes it unassigned IT")
    boolean itByTenantTag() default false;

    @AttributeDefinition(name = "IT asset types", required = false,
            description = "Asset types that are IT meters with itByTenantTag (comma-separated)")
    String itAssetTypes() default "PDU, UPS";

    @AttributeDefinition(name = "Unassigned IT meters", required = false,
            description = "Comma-separated IT meters no tenant owns (their share stays unassigned)")
    String unassignedItMeters() default "";

    @AttributeDefinition(name = "Estimated servers", required = false,
            description = "tenant: utilisationMeter=serverType, ...; tenant: ... (energy from a server power model,"
                    + " labelled ESTIMATED)")
    String servers() default "";

    @AttributeDefinition(name = "Server reading gap (s)", required = false,
            description = "A utilisation reading holds until the next one, at most this many seconds; then the"
                    + " server counts as down")
    int serverGapSeconds() default 300;

    @AttributeDefinition(name = "Offsets per tenant", required = false,
            description = "tenant: offsetSerial, ...; (registered offsets shown apart in the tenant's statement)")
    String offsets() default "";
}
