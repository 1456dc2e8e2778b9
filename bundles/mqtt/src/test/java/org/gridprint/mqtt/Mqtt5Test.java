package org.gridprint.mqtt;

import static org.gridprint.mqtt.Harness.M1;
import static org.gridprint.mqtt.Harness.M2;
import static org.gridprint.mqtt.MqttIngestTest.T0;
import static org.gridprint.mqtt.MqttIngestTest.item;
import static org.gridprint.mqtt.MqttIngestTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.testing.Mosquitto;
import org.gridprint.testing.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT 5 (protocol = 5) against the real mosquitto 2, which speaks MQTT 5: ingest, session expiry, TLS. */
class Mqtt5Test {

    static Map<String, Object> v5(String id, String uri) {
        var config = Harness.config(id, uri);
        config.put("protocol", "5");
        return config;
    }

    static MqttClient publisher(String uri, String clientId) throws Exception {
        var c = new MqttClient(uri, clientId, new MemoryPersistence());
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o);
        return c;
    }

    static void publish(MqttClient c, String topic, String json) throws Exception {
        c.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void goodItemsOfAnMqtt5MessageAreStoredAndBadItemsRefusedWithReasons(@TempDir Path dir) throws Exception {
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir)) {
            var settings = BrokerSettingsParser.parse(v5("v5", broker.tcpUri()));
            assertTrue(settings.mqtt5());
            try (var link = h.link(settings)) {
                link.start();
                Harness.await("subscribed", () -> link.connects() == 1);
                var pub = publisher(broker.tcpUri(), "v5-publisher");
                publish(pub, "gridprint/ingest/v5", "[" + item(M1, "kWh", T0, "17.25") + ","
                        + item(M2, "MWh", T0, "0.002") + ","                        // 2 kWh
                        + item(M1, "kWh", T0.plusSeconds(60), "\"x\"") + "]");    // a string
                Harness.await("stored", () -> h.store.readingCount() == 2);
                assertEquals(17.25, value(h, M1, T0), 1e-9);
                assertEquals(2.0, value(h, M2, T0), 1e-9);
                Harness.await("counted", () -> link.status().itemsRefused() == 1);
                var raised = h.alarms(EventKeys.RAISED);
                assertEquals(1, raised.size());
                assertEquals(AlarmKind.INVALID_READING, raised.get(0).kind());

                // publishing over MQTT 5 as well: the link's own publication comes back through its subscription
                link.publish("gridprint/ingest/v5", item(M1, "kWh", T0.plusSeconds(120), "18")
                        .getBytes(StandardCharsets.UTF_8));
                Harness.await("own publication stored", () -> h.store.readingCount() == 3);
                Harness.await("delivery counted", () -> link.status().published() == 1);
                pub.disconnect();
                pub.close();
            }
        }
    }

    @Test
    void theSessionExpiryIntervalDecidesWhatWaitsForTheClientWhileItIsAway(@TempDir Path dir) throws Exception {
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir)) {
            // expiry 0: MQTT 5 ends the session at the disconnect (3.1.1 with cleanSession=false would keep it)
            var shortLived = v5("edge", broker.tcpUri());
            shortLived.put("sessionExpirySeconds", "0");
            runAwayAndBack(broker, h, BrokerSettingsParser.parse(shortLived), 0);
            assertEquals(1, h.store.readingCount(), "only the marker: nothing kept for an expired session");

            var kept = v5("edge", broker.tcpUri());
            kept.put("sessionExpirySeconds", "300");
            runAwayAndBack(broker, h, BrokerSettingsParser.parse(kept), 5);
            for (int i = 0; i < 5; i++) {
                assertEquals(200 + i, value(h, M2, T0.plusSeconds(60L * i)), 1e-9);
            }
        }
    }

    private static void runAwayAndBack(Mosquitto broker, Harness h, BrokerSettings settings, int expected)
            throws Exception {
        try (var first = h.link(settings)) {
            first.start();
            Harness.await("first subscribed", () -> first.connects() == 1);
        }
        var pub = publisher(broker.tcpUri(), "v5-publisher");
        for (int i = 0; i < 5; i++) {
            publish(pub, "gridprint/ingest/edge", item(M2, "kWh", T0.plusSeconds(60L * i), "20" + i));
        }
        pub.disconnect();
        pub.close();
        try (var second = h.link(settings)) {
            second.start();
            Harness.await("second subscribed", () -> second.connects() == 1);
            if (expected > 0) {
                Harness.await("queued messages delivered", () -> h.store.readingCount() == 1 + expected);
            } else {
                // a marker published now arrives; had the session been kept, the 5 older ones would come first
                var marker = publisher(broker.tcpUri(), "v5-marker");
                publish(marker, "gridprint/ingest/edge", item(M1, "kWh", T0, "1"));
                marker.disconnect();
                marker.close();
                Harness.await("marker stored", () -> h.store.readingCount() == 1);
                assertEquals(1, second.status().messages(), "only the marker arrived");
            }
        }
    }

    @Test
    void mqtt5OverTlsWithAClientCertificateAndARefusalWithout(@TempDir Path dir) throws Exception {
        var ca = new TestCa(dir);
        var server = ca.issue("broker", "IP:127.0.0.1,DNS:localhost", false);
        var client = ca.issue("gridprint-client", "DNS:gridprint-client", true);
        try (var broker = MqttTlsTest.tlsBroker(dir, ca, server, true); var h = new Harness(dir)) {
            var uri = "ssl://127.0.0.1:" + broker.port();
            var config = v5("secure5", uri);
            config.put("caFile", ca.caCert.toString());
            config.put("clientCertFile", client[0].toString());
            config.put("clientKeyFile", client[1].toString());
            try (var link = h.link(BrokerSettingsParser.parse(config))) {
                link.start();
                Harness.await("TLS connected and subscribed", () -> link.connects() == 1);
                link.publish("gridprint/ingest/secure5", item(M1, "kWh", T0, "42").getBytes(StandardCharsets.UTF_8));
                Harness.await("own TLS publication ingested", () -> h.store.readingCount() == 1);
                assertEquals(42.0, value(h, M1, T0), 1e-9);
            }
            var noCert = v5("no-cert", uri);
            noCert.put("caFile", ca.caCert.toString());
            try (var h2 = new Harness(dir.resolve("second"));
                    var refused = h2.link(BrokerSettingsParser.parse(noCert))) {
                refused.start();
                Harness.await("refusal alarmed", () -> h2.alarms(EventKeys.RAISED).size() == 1);
                assertFalse(refused.connected());
                assertEquals(AlarmKind.DEVICE_ERROR, h2.alarms(EventKeys.RAISED).get(0).kind());
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheMqtt5ReasonInTheConfigurationsWordsAndTheRightOneConnects(@TempDir Path dir)
            throws Exception {
        var passwords = dir.resolve("passwd");
        var made = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwords.toString(), "gridprint",
                "right-password").redirectErrorStream(true).start();
        assertEquals(0, made.waitFor(), "mosquitto_passwd");
        try (var broker = new Mosquitto(dir, java.util.List.of("allow_anonymous false",
                "password_file " + passwords)).start(); var h = new Harness(dir)) {
            var wrong = v5("auth", broker.tcpUri());
            wrong.put("username", "gridprint");
            wrong.put("password", "wrong-password");
            try (var link = h.link(BrokerSettingsParser.parse(wrong))) {
                link.start();
                Harness.await("refusal alarmed", () -> h.alarms(EventKeys.RAISED).size() == 1);
                var message = h.alarms(EventKeys.RAISED).get(0).message();
                assertTrue(message.contains("refused username/password (MQTT 5 reason 0x86)")
                        || message.contains("not authorized (MQTT 5 reason 0x87)"), message);
                assertFalse(message.contains("wrong-password"), "never the password");
                assertFalse(link.connected());
            }
            var right = v5("auth2", broker.tcpUri());
            right.put("username", "gridprint");
            right.put("password", "right-password");
            try (var link = h.link(BrokerSettingsParser.parse(right))) {
                link.start();
                Harness.await("connected with the right password", () -> link.connects() == 1);
            }
        }
    }
}
