package org.gridprint.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The built-in demo site (PID {@code org.gridprint.demo}): a simulated building behind a Modbus TCP slave. */
@ObjectClassDefinition(name = "Gridprint demo site",
        description = "Simulated site (office building with HVAC, a data hall, two machines) served as a Modbus TCP slave")
public @interface Config {

    @AttributeDefinition(name = "Listen address", description = "Keep it on loopback unless you mean to expose it")
    String host() default DemoSettings.DEFAULT_HOST;

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default DemoSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "Unit id", min = "0", max = "255")
    int unitId() default 1;

    @AttributeDefinition(name = "Speedup", description = "Simulated seconds per real second (1 = real time)")
    double speedup() default 1.0;

    @AttributeDefinition(name = "Random seed", description = "Seed of the load noise")
    long seed() default 20_240_130L;

    @AttributeDefinition(name = "Time zone", description = "Site time zone for the occupancy schedule")
    String timeZone() default DemoSettings.DEFAULT_ZONE;

    @AttributeDefinition(name = "Update interval (ms)", description = "How often the registers are recomputed", min = "10")
    int updateIntervalMillis() default 1000;

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;

    @AttributeDefinition(name = "Demo REC (MWh)", description = "A renewable energy certificate the demo registers for"
            + " site demo-hq (market US, vintage the current year) so market-based windows show a covered part; 0: none")
    double recMwh() default 0.25;
}
