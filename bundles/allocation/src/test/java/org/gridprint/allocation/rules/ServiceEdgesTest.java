package org.gridprint.allocation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.gridprint.api.allocation.Allocation;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.junit.jupiter.api.Test;

class ServiceEdgesTest {

    @Test
    void aBadRuleRaisesOneConfigErrorNamingItsPid() {
        var events = new ArrayList<Event>();
        EventAdmin ea = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        };
        var c = RuleConfiguration.of("org.gridprint.allocation.rule~bad", Map.of("site", "s", "method", "thermal",
                "pool", "C"), ea);
        assertTrue(c.rule().isEmpty());
        assertEquals(1, events.size());
        assertEquals(Topics.alarm(AlarmKind.CONFIG_ERROR), events.get(0).getTopic());
        assertEquals("org.gridprint.allocation.rule~bad", events.get(0).getProperty(EventKeys.SOURCE));
        assertTrue(String.valueOf(events.get(0).getProperty(EventKeys.MESSAGE)).contains("field 'thermal' is missing"),
                String.valueOf(events.get(0).getProperty(EventKeys.MESSAGE)));
    }

    @Test
    void twoCallersOfANewPeriodGetTheSameStoredVersionOne() throws Exception {
        var f = new Fixture().meter("C", null, "");
        for (int h = 0; h < 48; h++) {
            f.hour("C", h, "3");
        }
        f.rule("c", "method", "fixed", "pool", "C", "shares", "A:1, B:2");
        var service = f.service();
        var pool = Executors.newFixedThreadPool(2);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<Allocation>>();
        for (int i = 0; i < 2; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return service.allocate(Fixture.request(48, false, ""));
            }));
        }
        start.countDown();
        List<Allocation> results = new ArrayList<>();
        for (var fu : futures) {
            results.add(fu.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, results.get(0).version());
        assertEquals(1, results.get(1).version());
        assertEquals(results.get(0).shares(), results.get(1).shares());
        assertEquals(1, f.register.history(StoredAllocation.REGISTER, StoredAllocation.key("s", "department",
                Fixture.T0, Fixture.T0.plusSeconds(48 * 3600))).size());
        // 48 × 3 kWh = 144 kWh by 1:2 → 48 / 96 kWh
        assertEquals(48_000, Fixture.share(results.get(1), "A").energyWh());
    }
}
