package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** gridprint:alarms as the console runs it: filters by meter, device (or bridge) and kind, active and recent. */
class AlarmsCommandTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AlarmLog log = new AlarmLog();

    private static Event event(AlarmKind kind, String source, String device, List<String> meters, String state,
            String condition, String message) {
        var alarm = Alarm.of(kind, message, Instant.parse("2026-01-01T00:00:00Z")).withSource(source)
                .withMeterIds(meters).with(EventKeys.ALARM_STATE, state).with("condition", condition);
        if (device != null) {
            alarm = alarm.withDeviceId(device);
        }
        return new Event(alarm.topic(), alarm.toEventProperties());
    }

    private List<String> run(String meter, String device, String kind, boolean recent) throws Exception {
        var out = new PrintStream(console, true, StandardCharsets.UTF_8);
        var command = new AlarmsCommand();
        command.log = log;
        command.session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> method.getName().equals("getConsole") ? out
                        : null);
        command.meter = meter;
        command.device = device;
        command.kind = kind;
        command.recent = recent;
        command.noFormat = true;
        command.execute();
        var lines = console.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        console.reset();
        return lines.isEmpty() || !lines.get(0).startsWith("Since/At") ? lines : lines.subList(1, lines.size());
    }

    @Test
    void filtersByMeterDeviceBridgeAndKind() throws Exception {
        log.handleEvent(event(AlarmKind.INVALID_READING, "modbus/d1", "d1", List.of("hq/m1"), "RAISED", "nan:0",
                "hq/m1 VOLTAGE is NaN"));
        log.handleEvent(event(AlarmKind.NEGATIVE_VALUE, "modbus/d2", "d2", List.of("hq/m2"), "RAISED", "neg:1",
                "hq/m2 ACTIVE_POWER is negative"));
        log.handleEvent(event(AlarmKind.DEVICE_ERROR, "modbus-bridge/gw", null, List.of(), "RAISED", "connect",
                "Modbus bridge gw cannot connect"));

        assertEquals(3, run(null, null, null, false).size());
        var byMeter = run("hq/m1", null, null, false);
        assertEquals(1, byMeter.size());
        assertTrue(byMeter.get(0).contains("INVALID_READING") && byMeter.get(0).contains("d1"), byMeter.get(0));
        var byDevice = run(null, "d2", null, false);
        assertEquals(1, byDevice.size());
        assertTrue(byDevice.get(0).contains("NEGATIVE_VALUE"), byDevice.get(0));
        var byBridge = run(null, "gw", null, false);
        assertEquals(1, byBridge.size(), "a bridge's own alarm (no device id) is found by the bridge id");
        assertTrue(byBridge.get(0).contains("cannot connect"), byBridge.get(0));
        var byKind = run(null, null, "negative_value", false);
        assertEquals(1, byKind.size());
        assertTrue(run("hq/m1", "d2", null, false).isEmpty(), "filters combine");
        assertTrue(run(null, null, "STALE", false).isEmpty(), "--no-format: no rows, no text");

        // cleared: no longer active, but in --recent (newest first) with the filter
        log.handleEvent(event(AlarmKind.INVALID_READING, "modbus/d1", "d1", List.of("hq/m1"), "CLEARED", "nan:0",
                "hq/m1 VOLTAGE is a number again"));
        assertTrue(run("hq/m1", null, null, false).isEmpty());
        var recent = run("hq/m1", null, null, true);
        assertEquals(2, recent.size());
        assertTrue(recent.get(0).contains("CLEARED"), recent.get(0));
        assertFalse(recent.get(1).contains("CLEARED"), recent.get(1));
    }
}
