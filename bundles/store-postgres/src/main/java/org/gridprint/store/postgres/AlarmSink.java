package org.gridprint.store.postgres;

import org.gridprint.api.Alarm;

/** Where the store's alarms go: EventAdmin in OSGi, a list in tests. */
@FunctionalInterface
public interface AlarmSink {

    AlarmSink NONE = alarm -> { };

    void post(Alarm alarm);
}
