package org.gridprint.driver.modbus;

import java.util.List;

import org.gridprint.api.AlarmKind;

/** Where a device reports alarms (EventAdmin in OSGi, a list in tests). Must not throw. */
@FunctionalInterface
public interface AlarmSink {

    AlarmSink NONE = (kind, deviceId, message, meterIds) -> {
    };

    void raise(AlarmKind kind, String deviceId, String message, List<String> meterIds);
}
