package org.gridprint.store.postgres;

import java.time.Clock;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store can write, and the one STORE_UNAVAILABLE alarm: raised (and one ERROR line) when the server is
 * lost or unreachable, cleared (and one INFO line) when the writer is connected again. Retries in between log at
 * DEBUG only; refused batches log nothing here (the caller gets the reason).
 */
final class Availability {

    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);

    private final String where;
    private final Clock clock;
    private final AlarmSink alarms;
    private volatile boolean available;
    private volatile boolean down;
    private volatile String lastError;
    private long downSince;
    private int failures;

    Availability(String where, Clock clock, AlarmSink alarms) {
        this.where = where;
        this.clock = clock;
        this.alarms = alarms;
    }

    boolean available() {
        return available;
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The text appends are refused with while unavailable. */
    String refusal() {
        var e = lastError;
        return e != null ? e : "PostgreSQL store at " + where + " is not connected yet";
    }

    /** The server is unreachable or the writer's connection was lost; {@code reason} is in words, masked. */
    synchronized void lost(String reason) {
        lost(true, reason);
    }

    /**
     * The store cannot write: the server is unreachable ({@code unreachable}), or it answers but the store cannot
     * use it (e.g. the role may not create the schema, another store holds the writer lock).
     */
    synchronized void lost(boolean unreachable, String reason) {
        available = false;
        lastError = "PostgreSQL at " + where + (unreachable ? " is unreachable: " : " cannot be used: ") + reason;
        failures++;
        if (!down) {
            down = true;
            downSince = clock.millis();
            LOG.error("{}; batches are refused (the drivers keep them) until it is back; retrying with back-off",
                    lastError);
            alarms.post(Alarm.of(AlarmKind.STORE_UNAVAILABLE, lastError + "; batches are refused until it is back",
                    clock.instant()).withSource(PostgresStore.PID).with(EventKeys.ALARM_STATE, EventKeys.RAISED));
        } else {
            LOG.debug("{} (attempt {})", lastError, failures);
        }
    }

    /** The writer is connected (again). */
    synchronized void restored() {
        if (down) {
            down = false;
            long seconds = (clock.millis() - downSince) / 1000;
            LOG.info("PostgreSQL at {} is reachable again after {} s ({} failed attempts); the store accepts "
                    + "batches", where, seconds, failures);
            alarms.post(Alarm.of(AlarmKind.STORE_UNAVAILABLE, "PostgreSQL at " + where + " is reachable again after "
                    + seconds + " s", clock.instant()).withSource(PostgresStore.PID)
                    .with(EventKeys.ALARM_STATE, EventKeys.CLEARED).with(EventKeys.COUNT, (long) failures));
            failures = 0;
        }
        // available only after the clearing alarm is out: whoever sees the store available sees the alarm too
        available = true;
    }

    /** The store is closing: appends are refused from now on. */
    void closing() {
        available = false;
        lastError = "PostgreSQL store at " + where + " is closed";
    }
}
