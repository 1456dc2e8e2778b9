package org.gridprint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlarmTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00.250Z");

    @Test
    void minimalAlarmHasKindMessageTimestampAndEmptyMeterIds() {
        var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, "bad config", T);
        assertEquals("gridprint/alarms/CONFIG_ERROR", alarm.topic());
        var props = alarm.toEventProperties();
        assertEquals(Map.of(EventKeys.ALARM_KIND, "CONFIG_ERROR", EventKeys.MESSAGE, "bad config",
                EventKeys.TIMESTAMP, T.toEpochMilli()), withoutMeterIds(props));
        assertEquals(Long.class, props.get(EventKeys.TIMESTAMP).getClass());
        assertArrayEquals(new String[0], (String[]) props.get(EventKeys.METER_IDS));
        assertFalse(props.containsKey(EventKeys.SOURCE));
        assertFalse(props.containsKey(EventKeys.DEVICE_ID));
    }

    @Test
    void fullAlarmCarriesEveryKey() {
        var ids = new ArrayList<>(List.of("hq/a", "hq/b"));
        var alarm = Alarm.of(AlarmKind.DEVICE_ERROR, "timeout", T).withSource("modbus/plc-1").withDeviceId("plc-1")
                .withMeterIds(ids).with(EventKeys.COUNT, 2).with(EventKeys.FROM, 1L);
        ids.clear();
        var props = alarm.toEventProperties();
        assertEquals("DEVICE_ERROR", props.get(EventKeys.ALARM_KIND));
        assertEquals("modbus/plc-1", props.get(EventKeys.SOURCE));
        assertEquals("plc-1", props.get(EventKeys.DEVICE_ID));
        assertEquals("timeout", props.get(EventKeys.MESSAGE));
        assertEquals(T.toEpochMilli(), props.get(EventKeys.TIMESTAMP));
        assertArrayEquals(new String[] { "hq/a", "hq/b" }, (String[]) props.get(EventKeys.METER_IDS));
        assertEquals(2, props.get(EventKeys.COUNT));
        assertEquals(1L, props.get(EventKeys.FROM));
        assertEquals(8, props.size());
        assertEquals(List.of("hq/a", "hq/b"), alarm.meterIds(), "the record keeps its own copy");
    }

    @Test
    void nullsBecomeEmptyAndRequiredPartsAreChecked() {
        var alarm = new Alarm(AlarmKind.STALE, null, "m", T, null, null, null);
        assertEquals(Optional.empty(), alarm.source());
        assertEquals(List.of(), alarm.meterIds());
        assertEquals(Optional.empty(), alarm.deviceId());
        assertEquals(Map.of(), alarm.details());
        assertThrows(NullPointerException.class, () -> Alarm.of(null, "m", T));
        assertThrows(NullPointerException.class, () -> Alarm.of(AlarmKind.STALE, null, T));
        assertThrows(NullPointerException.class, () -> Alarm.of(AlarmKind.STALE, "m", null));
    }

    @Test
    void detailsMayNotRepeatStandardKeys() {
        var alarm = Alarm.of(AlarmKind.STALE, "m", T);
        assertThrows(IllegalArgumentException.class, () -> alarm.with(EventKeys.SOURCE, "x"));
        assertThrows(IllegalArgumentException.class, () -> alarm.with(EventKeys.METER_IDS, new String[0]));
        assertEquals("b", alarm.with("config", "a").with("config", "b").details().get("config"));
    }

    @Test
    void propertiesAreAFreshMapEachTime() {
        var alarm = Alarm.of(AlarmKind.STALE, "m", T);
        alarm.toEventProperties().put("x", "y");
        assertFalse(alarm.toEventProperties().containsKey("x"));
    }

    private static Map<String, Object> withoutMeterIds(Map<String, Object> props) {
        var copy = new java.util.HashMap<>(props);
        copy.remove(EventKeys.METER_IDS);
        return copy;
    }
}
