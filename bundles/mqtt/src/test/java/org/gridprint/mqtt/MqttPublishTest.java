package org.gridprint.mqtt;

import static org.gridprint.mqtt.Harness.M1;
import static org.gridprint.mqtt.Harness.M2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridprint.testing.Mosquitto;

/** Emission windows and alarms published through a real mosquitto broker to a test subscriber. */
class MqttPublishTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static EmissionWindow window(String meter, Instant start, long amountNano, long co2e, long factorRef) {
        return new EmissionWindow(meter, "hq", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, start, start.plusSeconds(900), amountNano, co2e, factorRef, 0, 0,
                Quality.GOOD, Set.of(), start, start.plusSeconds(900), 1, T.plusSeconds(3600));
    }

    @Test
    void windowsOfTheComputedEventAndAlarmsArePublished(@TempDir Path dir) throws Exception {
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir);
                var sub = new Subscriber(broker.tcpUri(), "gridprint/out/#")) {
            var settings = BrokerSettingsParser.parse(Harness.config("central", broker.tcpUri()));
            try (var link = h.link(settings)) {
                link.start();
                Harness.await("connected", link::connected);
                var factor = h.store.put("factor", "uk-desnz-2025", "edition=2025\nsource=DESNZ\nvalue=0.177", "test");
                h.store.storeWindows(List.of(window(M1, T, 2_500_000_000L, 442_500_000L, factor.ref()),
                        window(M1, T.plusSeconds(900), 1_000_000_000L, 177_000_000L, factor.ref()),
                        window(M2, T, 500_000_000L, 88_500_000L, factor.ref()),
                        window(M1, T.plusSeconds(1800), 9_000_000_000L, 1L, factor.ref())), "computed");
                var publisher = new EventPublisher(settings, link::publish, () -> h.store, () -> h.store);

                var props = new HashMap<String, Object>();
                props.put(EventKeys.METER_IDS, new String[] {M1, M2});
                props.put(EventKeys.FROM, T.toEpochMilli());
                props.put(EventKeys.TO, T.plusSeconds(1800).toEpochMilli());
                props.put(EventKeys.COUNT, 3);
                publisher.on(Topics.EMISSIONS_COMPUTED, props);
                var alarm = Alarm.of(AlarmKind.STALE, "meter hq/b1/main silent for 20 min", T).withMeterIds(List.of(M1));
                publisher.on(alarm.topic(), alarm.toEventProperties());

                Harness.await("3 messages", () -> sub.received().size() == 3);
            }
            var byTopic = new HashMap<String, Subscriber.Received>();
            sub.received().forEach(r -> byTopic.put(r.topic(), r));
            var m1 = byTopic.get("gridprint/out/windows/" + M1);
            assertEquals(1, m1.qos());
            assertFalse(m1.retained());
            var tree = JSON.readTree(m1.payload());
            assertEquals(M1, tree.get("meter").asText());
            assertEquals(2, tree.get("windows").size(), "the window at 10:30 lies outside [FROM, TO)");
            var first = tree.get("windows").get(0);
            assertEquals("2026-03-01T10:00:00Z", first.get("start").asText());
            assertEquals(2_500_000_000L, first.get("amountNano").asLong());
            assertEquals(2.5, first.get("amount").asDouble(), 1e-12);
            assertEquals(0.4425, first.get("kgCo2e").asDouble(), 1e-12);
            assertEquals("uk-desnz-2025", first.get("factor").get("key").asText());
            assertEquals("edition=2025\nsource=DESNZ\nvalue=0.177", first.get("factor").get("record").asText());
            var m2 = JSON.readTree(byTopic.get("gridprint/out/windows/" + M2).payload());
            assertEquals(500_000_000L, m2.get("windows").get(0).get("amountNano").asLong());

            var stale = JSON.readTree(byTopic.get("gridprint/out/alarms/STALE").payload());
            assertEquals("STALE", stale.get("kind").asText());
            assertEquals("meter hq/b1/main silent for 20 min", stale.get("message").asText());
            assertEquals(M1, stale.get("meterIds").get(0).asText());
            assertEquals("2026-03-01T10:00:00Z", stale.get("time").asText());
        }
    }

    @Test
    void publicationsWhileTheBrokerIsDownAreSentAfterTheReconnect(@TempDir Path dir) throws Exception {
        // the broker keeps sessions across its restart, so the subscriber's persistent session collects what the
        // link sends right after it reconnects, whenever the subscriber comes back
        var store = Files.createDirectories(dir.resolve("broker-store"));
        var broker = new Mosquitto(dir, List.of("persistence true", "persistence_location " + store + "/")).start();
        new Subscriber(broker.tcpUri(), "gridprint/out/alarms/#", false).close();
        try (var h = new Harness(dir);
                var link = h.link(BrokerSettingsParser.parse(Harness.config("central", broker.tcpUri())))) {
            link.start();
            Harness.await("connected", link::connected);
            broker.stop();
            Harness.await("link down", () -> !link.connected());
            var publisher = new EventPublisher(BrokerSettingsParser.parse(Harness.config("central",
                    broker.tcpUri())), link::publish, () -> null, () -> null);
            for (var kind : List.of(AlarmKind.STALE, AlarmKind.COUNTER_RESET)) {
                var alarm = Alarm.of(kind, "while down", T);
                publisher.on(alarm.topic(), alarm.toEventProperties());
            }
            assertEquals(2, link.status().queuedPublications());
            broker.start();
            Harness.await("reconnected", link::connected);
            Harness.await("queue flushed", () -> link.status().queuedPublications() == 0);
            try (var sub = new Subscriber(broker.tcpUri(), "gridprint/out/alarms/#", false)) {
                Harness.await("queued alarms delivered", () -> sub.received().size() == 2);
                assertEquals(List.of("gridprint/out/alarms/STALE", "gridprint/out/alarms/COUNTER_RESET"),
                        sub.received().stream().map(Subscriber.Received::topic).toList(), "in order");
            }
        } finally {
            broker.stop();
        }
    }
}
