package org.gridprint.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.testing.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Job stamps, utility bills and meter logs over a real mosquitto (MQTT 3.1.1 and 5) into job and bill services that
 * follow the api contract; each message's report read back from the reply topic by a test subscriber.
 */
class FileMessagesMqttTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Setup(BrokerLink link, FileMessages files, Subscriber replies) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            replies.close();
            link.close();
        }
    }

    private static Setup setup(Mosquitto broker, Harness h, String protocol, FakeAllocation services) throws Exception {
        return setup(broker, h, protocol, new AtomicReference<>(services));
    }

    private static Setup setup(Mosquitto broker, Harness h, String protocol, AtomicReference<FakeAllocation> services)
            throws Exception {
        var config = Harness.config("plant", broker.tcpUri());
        config.put("protocol", protocol);
        config.put("filesTopicPrefix", "plant/in/");
        var settings = BrokerSettingsParser.parse(config);
        var topics = FileTopics.parse(config);
        var link = h.link(settings);
        var files = new FileMessages(topics, settings.maxMessageBytes(), () -> (JobService) services.get(),
                () -> (UtilityBillService) services.get(), link::publish, h.conditions, settings.source(),
                Clock.systemUTC());
        link.route(files.filters(), (BrokerLink.RouteHandler) files::handle);
        var replies = new Subscriber(broker.tcpUri(), "gridprint/out/replies/#");
        link.start();
        Harness.await("subscribed", () -> link.connects() == 1);
        return new Setup(link, files, replies);
    }

    private static JsonNode reply(Subscriber replies, int n) throws Exception {
        Harness.await("reply " + n, () -> replies.received().size() >= n);
        return JSON.readTree(replies.received().get(n - 1).payload());
    }

    @Test
    void jobStampsAsJsonEachBadStampReportedByItsPositionTheRestKept(@TempDir Path dir) throws Exception {
        var services = new FakeAllocation(Set.of("line-2/press"));
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir);
                var s = setup(broker, h, "3.1.1", services)) {
            var pub = Harness.client(broker.tcpUri(), "plc");
            var stamps = "["
                    + "{\"machine\":\"line-2/press\",\"job\":\"J-17\",\"kind\":\"START\",\"at\":\"2026-11-03T06:00:00Z\",\"product\":\"bracket\"},"
                    + "{\"machine\":\"line-2/press\",\"job\":\"J-18\",\"kind\":\"PAUSE\",\"at\":\"2026-11-03T06:10:00Z\"},"
                    + "{\"machine\":\"line-9/lathe\",\"job\":\"J-19\",\"kind\":\"START\",\"at\":\"2026-11-03T06:20:00Z\"},"
                    + "{\"machine\":\"line-2/press\",\"job\":\"J-17\",\"kind\":\"STOP\",\"at\":\"yesterday\"},"
                    + "{\"machine\":\"line-2/press\",\"job\":\"J-17\",\"kind\":\"STOP\",\"at\":\"2026-11-03T08:00:00+01:00\",\"quantity\":120}"
                    + "]";
            Harness.publish(pub, "plant/in/jobs", stamps);
            var r = reply(s.replies(), 1);
            assertEquals("gridprint/out/replies/jobs", s.replies().received().get(0).topic());
            assertEquals(2, r.get("accepted").asInt());
            assertEquals(3, r.get("refused").asInt());
            var errors = r.get("errors");
            assertEquals(1, errors.get(0).get("index").asInt());
            assertEquals("kind", errors.get(0).get("field").asText());
            assertTrue(errors.get(0).get("reason").asText().contains("'PAUSE'; expected START or STOP"));
            assertEquals(2, errors.get(1).get("index").asInt(), "the service's refusal mapped back to its position");
            assertEquals("machine", errors.get(1).get("field").asText());
            assertEquals(3, errors.get(2).get("index").asInt());
            assertEquals("at", errors.get(2).get("field").asText());
            var stop = services.stamps.get("J-17|STOP");
            assertEquals(java.time.Instant.parse("2026-11-03T07:00:00Z"), stop.at());
            assertEquals(120.0, stop.quantity());
            assertEquals("mqtt/plant", stop.source());

            var raised = h.alarms(EventKeys.RAISED);
            assertEquals(1, raised.size());
            assertEquals(AlarmKind.INVALID_READING, raised.get(0).kind());

            // the same message again: the good stamps are duplicates, nothing new stored
            Harness.publish(pub, "plant/in/jobs", stamps);
            var again = reply(s.replies(), 2);
            assertEquals(0, again.get("accepted").asInt());
            assertEquals(2, again.get("duplicates").asInt());
            assertEquals(2, services.stamps.size());
            assertEquals(2, s.files().accepted());
            assertEquals(6, s.files().refused());
            pub.disconnect();
        }
    }

    @Test
    void billsAndMeterLogsAsCsvFilesOverMqtt5(@TempDir Path dir) throws Exception {
        var services = new FakeAllocation(Set.of());
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir);
                var s = setup(broker, h, "5", services)) {
            var pub = Mqtt5Test.publisher(broker.tcpUri(), "office");
            Mqtt5Test.publish(pub, "plant/in/utility-bills/2026-11.csv",
                    "site,account,supplier,from,to,kwh,cost,currency\n"
                            + "hq,ACC-1,Utility Co,2026-11-01,2026-11-30,41250.5,6187.58,USD\n"
                            + "hq,ACC-2,Utility Co,2026-11-01,2026-11-30,lots,1.00,USD\n");
            var r = reply(s.replies(), 1);
            assertEquals("gridprint/out/replies/utility-bills/2026-11.csv", s.replies().received().get(0).topic());
            assertEquals(1, r.get("accepted").asInt());
            assertEquals(3, r.get("errors").get(0).get("index").asInt(), "line 3 refused by number");
            assertEquals(new BigDecimal("41250.5"), services.storedBills.get(0).kwh());
            assertEquals("received over MQTT on plant/in/utility-bills/2026-11.csv", services.reasons.get(0));

            Mqtt5Test.publish(pub, "plant/in/meter-logs/pdu-a.csv",
                    "meter,timestamp,quantity,value,unit\nrack-1/pdu-a,2026-11-03T06:00:00Z,ACTIVE_ENERGY_IMPORT,12.5,kWh\n");
            Mqtt5Test.publish(pub, "plant/in/meter-logs/eaton/pdu-b.csv", "a,b\n1,2\n3,4\n");
            reply(s.replies(), 3);
            assertEquals(List.of("pdu-a.csv||1", "pdu-b.csv|eaton|2"), services.logCalls);

            // a JSON bill, and a meter log sent as JSON: refused whole with the reason
            Mqtt5Test.publish(pub, "plant/in/utility-bills", "{\"site\":\"hq\",\"from\":\"2026-12-01\","
                    + "\"to\":\"2026-11-30\",\"kwh\":1}");
            var bad = reply(s.replies(), 4);
            assertEquals("to", bad.get("errors").get(0).get("field").asText());
            Mqtt5Test.publish(pub, "plant/in/meter-logs/x.json", "[{\"meter\":\"m\"}]");
            var json = reply(s.replies(), 5);
            assertTrue(json.get("errors").get(0).get("reason").asText().contains("CSV file"));
            pub.disconnect();
            pub.close();
        }
    }

    @Test
    void anMqtt5RequestWithAResponseTopicGetsItsReportThereWithItsCorrelationData(@TempDir Path dir)
            throws Exception {
        var services = new FakeAllocation(Set.of("line-2/press"));
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir);
                var s = setup(broker, h, "5", services)) {
            var answers = new java.util.concurrent.LinkedBlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage>();
            var plc = Mqtt5Test.publisher(broker.tcpUri(), "plc-7");
            plc.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription("plc-7/answers", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) -> answers.add(m)});
            var properties = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            properties.setResponseTopic("plc-7/answers");
            properties.setCorrelationData("req-42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var request = new org.eclipse.paho.mqttv5.common.MqttMessage(("[{\"machine\":\"line-2/press\","
                    + "\"job\":\"J-1\",\"kind\":\"START\",\"at\":\"2026-11-03T06:00:00Z\"},"
                    + "{\"machine\":\"nowhere\",\"job\":\"J-2\",\"kind\":\"START\","
                    + "\"at\":\"2026-11-03T06:00:00Z\"}]").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    1, false, properties);
            plc.publish("plant/in/jobs", request);
            var answer = answers.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertNotNull(answer, "no answer on the response topic");
            assertEquals("req-42", new String(answer.getProperties().getCorrelationData(),
                    java.nio.charset.StandardCharsets.UTF_8));
            var report = JSON.readTree(answer.getPayload());
            assertEquals(1, report.get("accepted").asInt());
            assertEquals(1, report.get("errors").get(0).get("index").asInt());
            // the reply topic has it too
            assertEquals(1, reply(s.replies(), 1).get("accepted").asInt());
            plc.disconnect();
            plc.close();
        }
    }

    @Test
    void withoutTheServicesOrWithGarbageEachMessageIsAnsweredAndTheLinkStaysUp(@TempDir Path dir) throws Exception {
        var services = new AtomicReference<FakeAllocation>();
        try (var broker = Mosquitto.plain(dir).start(); var h = new Harness(dir);
                var s = setup(broker, h, "3.1.1", services)) {
            var pub = Harness.client(broker.tcpUri(), "plc");
            Harness.publish(pub, "plant/in/jobs", "[]");
            var r = reply(s.replies(), 1);
            assertTrue(r.get("errors").get(0).get("reason").asText().contains("no job service"), r.toString());

            services.set(new FakeAllocation(Set.of("m")));
            Harness.publish(pub, "plant/in/jobs", "[{\"machine\":\"m\",");
            var garbage = reply(s.replies(), 2);
            assertTrue(garbage.get("errors").get(0).get("reason").asText().startsWith("not valid JSON"));
            Harness.publish(pub, "plant/in/jobs/big", "[" + "{},".repeat(600_000) + "{}]");
            var big = reply(s.replies(), 3);
            assertTrue(big.get("errors").get(0).get("reason").asText().contains("larger than maxMessageBytes"));
            assertTrue(s.link().connected());
            // reading ingest is unaffected by the routes
            Harness.publish(pub, "gridprint/ingest/plant", MqttIngestTest.item(Harness.M1, "kWh", MqttIngestTest.T0, "5"));
            Harness.await("reading stored", () -> h.store.readingCount() == 1);
            assertEquals(3, s.files().messages());
            pub.disconnect();
        }
    }

    @Test
    void filesTopicSettingsAreCheckedNamingTheField() {
        var m = new HashMap<String, Object>();
        m.put("service.pid", "org.gridprint.mqtt.broker~p");
        m.put("filesTopicPrefix", "plant/#/");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FileTopics.parse(m));
        assertEquals("org.gridprint.mqtt.broker~p: field 'filesTopicPrefix' is 'plant/#/'; expected a topic prefix "
                + "without wildcards '+' or '#'", e.getMessage());
        m.put("filesTopicPrefix", "gridprint/");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FileTopics.parse(m));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        m.remove("filesTopicPrefix");
        assertEquals(List.of(), FileTopics.parse(m).filters(), "off by default");
        assertTrue(TopicFilters.matches("plant/in/jobs/#", "plant/in/jobs"));
        assertTrue(TopicFilters.matches("plant/in/jobs/#", "plant/in/jobs/a/b"));
        assertTrue(TopicFilters.matches("a/+/c", "a/b/c"));
        assertTrue(!TopicFilters.matches("a/+/c", "a/b/d") && !TopicFilters.matches("a/b", "a/b/c"));
    }
}
