package org.gridprint.core;

import java.util.HashMap;
import java.util.Map;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and posts {@code gridprint/alarms/<KIND>} events. Posting never throws. */
final class Alarms {

    private static final Logger LOG = LoggerFactory.getLogger(Alarms.class);

    private Alarms() {
    }

    static Event alarm(AlarmKind kind, String message, long epochMillis, Map<String, Object> extra) {
        var props = new HashMap<String, Object>(extra);
        props.put(EventKeys.ALARM_KIND, kind.name());
        props.put(EventKeys.MESSAGE, message);
        props.put(EventKeys.TIMESTAMP, epochMillis);
        return new Event(Topics.alarm(kind), props);
    }

    /**
     * Posts asynchronously. The event is a fact that already happened; a missing or failing EventAdmin
     * costs the event (logged), never the caller's work.
     */
    static void post(EventAdmin eventAdmin, Event event) {
        if (eventAdmin == null) {
            LOG.debug("no EventAdmin: event {} not posted", event.getTopic());
            return;
        }
        try {
            eventAdmin.postEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("could not post event {}: {}", event.getTopic(), e.toString());
        }
    }
}
