package org.gridprint.edge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.driver.toolkit.EventAlarmConditions;

/** The real alarm hygiene of the driver toolkit, recording what it posts. */
final class RecordedAlarms {

    private final List<Alarm> posted = new ArrayList<>();
    final EventAlarmConditions conditions;

    RecordedAlarms(String source) {
        conditions = new EventAlarmConditions(source, "test", Clock.systemUTC(), a -> {
            synchronized (posted) {
                posted.add(a);
            }
        });
    }

    long count(AlarmKind kind, String state) {
        synchronized (posted) {
            return posted.stream().filter(a -> a.kind() == kind
                    && state.equals(a.details().get(EventKeys.ALARM_STATE))).count();
        }
    }

    List<Alarm> all() {
        synchronized (posted) {
            return List.copyOf(posted);
        }
    }
}
