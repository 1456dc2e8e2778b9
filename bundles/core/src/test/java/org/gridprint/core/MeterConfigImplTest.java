package org.gridprint.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

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

    /**
     * A BundleContext whose registerService/unregister hand the declaration to the registry like SCR's dynamic
     * reference does, and that checks after every step that the given meter is still declared.
     */
    private static BundleContext wiredTo(MeterRegistryImpl registry, List<String> seen) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    var declaration = (MeterDeclaration) args[1];
                    registry.add(declaration);
                    seen.add(String.join(",", registry.meters().stream().map(m -> m.id() + "@" + m.siteId()).toList()));
                    return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                            new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                                if (!m.getName().equals("unregister")) {
                                    throw new UnsupportedOperationException(m.getName());
                                }
                                registry.remove(declaration);
                                seen.add(String.join(",",
                                        registry.meters().stream().map(x -> x.id() + "@" + x.siteId()).toList()));
                                return null;
                            });
                });
    }

    @Test
    void editingAConfigurationNeverUndeclaresTheMeter() {
        var registry = MeterRegistryImpl.of(List.of());
        var seen = new ArrayList<String>();
        var context = wiredTo(registry, seen);
        var component = new MeterConfigImpl(null);
        component.activate(context, MeterConfigValidatorTest.config("site", "hq"));
        component.modified(context, MeterConfigValidatorTest.config("site", "plant-2"));
        assertEquals(List.of("hq/b1/panel-3/ahu-2@hq", "hq/b1/panel-3/ahu-2@plant-2", "hq/b1/panel-3/ahu-2@plant-2"),
                seen, "the meter is declared after every step, the new site replaces the old in place");
        assertEquals("plant-2", registry.meter("hq/b1/panel-3/ahu-2").orElseThrow().siteId());

        seen.clear();
        component.modified(context, MeterConfigValidatorTest.config("id", "hq/b1/panel-3/ahu-3", "site", "hq"));
        assertEquals(List.of("hq/b1/panel-3/ahu-2@plant-2,hq/b1/panel-3/ahu-3@hq", "hq/b1/panel-3/ahu-3@hq"), seen,
                "a changed id: the new one is added, then the old one removed");

        var events = new RecordingEventAdmin();
        var reporting = new MeterConfigImpl(events);
        reporting.activate(context, MeterConfigValidatorTest.config("id", "hq/x", "site", "hq"));
        reporting.modified(context, MeterConfigValidatorTest.config("id", "hq/x", "site", ""));
        assertTrue(registry.meter("hq/x").isEmpty(), "an edit that makes the configuration invalid undeclares it");
        assertEquals(1, events.on(Topics.alarm(AlarmKind.CONFIG_ERROR)).size());

        component.deactivate();
        reporting.deactivate();
        assertTrue(registry.meters().isEmpty());
    }

    @Test
    void anEditedDuplicateStaysInReserveAndTheFirstKeepsTheId() {
        var registry = MeterRegistryImpl.of(List.of());
        var context = wiredTo(registry, new ArrayList<>());
        var first = new MeterConfigImpl(null);
        var second = new MeterConfigImpl(null);
        first.activate(context, MeterConfigValidatorTest.config("service.pid", "org.gridprint.meter~one"));
        second.activate(context, MeterConfigValidatorTest.config("service.pid", "org.gridprint.meter~two",
                "site", "other"));
        second.modified(context, MeterConfigValidatorTest.config("service.pid", "org.gridprint.meter~two",
                "site", "third"));
        assertEquals("hq", registry.meter("hq/b1/panel-3/ahu-2").orElseThrow().siteId());
        first.deactivate();
        assertEquals("third", registry.meter("hq/b1/panel-3/ahu-2").orElseThrow().siteId(),
                "the edited reserve takes over");
        second.deactivate();
        assertTrue(registry.meters().isEmpty());
    }
}
