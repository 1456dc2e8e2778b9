package org.gridprint.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeterRegistryImplTest {

    MeterRegistryImpl registry;
    RecordingEventAdmin events;

    @BeforeEach
    void setUp() {
        registry = new MeterRegistryImpl();
        events = new RecordingEventAdmin();
        registry.setEventAdmin(events);
        registry.activate();
    }

    static MeterDeclaration declared(String id, String site, String origin) {
        return new MeterDeclaration(Meter.of(id, site), origin);
    }

    @Test
    void metersAreSortedById() {
        registry.add(declared("b", "hq", "pid-b"));
        registry.add(declared("a", "hq", "pid-a"));
        assertEquals(List.of("a", "b"), registry.meters().stream().map(Meter::id).toList());
        assertEquals("hq", registry.meter("a").orElseThrow().siteId());
        assertTrue(registry.meter("zzz").isEmpty());
        assertTrue(registry.meter(null).isEmpty());
    }

    @Test
    void duplicateIdIsAConfigErrorNamingBothConfigurations() {
        var first = declared("hq/m1", "hq", "org.gridprint.meter~one (etc/org.gridprint.meter-one.cfg)");
        var second = declared("hq/m1", "other", "org.gridprint.meter~two (etc/org.gridprint.meter-two.cfg)");
        registry.add(first);
        registry.add(second);
        assertEquals("hq", registry.meter("hq/m1").orElseThrow().siteId(), "the first declaration wins");
        var alarms = events.on(Topics.alarm(AlarmKind.CONFIG_ERROR));
        assertEquals(1, alarms.size());
        var message = (String) alarms.get(0).getProperty(EventKeys.MESSAGE);
        assertTrue(message.contains("org.gridprint.meter~one") && message.contains("org.gridprint.meter~two")
                && message.contains("'hq/m1'") && message.contains("expected each meter id in exactly one"), message);
        assertEquals("hq/m1", alarms.get(0).getProperty(EventKeys.METER_ID));

        registry.remove(first);
        assertEquals("other", registry.meter("hq/m1").orElseThrow().siteId(), "the second takes over");
        registry.remove(second);
        assertTrue(registry.meters().isEmpty());
    }

    @Test
    void duplicatesFoundBeforeActivationAreRaisedOnActivation() {
        var fresh = new MeterRegistryImpl();
        fresh.setEventAdmin(events);
        fresh.add(declared("x", "hq", "p1"));
        fresh.add(declared("x", "hq", "p2"));
        assertTrue(events.posted.isEmpty());
        fresh.activate();
        assertEquals(1, events.on(Topics.alarm(AlarmKind.CONFIG_ERROR)).size());
    }

    @Test
    void metersArePushedToTheStoreWhenDeclaredAndWhenTheStoreArrives() {
        registry.add(declared("a", "hq", "p-a"));
        var store = new FakeReadingStore();
        registry.setStore(store);
        assertEquals(List.of("a"), store.registered.stream().map(Meter::id).toList());
        registry.add(declared("b", "hq", "p-b"));
        registry.add(declared("b", "hq", "p-b2"));   // duplicate: not pushed
        assertEquals(List.of("a", "b"), store.registered.stream().map(Meter::id).toList());
        registry.unsetStore(store);
        registry.add(declared("c", "hq", "p-c"));
        assertEquals(2, store.registered.size());
    }

    @Test
    void aFailingStoreDoesNotStopRegistration() {
        var store = new FakeReadingStore() {
            @Override
            public synchronized void registerMeter(Meter meter) {
                throw new IllegalStateException("database down");
            }
        };
        registry.setStore(store);
        registry.add(declared("a", "hq", "p-a"));
        assertTrue(registry.meter("a").isPresent());
    }
}
