package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.driver.AlarmConditions;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alarm per provider condition: RAISED when it starts (logged once: ERROR for CONFIG_ERROR, else WARN), repeats only counted, CLEARED once
 * when it ends (logged at INFO with the count). Posting never throws.
 */
final class ProviderAlarms {

    private static final Logger LOG = LoggerFactory.getLogger(IntensityServiceImpl.class);

    private record Active(AlarmKind kind, String source, String message, long count) {
    }

    private final Supplier<EventAdmin> eventAdmin;
    private final Supplier<Instant> now;
    private final Map<String, Active> active = new HashMap<>();

    ProviderAlarms(Supplier<EventAdmin> eventAdmin, Supplier<Instant> now) {
        this.eventAdmin = eventAdmin;
        this.now = now;
    }

    /** Reports the condition {@code key}; true if this started it (an alarm was posted). */
    synchronized boolean raise(String key, AlarmKind kind, String source, String message) {
        var a = active.get(key);
        if (a != null && a.kind() == kind) {
            active.put(key, new Active(kind, source, message, a.count() + 1));
            LOG.debug("{} (repeated {} times)", message, a.count() + 1);
            return false;
        }
        if (a != null) {
            clear(key);
        }
        active.put(key, new Active(kind, source, message, 1));
        if (kind == AlarmKind.CONFIG_ERROR) {
            LOG.error("{}", message);
        } else {
            LOG.warn("{}", message);
        }
        post(Alarm.of(kind, message, now.get()).withSource(source).with(EventKeys.ALARM_STATE, EventKeys.RAISED)
                .with(AlarmConditions.CONDITION_KEY, key));
        return true;
    }

    /** Ends the condition {@code key}, if active; true if a CLEARED alarm was posted. */
    synchronized boolean clear(String key) {
        var a = active.remove(key);
        if (a == null) {
            return false;
        }
        var message = "cleared after " + a.count() + " failed attempt(s): " + a.message();
        LOG.info("{}", message);
        post(Alarm.of(a.kind(), message, now.get()).withSource(a.source())
                .with(EventKeys.ALARM_STATE, EventKeys.CLEARED).with(AlarmConditions.CONDITION_KEY, key)
                .with(EventKeys.COUNT, a.count()));
        return true;
    }

    synchronized boolean isActive(String key) {
        return active.containsKey(key);
    }

    private void post(Alarm alarm) {
        var ea = eventAdmin.get();
        if (ea == null) {
            return;
        }
        try {
            ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            LOG.warn("could not post alarm {}: {}", alarm.topic(), e.toString());
        }
    }
}
