package org.gridprint.api.driver;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.device.DeviceState;

/**
 * What a {@link HealthTracker} knows at one moment: for devices and for transport endpoints (bridges).
 *
 * @param name              device or bridge id
 * @param state             current state
 * @param lastSuccess       when the last complete cycle or request succeeded
 * @param lastError         when the last error happened
 * @param lastErrorMessage  that error, in the operator's words
 * @param requests          requests sent since start
 * @param failedRequests    of those, failed
 * @param errorCounts       failed requests by kind (e.g. TIMEOUT, EXCEPTION_02, WRONG_UNIT_ID)
 * @param requestsPerSecond over the last minute
 */
public record HealthSnapshot(String name, DeviceState state, Optional<Instant> lastSuccess, Optional<Instant> lastError,
        Optional<String> lastErrorMessage, long requests, long failedRequests, Map<String, Long> errorCounts,
        double requestsPerSecond) {

    public HealthSnapshot {
        errorCounts = Map.copyOf(errorCounts);
    }
}
