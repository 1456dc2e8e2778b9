package org.gridprint.core;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One declared meter: factory PID {@code org.gridprint.meter}, one file per meter
 * ({@code etc/org.gridprint.meter-<name>.cfg}). Validated by {@link MeterConfigValidator}.
 */
@ObjectClassDefinition(id = MeterConfigImpl.FACTORY_PID, name = "Gridprint meter",
        description = "A meter the operator declares. Readings for undeclared meter ids are rejected.")
@interface MeterConfig {

    @AttributeDefinition(name = "Meter id", description = "Stable id, unique per installation; "
            + "characters A-Z a-z 0-9 / _ . : - (e.g. hq/b1/panel-3/ahu-2)")
    String id();

    @AttributeDefinition(name = "Name", description = "Human-readable name (defaults to the id)", required = false)
    String name() default "";

    @AttributeDefinition(name = "Site", description = "Site id: its emission factors and time zone apply")
    String site();

    @AttributeDefinition(name = "Location", description = "Free text: building, floor, panel", required = false)
    String location() default "";

    @AttributeDefinition(name = "Asset type", description = "e.g. AHU, CHILLER, PDU, MAIN", required = false)
    String assetType() default "";

    @AttributeDefinition(name = "Phase", description = "Electrical phase (L1, L2, L3) or 3P", required = false)
    String phase() default "";

    @AttributeDefinition(name = "Department", required = false)
    String department() default "";

    @AttributeDefinition(name = "Tenant", required = false)
    String tenant() default "";

    @AttributeDefinition(name = "Tags", description = "Comma-separated free tags", required = false)
    String tags() default "";

    @AttributeDefinition(name = "Parent meter", description = "Id of the upstream meter this is a submeter of",
            required = false)
    String parent() default "";

    @AttributeDefinition(name = "Counter rollover", description = "Value (canonical unit, e.g. kWh) at which the "
            + "cumulative counter wraps to zero; 0 = unknown", min = "0", required = false)
    double counterRollover() default 0;
}
