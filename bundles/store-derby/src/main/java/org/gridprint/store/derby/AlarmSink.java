package org.gridprint.store.derby;

import org.gridprint.api.Alarm;

/** Where the store's alarms go: EventAdmin in OSGi, a list in tests, nowhere without either. Never throws. */
@FunctionalInterface
interface AlarmSink {

    AlarmSink NONE = alarm -> { };

    void post(Alarm alarm);
}
