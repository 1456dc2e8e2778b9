package org.gridprint.carbon;

import java.util.HashMap;
import java.util.Map;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and posts this bundle's events. Posting never throws. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private Events() {
    }

    static Event alarm(AlarmKind kind, String source, String message, long epochMillis, Map<String, Object> extra) {
        var props = new HashMap<String, Object>(extra);
        props.put(EventKeys.ALARM_KIND, kind.name());
        props.put(EventKeys.SOURCE, source);
        props.put(EventKeys.MESSAGE, message);
        props.put(EventKeys.TIMESTAMP, epochMillis);
        return new Event(Topics.alarm(kind), props);
    }

    /** Posts asynchronously; a missing or failing EventAdmin costs the event (logged), never the caller's work. */
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
