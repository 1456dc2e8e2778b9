package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class AlarmLogTest {

    private static Event event(AlarmKind kind, String state, String condition) {
        var alarm = Alarm.of(kind, "m1 answers NaN", Instant.parse("2026-01-01T00:00:00Z")).withSource("modbus/d1")
                .withDeviceId("d1").withMeterIds(List.of("m1"));
        if (state != null) {
            alarm = alarm.with(org.gridprint.api.EventKeys.ALARM_STATE, state).with("condition", condition);
        }
        return new Event(alarm.topic(), alarm.toEventProperties());
    }

    @Test
    void activeUntilClearedRecentNewestFirstAndBounded() {
        var log = new AlarmLog();
        log.handleEvent(event(AlarmKind.INVALID_READING, "RAISED", "nan:0"));
        log.handleEvent(event(AlarmKind.DEVICE_ERROR, null, null));
        assertEquals(1, log.active().size());
        assertEquals("INVALID_READING", log.active().get(0).kind());
        assertEquals(List.of("m1"), log.active().get(0).meterIds());
        log.handleEvent(event(AlarmKind.INVALID_READING, "CLEARED", "nan:0"));
        assertEquals(0, log.active().size());
        assertEquals("CLEARED", log.recent().get(0).state());
        assertEquals(3, log.recent().size());
        for (int i = 0; i < AlarmLog.RECENT + 10; i++) {
            log.handleEvent(event(AlarmKind.STALE, null, null));
        }
        assertEquals(AlarmLog.RECENT, log.recent().size());
    }
}
