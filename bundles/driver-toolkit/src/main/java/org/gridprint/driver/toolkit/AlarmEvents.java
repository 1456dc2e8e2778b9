package org.gridprint.driver.toolkit;

import org.gridprint.api.Alarm;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts an {@link Alarm} on EventAdmin ({@code postEvent}, topic {@link Alarm#topic()}): the publisher drivers give
 * {@link EventAlarmConditions}. Never throws.
 */
public final class AlarmEvents {

    private AlarmEvents() {
    }

    /**
     * @param admin the EventAdmin, or null (nothing is posted)
     * @return null when posted or there is no EventAdmin; else what EventAdmin threw (e.g. while it goes away)
     */
    public static RuntimeException post(EventAdmin admin, Alarm alarm) {
        if (admin == null) {
            return null;
        }
        try {
            admin.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
