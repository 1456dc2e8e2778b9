package org.gridprint.driver.modbus;

import java.time.Duration;
import java.util.List;

/**
 * A validated device configuration: a unit id on a bridge, its points (from a profile and/or the one-line
 * {@code registers}) and its polling rules.
 *
 * @param pid                 the configuration PID (with the etc/ file), for messages
 * @param id                  the device id (also the suffix of the reading source {@code modbus/<id>})
 * @param bridge              the bridge id; for a device configured with host/port, the implicit {@code tcp:host:port}
 * @param implicitBridge      the settings of that implicit TCP bridge, or null when {@code bridge} names a configured one
 * @param profile             the profile name, or null
 * @param maxGap              unused registers a read request may span to merge two neighbours
 * @param maxRegistersPerRead upper bound of one read request (Modbus allows 125)
 * @param retryBufferReadings readings kept (oldest dropped first) while {@code IngestService.submit} fails
 * @param reprobeCycles       cycles between re-reads of a register learned bad (exception 02/03)
 * @param staleAfterPeriods   periods without any fresh value before STALE is raised
 * @param maxBackoff          upper bound of the back-off of a device that does not answer
 * @param deadband            change-of-value publishing for instantaneous quantities (power, voltage, current, ...):
 *                            a value within this distance (canonical unit) of the last one submitted is not submitted
 *                            again; 0 = every poll is submitted. Counters are always submitted.
 * @param maxSilence          with a deadband: a value is submitted at least this often even when unchanged
 */
public record DeviceSettings(String pid, String id, String bridge, BridgeSettings implicitBridge, int unitId,
        String profile, Duration pollInterval, Duration timeout, int maxGap, int maxRegistersPerRead,
        int retryBufferReadings, int reprobeCycles, int staleAfterPeriods, Duration maxBackoff, double deadband,
        Duration maxSilence, Duration reportingWindow, boolean enabled, List<RegisterEntry> entries) {

    public DeviceSettings {
        entries = List.copyOf(entries);
    }

    /** The reading source of this device. */
    public String source() {
        return "modbus/" + id;
    }

    /** The distinct meter ids, in configuration order. */
    public List<String> meterIds() {
        return entries.stream().map(RegisterEntry::meterId).distinct().toList();
    }

    /** e.g. {@code panel-3 (unit 1 on bridge gw-1)}. */
    public String describe() {
        return id + " (unit " + unitId + " on bridge " + bridge + ")";
    }

    /** Host of the implicit bridge (older configurations), or null. */
    public String host() {
        return implicitBridge == null ? null : implicitBridge.host();
    }

    public int port() {
        return implicitBridge == null ? 0 : implicitBridge.port();
    }
}
