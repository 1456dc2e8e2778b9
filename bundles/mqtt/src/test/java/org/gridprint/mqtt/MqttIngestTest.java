package org.gridprint.mqtt;

import static org.gridprint.mqtt.Harness.M1;
import static org.gridprint.mqtt.Harness.M2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Quantity;
import org.gridprint.api.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridprint.testing.Mosquitto;

/** Ingest through a real mosquitto broker into a real Derby store via the core ingest service. */
class MqttIngestTest {

    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);

    static String item(String meter, String unit, Instant at, String value) {
        return "{\"meter\":\"" + meter + "\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\",\"unit\":\"" + unit
                + "\",\"timestamp\":\"" + at + "\",\"value\":" + value + "}";
    }

    static double value(Harness h, String meter, Instant at) {
        var r = h.store.readings(meter, Quantity.ACTIVE_ENERGY_IMPORT, at, at.plusMillis(1));
        assertEquals(1, r.size(), "readings of " + meter + " at " + at);
        return r.get(0).value();
    }

    @Test
    void goodItemsOfAMessageAreStoredAndEachBadItemGetsItsReason(@TempDir Path dir) throws Exception {
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir);
                var link = h.link(BrokerSettingsParser.parse(Harness.config("site-a", broker.tcpUri())))) {
            link.start();
            Harness.await("subscribed", () -> link.connects() == 1);
            var pub = Harness.client(broker.tcpUri(), "test-publisher");
            var message = "[" + item(M1, "kWh", T0, "1250.5") + ","
                    + item(M2, "Wh", T0, "1500") + ","                          // 1500 Wh = 1.5 kWh
                    + item(M1, "kvarh", T0.plusSeconds(60), "3") + ","          // wrong unit for the quantity
                    + item(M1, "kWh", T0.plusSeconds(120), "\"12\"") + ","      // a string, not a number
                    + "{\"meter\":\"" + M1 + "\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\",\"unit\":\"kWh\","
                    + "\"timestamp\":\"yesterday\",\"value\":1}" + ","
                    + item("hq/unknown", "kWh", T0, "5") + "]";                 // refused by ingest: unknown meter
            Harness.publish(pub, "gridprint/ingest/site-a", message);
            Harness.await("readings stored", () -> h.store.readingCount() == 2);
            assertEquals(1250.5, value(h, M1, T0), 1e-9);
            assertEquals(1.5, value(h, M2, T0), 1e-9);

            var status = link.status();
            assertEquals(1, status.messages());
            assertEquals(2, status.readingsAccepted());
            assertEquals(3, status.itemsRefused(), "refused by the payload parser: unit, value, timestamp");
            var raised = h.alarms(EventKeys.RAISED);
            assertEquals(1, raised.size(), "one INVALID_READING condition per topic, not one per item");
            assertEquals(AlarmKind.INVALID_READING, raised.get(0).kind());
            assertTrue(raised.get(0).message().contains("field 'unit' is 'kvarh'"), raised.get(0).message());
            assertEquals(1, h.events.on(Topics.alarm(AlarmKind.INVALID_READING)).size(),
                    "ingest's own INVALID_READING alarm for the unknown meter");

            // another bad message on the same topic: counted, no second alarm; a clean message clears it
            Harness.publish(pub, "gridprint/ingest/site-a", item(M1, "parsecs", T0.plusSeconds(180), "1"));
            Harness.await("second message", () -> link.status().messages() == 2);
            assertEquals(1, h.alarms(EventKeys.RAISED).size());
            Harness.publish(pub, "gridprint/ingest/site-a", item(M1, "kWh", T0.plusSeconds(240), "1251"));
            Harness.await("clean message stored", () -> h.store.readingCount() == 3);
            assertEquals(1, h.alarms(EventKeys.CLEARED).size());

            // not JSON at all, and a message above maxMessageBytes: refused whole, the link stays up
            Harness.publish(pub, "gridprint/ingest/site-b", "{not json");
            Harness.publish(pub, "gridprint/ingest/site-b", "[" + "1,".repeat(600_000) + "1]");
            Harness.await("two more messages", () -> link.status().messages() == 5);
            assertTrue(link.connected());
            assertEquals(3, h.store.readingCount());
            pub.disconnect();
        }
    }

    @Test
    void persistentSessionDeliversWhatWasPublishedWhileTheClientWasAway(@TempDir Path dir) throws Exception {
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir)) {
            var settings = BrokerSettingsParser.parse(Harness.config("edge", broker.tcpUri()));
            assertFalse(settings.cleanSession(), "persistent session is the default");
            try (var first = h.link(settings)) {
                first.start();
                Harness.await("first subscribed", () -> first.connects() == 1);
            }
            var pub = Harness.client(broker.tcpUri(), "test-publisher");
            for (int i = 0; i < 5; i++) {
                Harness.publish(pub, "gridprint/ingest/edge", item(M1, "kWh", T0.plusSeconds(60L * i), "10" + i));
            }
            pub.disconnect();
            assertEquals(0, h.store.readingCount());
            try (var second = h.link(settings)) {
                second.start();
                Harness.await("queued messages delivered", () -> h.store.readingCount() == 5);
                for (int i = 0; i < 5; i++) {
                    assertEquals(100 + i, value(h, M1, T0.plusSeconds(60L * i)), 1e-9);
                }
            }
        }
    }

    @Test
    void aLostLinkRaisesOneAlarmAndClearsItWhenTheBrokerIsBack(@TempDir Path dir) throws Exception {
        var broker = Mosquitto.plain(dir).start();
        try (var h = new Harness(dir);
                var link = h.link(BrokerSettingsParser.parse(Harness.config("site-a", broker.tcpUri())))) {
            link.start();
            Harness.await("connected", link::connected);
            broker.stop();
            Harness.await("alarm raised", () -> h.alarms(EventKeys.RAISED).size() == 1);
            Harness.await("several retries", () -> link.status().failuresInARow() >= 4);
            assertEquals(1, h.alarms(EventKeys.RAISED).size(), "one alarm, not one per retry");
            assertEquals(AlarmKind.DEVICE_ERROR, h.alarms(EventKeys.RAISED).get(0).kind());
            assertTrue(h.alarms(EventKeys.CLEARED).isEmpty());

            broker.start(); // same port; the broker lost its sessions (persistence false): the link re-subscribes
            Harness.await("reconnected and subscribed", () -> link.connects() == 2);
            Harness.await("alarm cleared", () -> h.alarms(EventKeys.CLEARED).size() == 1);
            assertEquals(1, h.alarms(EventKeys.RAISED).size());
            var pub = Harness.client(broker.tcpUri(), "test-publisher");
            Harness.publish(pub, "gridprint/ingest/site-a", item(M2, "kWh", T0, "7"));
            Harness.await("ingest after reconnect", () -> h.store.readingCount() == 1);
            pub.disconnect();
        } finally {
            broker.stop();
        }
    }
}
