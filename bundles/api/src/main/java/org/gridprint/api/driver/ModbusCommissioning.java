package org.gridprint.api.driver;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the Modbus driver shows and does for commissioning (the console's {@code gridprint:bridges},
 * {@code modbus-devices}, {@code modbus-read}, {@code modbus-scan}): bridge and device status, and one-off reads
 * that run on the bridge like any other transaction (one at a time, paced). Registered by the Modbus driver bundle.
 */
@ProviderType
public interface ModbusCommissioning {

    /** A bridge: its endpoint, health (requests/s, error counts, last error), whether connected, its devices. */
    record BridgeStatus(String id, String endpoint, boolean configured, boolean connected, HealthSnapshot health,
            List<String> devices) {
        public BridgeStatus {
            devices = List.copyOf(devices);
        }
    }

    /**
     * A device: where it is, its health and request counts, the register ranges it learned bad (exception 02/03,
     * left out of merged requests) and its active alarm conditions.
     */
    record DeviceStatus(String id, String bridge, int unitId, String profile, int points, int requestsPerCycle,
            HealthSnapshot health, List<String> badRanges, List<AlarmConditions.Active> alarms) {
        public DeviceStatus {
            badRanges = List.copyOf(badRanges);
            alarms = List.copyOf(alarms);
        }
    }

    /** One decoded value of a one-off read. */
    record Value(int address, String raw, String decoded) {
    }

    List<BridgeStatus> bridgeStatus();

    List<DeviceStatus> deviceStatus();

    /**
     * Reads {@code count} values of {@code type} (int16 ... float64, bool) from {@code address} (0-based) of
     * {@code function} (coil, discrete, holding, input) at {@code unitId} on bridge {@code bridgeId}, like mbpoll.
     *
     * @throws IllegalArgumentException for a bad argument, naming it and what is expected
     * @throws Exception                the read failed; the message is in the field's words
     */
    List<Value> read(String bridgeId, int unitId, String function, int address, int count, String type, String order)
            throws Exception;

    /**
     * Which unit ids in {@code from..to} (within 1..247, at most 247 probes) answer a one-register read of
     * {@code function}/{@code address} on the bridge: each with "answers", "exception 02 ..." (a unit that answers
     * with an exception is there) or is absent (timeout). Stops early when the thread is interrupted.
     */
    List<String> scan(String bridgeId, int from, int to, String function, int address) throws Exception;
}
