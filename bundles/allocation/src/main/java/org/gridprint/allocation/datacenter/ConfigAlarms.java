package org.gridprint.allocation.datacenter;

import java.time.Instant;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts gridprint/alarms/CONFIG_ERROR for a configuration that could not be used (once per activation). */
final class ConfigAlarms {

    private ConfigAlarms() {
    }

    static void post(EventAdmin events, String pid, String message) {
        if (events == null) {
            return;
        }
        var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, message, Instant.now()).withSource(pid)
                .with(EventKeys.ALARM_STATE, EventKeys.RAISED);
        try {
            events.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            // the error is logged by the caller; a failing EventAdmin costs only the event
        }
    }
}
