package org.gridprint.driver.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Modbus TCP device (factory PID {@code org.gridprint.driver.modbus}). The component parses the raw
 * properties itself ({@link DeviceConfigParser}) so a bad value gets an error naming field and value;
 * this annotation describes the fields for Metatype (web console forms, documentation).
 */
@ObjectClassDefinition(name = "Gridprint Modbus device",
        description = "One Modbus device (a unit id on a bridge), read with a meter profile and/or a register map.")
public @interface Config {

    @AttributeDefinition(name = "Device id", description = "Stable device id, e.g. panel-3; readings carry source modbus/<id>")
    String id();

    @AttributeDefinition(name = "Bridge", required = false, description = "Id of a configured bridge "
            + "(org.gridprint.driver.modbus.bridge): TCP, serial RTU, RTU over TCP or UDP. Or give host and port instead.")
    String bridge();

    @AttributeDefinition(name = "Host", required = false, description = "Without bridge: host name or IP address of a "
            + "Modbus TCP device or gateway (devices naming the same host and port share one connection)")
    String host();

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default DeviceConfigParser.DEFAULT_PORT;

    @AttributeDefinition(name = "Unit id", description = "Modbus unit (slave) id, 1..247 (0 = broadcast, cannot be "
            + "polled; 248..255 reserved)", min = "1", max = "247")
    int unitId() default DeviceConfigParser.DEFAULT_UNIT_ID;

    @AttributeDefinition(name = "Profile", required = false, description = "Meter model: a profile name, e.g. "
            + "eastron-sdm630 (bundled) or a file etc/gridprint/modbus-profiles/<name>.yaml")
    String profile();

    @AttributeDefinition(name = "Meter", required = false, description = "With profile: the meter id its points feed")
    String meter();

    @AttributeDefinition(name = "CT ratio", required = false, description = "With profile: current transformer, "
            + "primary:secondary (200:5) or a number; scales current, power and energy points")
    String ctRatio();

    @AttributeDefinition(name = "PT ratio", required = false, description = "With profile: voltage transformer, "
            + "primary:secondary or a number; scales voltage, power and energy points")
    String ptRatio();

    @AttributeDefinition(name = "Poll interval (s)", min = "1")
    int pollIntervalSeconds() default DeviceConfigParser.DEFAULT_POLL_SECONDS;

    @AttributeDefinition(name = "Timeout (ms)", description = "Connect and response timeout per request; must be "
            + "less than the poll interval (unset: 1000, or half the poll interval when that is shorter)", min = "1")
    int timeoutMillis() default DeviceConfigParser.DEFAULT_TIMEOUT_MILLIS;

    @AttributeDefinition(name = "Registers", required = false, description = "Register map entries, separated by ','; each entry is "
            + "key=value fields separated by ';': meter, quantity, address (0-based), function (coil|discrete|holding|input), "
            + "type (int16|uint16|int32|uint32|int64|uint64|float32|float64|bool), order (ABCD|CDAB|BADC|DCBA), scale, offset, unit, bit. "
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

    @AttributeDefinition(name = "Re-probe bad registers (cycles)", description = "Cycles between re-reads of a "
            + "register that answered exception 02/03 alone", min = "1")
    int reprobeCycles() default DeviceConfigParser.DEFAULT_REPROBE_CYCLES;

    @AttributeDefinition(name = "Stale after (periods)", description = "Periods without any fresh value before a "
            + "STALE alarm", min = "1")
    int staleAfterPeriods() default DeviceConfigParser.DEFAULT_STALE_PERIODS;

    @AttributeDefinition(name = "Longest back-off (s)", description = "Upper bound of the back-off of a device that "
            + "does not answer", min = "1")
    int maxBackoffSeconds() default DeviceConfigParser.DEFAULT_MAX_BACKOFF_SECONDS;

    @AttributeDefinition(name = "Deadband", required = false, description = "Change-of-value publishing for "
            + "instantaneous values (canonical unit); 0 or empty = every poll. Counters are always submitted")
    String deadband();

    @AttributeDefinition(name = "Longest silence (s)", description = "With a deadband: submit at least this often",
            min = "1")
    int maxSilenceSeconds() default 900;

    @AttributeDefinition(name = "Reporting window (s)", description = "The accounting window the poll period "
            + "should divide (warned at start otherwise); default 3600", min = "1")
    int reportingWindowSeconds() default 3600;

    @AttributeDefinition(name = "Enabled")
    boolean enabled() default true;
}
