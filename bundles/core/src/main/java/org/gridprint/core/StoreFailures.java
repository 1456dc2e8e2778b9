package org.gridprint.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store failures as ingest sees them, reported once per condition: when the store refuses a batch after storing
 * fine, ONE ERROR line and one STORE_UNAVAILABLE alarm (source {@code ingest}, ALARM_STATE = RAISED); when it
 * stores a batch again, one INFO line and one alarm (CLEARED) with the number of batches refused meanwhile (COUNT).
 * Every refused batch in between is counted, not logged (DEBUG only). Thread-safe.
 */
final class StoreFailures {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);
    static final String SOURCE = "ingest";

    /** The alarm to post, if the call started or ended the condition. */
    interface Poster {
        void post(Alarm alarm);
    }

    private final AtomicLong refused = new AtomicLong();
    private volatile boolean failing;
    private Instant since;
    private String firstCause;

    /** A batch was refused by the store; raises the condition if it is new. */
    void refused(String source, RuntimeException e, Instant now, Poster poster) {
        refused.incrementAndGet();
        Alarm alarm = null;
        synchronized (this) {
            if (!failing) {
                failing = true;
                since = now;
                firstCause = String.valueOf(e.getMessage());
                var message = "the reading store refuses batches (first from " + source + "): " + firstCause
                        + "; the drivers keep the readings and submit them again; logged once until the store "
                        + "takes batches again";
                LOG.error(message);
                alarm = Alarm.of(AlarmKind.STORE_UNAVAILABLE, message, now).withSource(SOURCE)
                        .with(EventKeys.ALARM_STATE, EventKeys.RAISED);
            } else {
                LOG.debug("the reading store refused a batch from {}: {}", source, e.getMessage());
            }
        }
        if (alarm != null) {
            poster.post(alarm);
        }
    }

    /** A batch was stored; clears the condition if it was raised. */
    void stored(Instant now, Poster poster) {
        if (!failing) {
            return;
        }
        Alarm alarm;
        synchronized (this) {
            if (!failing) {
                return;
            }
            failing = false;
            long n = refused.getAndSet(0);
            var seconds = Math.max(0, Duration.between(since, now).toSeconds());
            var message = "the reading store takes batches again after " + seconds + " s; " + n
                    + " batch(es) were refused meanwhile and are resubmitted by the drivers (it had failed: "
                    + firstCause + ")";
            LOG.info(message);
            alarm = Alarm.of(AlarmKind.STORE_UNAVAILABLE, message, now).withSource(SOURCE)
                    .with(EventKeys.ALARM_STATE, EventKeys.CLEARED).with(EventKeys.COUNT, n);
        }
        poster.post(alarm);
    }

    boolean failing() {
        return failing;
    }
}
