package org.gridprint.api.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A device's health for operators: state, last success, last error and its message, the meters it feeds.
 */
public record DeviceHealth(String deviceId, String driver, DeviceState state, Optional<Instant> lastSuccess,
        Optional<Instant> lastError, Optional<String> lastErrorMessage, List<String> meterIds, long readingsSubmitted) {

    public DeviceHealth {
        meterIds = List.copyOf(meterIds);
    }
}
