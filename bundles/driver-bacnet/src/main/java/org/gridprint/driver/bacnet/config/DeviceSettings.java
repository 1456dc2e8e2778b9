package org.gridprint.driver.bacnet.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.gridprint.driver.bacnet.PointSpec;

/**
 * One configured BACnet device (factory PID {@code org.gridprint.driver.bacnet}).
 *
 * @param address               host:port when the device is reached without Who-Is (also across routers without
 *                              broadcast); empty = found by Who-Is on the stack's broadcast address
 * @param maxReadsPerRequest    properties per ReadPropertyMultiple at most (lowered when the device refuses)
 * @param minRequestInterval    pacing: time between two requests to this device
 * @param covLifetime           SubscribeCOV lifetime; renewed when 60 % of it has passed
 */
public record DeviceSettings(String pid, String id, String stack, int deviceInstance, Optional<String> address,
        String profile, List<PointSpec> points, Duration pollInterval, int maxReadsPerRequest,
        Duration minRequestInterval, CovMode cov, Duration covLifetime, int staleAfterPeriods, Duration maxBackoff,
        int retryBufferReadings, Duration reportingWindow, boolean enabled) {

    public DeviceSettings {
        points = List.copyOf(points);
    }

    /** Readings carry this source. */
    public String source() {
        return "bacnet/" + id;
    }

    public List<String> meterIds() {
        return points.stream().map(PointSpec::meterId).distinct().sorted().toList();
    }

    /** {@code device ahu-1 (instance 1001 on stack site-a)}. */
    public String describe() {
        return "device " + id + " (instance " + deviceInstance + " on stack " + stack
                + address.map(a -> " at " + a).orElse("") + ")";
    }
}
