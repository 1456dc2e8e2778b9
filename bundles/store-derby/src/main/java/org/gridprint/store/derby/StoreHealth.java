package org.gridprint.store.derby;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store can take batches, and its alarm: when Derby fails, ONE ERROR line and one STORE_UNAVAILABLE
 * alarm (ALARM_STATE = RAISED); when the store is back, one INFO line and one alarm (CLEARED) with the number of
 * batches refused meanwhile (COUNT). Nothing in between per batch.
 */
final class StoreHealth {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    private final Path dir;
    private final Clock clock;
    private final AlarmSink alarms;
    private final AtomicLong refused = new AtomicLong();
    private volatile String cause;
    private volatile long since;
    /** The cause of the last failure that cleared, or null. */
    private volatile String lastCleared;

    StoreHealth(Path dir, Clock clock, AlarmSink alarms) {
        this.dir = dir;
        this.clock = clock;
        this.alarms = alarms;
    }

    /** The cause in words while unavailable, else null. */
    String cause() {
        return cause;
    }

    /** For StoreAdmin.status(): the cause while unavailable (or on probation), else the last one that cleared. */
    java.util.Optional<String> lastError() {
        var c = cause;
        return java.util.Optional.ofNullable(c != null ? c : lastCleared);
    }

    /** The text a refused batch gets while the store is unavailable. */
    String refusal() {
        return "Derby store " + dir + " is unavailable: " + cause + " (the batch was not stored; the driver keeps it)";
    }

    void refused() {
        refused.incrementAndGet();
    }

    /** Derby failed: raise (once). */
    void failed(String causeInWords) {
        if (cause != null) {
            return;
        }
        cause = causeInWords;
        since = clock.millis();
        refused.set(0);
        var message = "Derby store " + dir + " is unavailable: " + causeInWords + "; batches are refused (the "
                + "drivers keep them) and the store reopens by itself when the cause is gone (Derby's own log: "
                + dir.resolve("derby.log") + ")";
        LOG.error(message);
        post(Alarm.of(AlarmKind.STORE_UNAVAILABLE, message, clock.instant()).withSource(DerbyStore.PID)
                .with(EventKeys.ALARM_STATE, EventKeys.RAISED));
    }

    /**
     * A more telling cause of the current failure (e.g. the disk is full, seen by the flusher, where the writer only
     * saw its connection lost): replaces a "connection lost" cause, without a new alarm; logged once at WARN.
     */
    void refine(String betterCause) {
        var current = cause;
        if (current != null && current.startsWith(DerbyFailure.CONNECTION_LOST)
                && !betterCause.startsWith(DerbyFailure.CONNECTION_LOST)) {
            cause = betterCause;
            LOG.warn("Derby store {}: the failure's cause: {}", dir, betterCause);
        }
    }

    /** The store is back: clear (once). */
    void recovered(String how) {
        if (cause == null) {
            return;
        }
        long n = refused.getAndSet(0);
        long seconds = Math.max(0, (clock.millis() - since) / 1000);
        var message = "Derby store " + dir + " is available again after " + seconds + " s (" + how + "); " + n
                + " batch(es) were refused meanwhile (the drivers resubmit them); it had failed: " + cause;
        lastCleared = cause;
        cause = null;
        LOG.info(message);
        post(Alarm.of(AlarmKind.STORE_UNAVAILABLE, message, clock.instant()).withSource(DerbyStore.PID)
                .with(EventKeys.ALARM_STATE, EventKeys.CLEARED).with(EventKeys.COUNT, n));
    }

    private void post(Alarm alarm) {
        try {
            alarms.post(alarm);
        } catch (RuntimeException e) {
            LOG.warn("Derby store {}: could not post alarm {}: {}", dir, alarm.kind(), e.toString());
        }
    }
}
