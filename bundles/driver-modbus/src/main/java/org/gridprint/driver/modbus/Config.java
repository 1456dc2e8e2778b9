package org.gridprint.driver.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Modbus TCP device (factory PID {@code org.gridprint.driver.modbus}). The component parses the raw
 * properties itself ({@link DeviceConfigParser}) so a bad value gets an error naming field and value;
 * this annotation describes the fields for Metatype (web console forms, documentation).
 */
@ObjectClassDefinition(name = "Gridprint Modbus TCP device",
        description = "One Modbus TCP meter or gateway, polled on its own thread.")
public @interface Config {

    @AttributeDefinition(name = "Device id", description = "Stable device id, e.g. panel-3; readings carry source modbus/<id>")
    String id();

    @AttributeDefinition(name = "Host", description = "Host name or IP address of the device or gateway")
    String host();

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default DeviceConfigParser.DEFAULT_PORT;

    @AttributeDefinition(name = "Unit id", description = "Modbus unit (slave) id, 0..255", min = "0", max = "255")
    int unitId() default DeviceConfigParser.DEFAULT_UNIT_ID;

    @AttributeDefinition(name = "Poll interval (s)", min = "1")
    int pollIntervalSeconds() default DeviceConfigParser.DEFAULT_POLL_SECONDS;

    @AttributeDefinition(name = "Timeout (ms)", description = "Connect and response timeout per request; must be "
            + "less than the poll interval (unset: 1000, or half the poll interval when that is shorter)", min = "1")
    int timeoutMillis() default DeviceConfigParser.DEFAULT_TIMEOUT_MILLIS;

    @AttributeDefinition(name = "Registers", description = "Register map entries, separated by ','; each entry is "
            + "key=value fields separated by ';': meter, quantity, address (0-based), function (holding|input), "
            + "type (int16|uint16|int32|uint32|int64|uint64|float32|float64), order (big|little), scale, unit. "
            + "Example: meter=hq/b1/ahu-2;quantity=ACTIVE_ENERGY_IMPORT;address=0;type=uint32;scale=0.01;unit=kWh")
    String[] registers();

    @AttributeDefinition(name = "Max gap", description = "Unused registers one read request may span to merge neighbours", min = "0", max = "125")
    int maxGap() default DeviceConfigParser.DEFAULT_MAX_GAP;

    @AttributeDefinition(name = "Max registers per read", min = "4", max = "125")
    int maxRegistersPerRead() default DeviceConfigParser.MODBUS_MAX_REGISTERS;

    @AttributeDefinition(name = "Retry buffer (readings)", description = "Readings kept in memory while the "
            + "IngestService fails, resubmitted with the next poll; oldest dropped first when full; 0 = none",
            min = "0", max = "1000000")
    int retryBufferReadings() default DeviceConfigParser.DEFAULT_RETRY_BUFFER_READINGS;

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;
}
