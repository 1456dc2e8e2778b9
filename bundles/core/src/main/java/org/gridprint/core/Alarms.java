package org.gridprint.core;

import org.gridprint.api.Alarm;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts this bundle's events: {@code gridprint/alarms/<KIND>} (properties built by the api's {@link Alarm}) and
 * the others. Posting never throws.
 */
final class Alarms {

    private static final Logger LOG = LoggerFactory.getLogger(Alarms.class);

    private Alarms() {
    }

    static void post(EventAdmin eventAdmin, Alarm alarm) {
        post(eventAdmin, new Event(alarm.topic(), alarm.toEventProperties()));
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
