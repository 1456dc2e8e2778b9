package org.gridprint.api.driver;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.AlarmKind;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Alarm hygiene for one device (or bridge): a condition (e.g. "registers 30073 answer NaN") raises ONE alarm when
 * it starts and ONE when it clears; while it lasts, repeats are only counted. Never a log line per poll.
 * Thread-safe.
 */
@ProviderType
public interface AlarmConditions {

    /**
     * Event property: {@link org.gridprint.api.EventKeys#RAISED} (the condition started) or
     * {@link org.gridprint.api.EventKeys#CLEARED}; the same key every bundle uses ({@link org.gridprint.api.EventKeys#ALARM_STATE}).
     */
    String STATE_KEY = org.gridprint.api.EventKeys.ALARM_STATE;
    /** Event property: the condition's key. */
    String CONDITION_KEY = "condition";

    /** A condition that is active now. */
    record Active(String key, AlarmKind kind, String message, Instant since, long count, List<String> meterIds) {
        public Active {
            meterIds = List.copyOf(meterIds);
        }
    }

    /**
     * Reports that condition {@code key} holds now. The first report posts an alarm (state RAISED) and returns true;
     * later reports while it is active only count and return false.
     */
    boolean raise(String key, AlarmKind kind, String message, List<String> meterIds);

    /** Reports that condition {@code key} no longer holds: posts one CLEARED alarm with the count if it was active. */
    boolean clear(String key);

    /** Clears every active condition whose key starts with {@code prefix}, except those in {@code keep}. */
    void clearAllExcept(String prefix, java.util.Set<String> keep);

    boolean isActive(String key);

    List<Active> active();
}
