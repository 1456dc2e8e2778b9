package org.gridprint.carbon;

import org.gridprint.api.Alarm;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts this bundle's events; alarm properties are built by the api's {@link Alarm}. Posting never throws. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private Events() {
    }

    static void post(EventAdmin eventAdmin, Alarm alarm) {
        post(eventAdmin, new Event(alarm.topic(), alarm.toEventProperties()));
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
