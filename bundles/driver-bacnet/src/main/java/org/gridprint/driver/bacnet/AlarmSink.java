package org.gridprint.driver.bacnet;

import org.gridprint.api.Alarm;

/** Where a device's alarms go (EventAdmin in OSGi, a list in tests). Must not throw. */
@FunctionalInterface
public interface AlarmSink {

    AlarmSink NONE = alarm -> {
    };

    void publish(Alarm alarm);
}
