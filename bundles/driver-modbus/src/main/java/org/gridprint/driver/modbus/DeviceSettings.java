package org.gridprint.driver.modbus;

import java.time.Duration;
import java.util.List;

/**
 * A validated device configuration.
 *
 * @param pid                 the configuration PID, for messages
 * @param id                  the device id (also the suffix of the reading source {@code modbus/<id>})
 * @param maxGap              unused registers a read request may span to merge two neighbours
 * @param maxRegistersPerRead upper bound of one read request (Modbus allows 125)
 * @param retryBufferReadings readings kept (oldest dropped first) while {@code IngestService.submit} fails,
 *                            resubmitted with the next cycle's batch
 */
public record DeviceSettings(String pid, String id, String host, int port, int unitId, Duration pollInterval,
        Duration timeout, int maxGap, int maxRegistersPerRead, int retryBufferReadings, boolean enabled, List<RegisterEntry> entries) {

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

    /** e.g. {@code panel-3 (10.0.0.7:502 unit 1)}. */
    public String describe() {
        return id + " (" + host + ":" + port + " unit " + unitId + ")";
    }
}
