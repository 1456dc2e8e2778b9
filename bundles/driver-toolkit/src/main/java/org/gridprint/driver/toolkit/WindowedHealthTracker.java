package org.gridprint.driver.toolkit;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.device.DeviceState;
import org.gridprint.api.driver.HealthSnapshot;
import org.gridprint.api.driver.HealthTracker;

/** {@link HealthTracker} with requests/s over a sliding 60 s window of one-second buckets. */
public final class WindowedHealthTracker implements HealthTracker {

    private static final int WINDOW_SECONDS = 60;

    private final String name;
    private final Clock clock;
    private final long startMillis;
    private final long[] buckets = new long[WINDOW_SECONDS];
    private final long[] bucketSecond = new long[WINDOW_SECONDS];
    private final TreeMap<String, Long> errorCounts = new TreeMap<>();
    private DeviceState state = DeviceState.STARTING;
    private Instant lastSuccess;
    private Instant lastError;
    private String lastErrorMessage;
    private long requests;
    private long failed;

    public WindowedHealthTracker(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.startMillis = clock.millis();
    }

    private void count() {
        requests++;
        long second = Math.floorDiv(clock.millis(), 1000);
        int i = (int) Math.floorMod(second, WINDOW_SECONDS);
        if (bucketSecond[i] != second) {
            bucketSecond[i] = second;
            buckets[i] = 0;
        }
        buckets[i]++;
    }

    @Override
    public synchronized void requestSucceeded() {
        count();
    }

    @Override
    public synchronized void requestFailed(String kind, String message) {
        count();
        failed++;
        errorCounts.merge(kind, 1L, Long::sum);
        lastError = clock.instant();
        lastErrorMessage = message;
    }

    @Override
    public synchronized void cycleSucceeded(Instant at) {
        state = DeviceState.ONLINE;
        lastSuccess = at;
    }

    @Override
    public synchronized void cycleFailed(Instant at, String message) {
        state = DeviceState.ERROR;
        lastError = at;
        lastErrorMessage = message;
    }

    @Override
    public synchronized void state(DeviceState newState, String message) {
        state = newState;
        if (message != null) {
            lastError = clock.instant();
            lastErrorMessage = message;
        }
    }

    @Override
    public synchronized HealthSnapshot snapshot() {
        long now = clock.millis();
        long second = Math.floorDiv(now, 1000);
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (second - bucketSecond[i] < WINDOW_SECONDS && bucketSecond[i] <= second) {
                sum += buckets[i];
            }
        }
        double seconds = Math.max(1.0, Math.min(WINDOW_SECONDS, (now - startMillis) / 1000.0));
        return new HealthSnapshot(name, state, Optional.ofNullable(lastSuccess), Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorMessage), requests, failed, errorCounts, sum / seconds);
    }
}
