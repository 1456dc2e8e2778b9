package org.gridprint.driver.toolkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.gridprint.api.driver.AlarmConditions;
import org.gridprint.api.driver.HealthSnapshot;

/**
 * The status bookkeeping every polled device keeps, written once: its {@link DeviceState}, last success, last error
 * and message, readings submitted, the refusal of a device whose configuration is unusable for a reason outside its
 * own file (e.g. its id is used by another file), the STALE condition, and the {@link DeviceHealth} it publishes.
 * <p>
 * Threads: the state is written by the device's poll cycle under the device's {@code lock} (the one passed in);
 * {@link #health()} and {@link #refusal()} may be read from any thread. {@link #refuse(String)} takes the lock
 * itself. Plain Java; a driver makes one per configured device.
 */
public final class DeviceLifecycle {

    private final String deviceId;
    private final String driver;
    private final List<String> meterIds;
    private final Clock clock;
    private final AlarmConditions conditions;
    private final WindowedHealthTracker tracker;
    private final Lock lock;

    private volatile DeviceHealth health;
    private volatile String refusal;

    // guarded by lock
    private DeviceState state;
    private Instant lastSuccess;
    private Instant lastError;
    private String lastErrorMessage;
    private long readingsSubmitted;
    private int cyclesWithoutValues;

    /**
     * @param driver   the driver name shown in the health (e.g. {@code modbus})
     * @param meterIds the meters the device feeds (empty without a valid configuration)
     * @param initial  the state before the first cycle: STARTING, DISABLED, or CONFIG_ERROR (see {@link #configError})
     * @param lock     the device's poll lock, held by the caller around every method that writes the state
     */
    public DeviceLifecycle(String deviceId, String driver, List<String> meterIds, Clock clock,
            AlarmConditions conditions, WindowedHealthTracker tracker, Lock lock, DeviceState initial) {
        this.deviceId = deviceId;
        this.driver = driver;
        this.meterIds = List.copyOf(meterIds);
        this.clock = clock;
        this.conditions = conditions;
        this.tracker = tracker;
        this.lock = lock;
        this.state = initial;
    }

    /** The health as last published ({@link #publish()}). */
    public DeviceHealth health() {
        return health;
    }

    /** The state, last success and error (as {@link #health()}) with the tracker's request and error counts. */
    public HealthSnapshot stats() {
        var t = tracker.snapshot();
        var h = health;
        return new HealthSnapshot(t.name(), h.state(), h.lastSuccess(), h.lastError(), h.lastErrorMessage(),
                t.requests(), t.failedRequests(), t.errorCounts(), t.requestsPerSecond());
    }

    public DeviceState state() {
        return state;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastErrorMessage() {
        return lastErrorMessage;
    }

    /** The message {@link #refuse} was called with, or null. */
    public String refusal() {
        return refusal;
    }

    /**
     * Why a cycle must not run: {@code configuration error: <message>} when the configuration is invalid
     * ({@code valid} false) or the device was refused; null when it may run.
     */
    public String configurationError(boolean valid) {
        if (!valid) {
            return "configuration error: " + lastErrorMessage;
        }
        var r = refusal;
        return r == null ? null : "configuration error: " + r;
    }

    /** An invalid configuration: CONFIG_ERROR now with its message (the alarm is raised when the device starts). */
    public void configError(String message) {
        state = DeviceState.CONFIG_ERROR;
        lastError = clock.instant();
        lastErrorMessage = message;
    }

    /** Raises the CONFIG_ERROR condition {@code config} with the message (once while it lasts). */
    public void raiseConfigError(String message) {
        conditions.raise("config", AlarmKind.CONFIG_ERROR, message, List.of());
    }

    /**
     * An error found outside the configuration itself (e.g. the id is already used by another file): shown in the
     * health, raised once as CONFIG_ERROR, and the device must not poll ({@link #refusal()} is set).
     */
    public void refuse(String message) {
        refusal = message;
        raiseConfigError(message);
        lock.lock();
        try {
            configError(message);
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** The device stopped: DISABLED unless its configuration is in error; published. */
    public void stopped() {
        if (state != DeviceState.CONFIG_ERROR) {
            state = DeviceState.DISABLED;
            publish();
        }
    }

    /** Counts readings {@code IngestService.submit} took. */
    public void submitted(int readings) {
        readingsSubmitted += readings;
    }

    /** A clean cycle: ONLINE, last success at the slot (also counted by the tracker). */
    public void online(Instant slot) {
        state = DeviceState.ONLINE;
        lastSuccess = slot;
        tracker.cycleSucceeded(slot);
    }

    /** The cycle's points were read, but some are known bad: the last success moves, the state does not. */
    public void succeededAt(Instant slot) {
        lastSuccess = slot;
    }

    /** A failed cycle: ERROR with the message (also counted by the tracker). */
    public void failed(Instant slot, String message) {
        state = DeviceState.ERROR;
        lastError = slot;
        lastErrorMessage = message;
        tracker.cycleFailed(slot, message);
    }

    /** A clean cycle whose meters are not all declared: CONFIG_ERROR with the message. */
    public void undeclared(Instant slot, String message) {
        state = DeviceState.CONFIG_ERROR;
        lastError = slot;
        lastErrorMessage = message;
    }

    /**
     * The STALE condition: raised (naming {@code who}, the periods and the last complete cycle) once
     * {@code staleAfterPeriods} cycles in a row had no value, cleared by the first cycle with one.
     */
    public void freshValues(boolean any, String who, int staleAfterPeriods, Duration period) {
        if (!any) {
            cyclesWithoutValues++;
            if (cyclesWithoutValues >= staleAfterPeriods) {
                conditions.raise("stale", AlarmKind.STALE, who + ": no fresh value for " + cyclesWithoutValues
                        + " periods of " + period.toSeconds() + " s (last complete cycle: "
                        + (lastSuccess == null ? "never" : lastSuccess.toString()) + ")", meterIds);
            }
        } else {
            cyclesWithoutValues = 0;
            conditions.clear("stale");
        }
    }

    /** Publishes the health from the current state. */
    public void publish() {
        health = new DeviceHealth(deviceId, driver, state, Optional.ofNullable(lastSuccess),
                Optional.ofNullable(lastError), Optional.ofNullable(lastErrorMessage), meterIds, readingsSubmitted);
    }
}
