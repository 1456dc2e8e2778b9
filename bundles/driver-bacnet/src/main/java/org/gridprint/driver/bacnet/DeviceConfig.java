package org.gridprint.driver.bacnet;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of a device (factory PID {@code org.gridprint.driver.bacnet}); parsed by DeviceConfigParser. */
@ObjectClassDefinition(name = "Gridprint BACnet device",
        description = "One BACnet device on a stack, read with a device profile and/or one-line points.")
public @interface DeviceConfig {

    @AttributeDefinition(name = "Device id", description = "Stable id; readings carry source bacnet/<id>")
    String id();

    @AttributeDefinition(name = "Stack", description = "Id of a BACnet stack configuration")
    String stack();

    @AttributeDefinition(name = "Device instance", min = "0", max = "4194302")
    int deviceInstance();

    @AttributeDefinition(name = "Address", required = false, description = "host:port when the device is reached "
            + "without Who-Is; empty = found by Who-Is")
    String address();

    @AttributeDefinition(name = "Profile", required = false, description = "Device model: bundled profile or "
            + "etc/gridprint/bacnet-profiles/<name>.yaml")
    String profile();

    @AttributeDefinition(name = "Meter", required = false, description = "The meter the profile's points (and points "
            + "without meter=) feed")
    String meter();

    @AttributeDefinition(name = "Points", required = false, description = "Entries separated by ','; fields by ';': "
            + "name, meter, quantity, object (type:instance), property (default present-value), unit, scale")
    String[] points();

    @AttributeDefinition(name = "Poll interval (s)", min = "1")
    int pollIntervalSeconds() default 60;

    @AttributeDefinition(name = "Max properties per ReadPropertyMultiple", min = "1", max = "1000")
    int maxReadsPerRequest() default 50;

    @AttributeDefinition(name = "Min request interval (ms)", description = "Pacing between requests to this device", min = "0")
    int minRequestIntervalMillis() default 0;

    @AttributeDefinition(name = "COV", description = "none, unconfirmed or confirmed")
    String cov() default "none";

    @AttributeDefinition(name = "COV lifetime (s)", min = "2")
    int covLifetimeSeconds() default 600;

    @AttributeDefinition(name = "Stale after (periods)", min = "1")
    int staleAfterPeriods() default 3;

    @AttributeDefinition(name = "Longest back-off (s)", min = "1")
    int maxBackoffSeconds() default 300;

    @AttributeDefinition(name = "Retry buffer (readings)", min = "0", max = "1000000")
    int retryBufferReadings() default 10000;

    @AttributeDefinition(name = "Reporting window (s)", min = "1")
    int reportingWindowSeconds() default 3600;

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;
}
