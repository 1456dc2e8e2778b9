package org.gridprint.api.driver;

import java.time.Instant;

import org.gridprint.api.device.DeviceState;
import org.osgi.annotation.versioning.ProviderType;

/** Counts requests and outcomes of one device or bridge and tells its state. Thread-safe. */
@ProviderType
public interface HealthTracker {

    /** One request answered. */
    void requestSucceeded();

    /** One request failed; {@code kind} groups the counts (e.g. TIMEOUT, EXCEPTION_02). */
    void requestFailed(String kind, String message);

    /** A cycle read everything: state ONLINE, last success = {@code at}. */
    void cycleSucceeded(Instant at);

    /** A cycle failed (fully or partly): state ERROR, last error = {@code at} with {@code message}. */
    void cycleFailed(Instant at, String message);

    /** Sets a state that is not the outcome of a cycle (STARTING, CONFIG_ERROR, DISABLED). */
    void state(DeviceState state, String message);

    HealthSnapshot snapshot();
}
