package org.gridprint.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.junit.jupiter.api.Test;

class MeterConfigImplTest {

    @Test
    void invalidConfigIsLoggedAndRaisedAsConfigErrorWithoutRegistering() {
        var events = new RecordingEventAdmin();
        var component = new MeterConfigImpl(events);
        // a null BundleContext proves nothing is registered for an invalid configuration
        component.activate(null, MeterConfigValidatorTest.config("id", "bad id", "counterRollover", "-2"));
        var alarms = events.on(Topics.alarm(AlarmKind.CONFIG_ERROR));
        assertEquals(1, alarms.size());
        var message = (String) alarms.get(0).getProperty(EventKeys.MESSAGE);
        for (var part : new String[] {"org.gridprint.meter~ahu2", "etc/org.gridprint.meter-ahu2.cfg", "'id'",
                "'bad id'", "'counterRollover'", "'-2'", "expected"}) {
            assertTrue(message.contains(part), "'" + part + "' missing in: " + message);
        }
        assertEquals("bad id", alarms.get(0).getProperty(EventKeys.METER_ID));
        assertEquals("CONFIG_ERROR", alarms.get(0).getProperty(EventKeys.ALARM_KIND));
        component.deactivate();
    }
}
