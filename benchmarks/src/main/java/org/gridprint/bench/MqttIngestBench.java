package org.gridprint.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.gridprint.mqtt.BrokerLink;
import org.gridprint.mqtt.BrokerSettingsParser;
import org.gridprint.mqtt.MessageIngest;
import org.gridprint.mqtt.PayloadParser;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.gridprint.testing.Mosquitto;

/**
 * MQTT ingest rate: readings/s through a real mosquitto (loopback, started here) at QoS 1 into a Derby store, messages
 * of 100 readings in the documented JSON payload (bundles/mqtt/README.md) through the mqtt bundle's BrokerLink,
 * PayloadParser and MessageIngest into the core IngestServiceImpl; in the same run, the same batches submitted to
 * IngestService directly (the raw store rate; once first, cold, and once last, warm). Each phase gets its own new store. Bounded; deletes its directories.
 *
 * <pre>
 * --messages N   messages (= batches) per phase (default 2000)
 * --batch B      readings per message (default 100)
 * --meters M     meters (default 1000)
 * --protocol P   3.1.1 (default) or 5: the BrokerLink's MQTT version (the publisher is always 3.1.1)
 * --inflight N   mosquitto's max_inflight_messages (QoS 1/2 messages in flight to an MQTT 3.1.1 client); default 0 =
 *                unlimited, mosquitto's own default is 20
 * </pre>
 *
 * <p>The MQTT phase also prints the number of ingest batches (commits) the messages were stored in: the link stores
 * several queued messages as one batch and acknowledges them after it.
 */
public final class MqttIngestBench {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private MqttIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 2000;
        int batch = 100;
        int meterCount = 1000;
        String protocol = "3.1.1";
        int inflight = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--meters" -> meterCount = Integer.parseInt(args[i + 1]);
                case "--protocol" -> protocol = args[i + 1];
                case "--inflight" -> inflight = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --messages, --batch, --meters, --protocol or --inflight");
            }
        }
        var meters = new ArrayList<Meter>();
        for (int m = 0; m < meterCount; m++) {
            meters.add(Meter.of(String.format(Locale.ROOT, "bench/m%04d", m), "bench"));
        }
        var batches = batches(meters, messages, batch);
        long total = (long) messages * batch;
        var root = Files.createTempDirectory("gridprint-mqtt-bench");
        System.out.printf(Locale.ROOT, "%d messages x %d readings = %d readings per phase, %d meters, QoS 1, "
                + "mosquitto max_inflight_messages %d%n", messages, batch, total, meterCount, inflight);

        double raw = rawPhase(root.resolve("raw"), meters, batches, total);
        System.out.printf(Locale.ROOT, "raw store (IngestService.submit, 1 thread): %,.0f readings/s%n", raw);

        double parse = parsePhase(batches, total);
        System.out.printf(Locale.ROOT, "parse only (PayloadParser, 1 thread, no broker, no store): %,.0f readings/s%n",
                parse);

        double mqtt = mqttPhase(root, meters, batches, total, protocol, inflight);
        System.out.printf(Locale.ROOT, "MQTT %s (mosquitto QoS 1 -> BrokerLink -> PayloadParser -> ingest): %,.0f "
                + "readings/s (%.0f %% of raw)%n", protocol, mqtt, 100 * mqtt / raw);
        double warm = rawPhase(root.resolve("raw-warm"), meters, batches, total);
        System.out.printf(Locale.ROOT, "raw store again, warm JVM (its own new store): %,.0f readings/s (MQTT = %.0f %% "
                + "of it)%n", warm, 100 * mqtt / warm);
        deleteTree(root);
    }

    private static List<List<Reading>> batches(List<Meter> meters, int messages, int batch) {
        var out = new ArrayList<List<Reading>>(messages);
        int perTick = Math.max(1, meters.size() / batch);
        for (int i = 0; i < messages; i++) {
            var b = new ArrayList<Reading>(batch);
            int first = (i % perTick) * batch;
            var ts = T0.plusSeconds(60L * (i / perTick));
            for (int j = 0; j < batch; j++) {
                var m = meters.get((first + j) % meters.size());
                b.add(new Reading(m.id(), Quantity.ACTIVE_ENERGY_IMPORT, ts, 1000.0 + i, Quality.GOOD, "bench"));
            }
            out.add(b);
        }
        return out;
    }

    private static IngestServiceImpl ingest(DerbyStore store, List<Meter> meters) {
        meters.forEach(store::registerMeter);
        return new IngestServiceImpl(store, MeterRegistryImpl.of(meters), Clock.systemUTC(), null);
    }

    private static double rawPhase(Path dir, List<Meter> meters, List<List<Reading>> batches, long total) {
        try (var store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults())) {
            var ingest = ingest(store, meters);
            long t = System.nanoTime();
            long accepted = 0;
            for (var b : batches) {
                accepted += ingest.submit("bench", b).accepted();
            }
            double secs = (System.nanoTime() - t) / 1e9;
            check(accepted, total, "raw");
            return total / secs;
        }
    }

    private static double parsePhase(List<List<Reading>> batches, long total) {
        var parser = new PayloadParser(1 << 20);
        var payloads = new ArrayList<byte[]>(batches.size());
        for (var b : batches) {
            payloads.add(json(b));
        }
        long t = System.nanoTime();
        long n = 0;
        for (var p : payloads) {
            if (parser.parse(p, "mqtt/bench") instanceof PayloadParser.Result.Items items) {
                n += items.items().size();
            }
        }
        double secs = (System.nanoTime() - t) / 1e9;
        check(n, total, "parse");
        return total / secs;
    }

    private static double mqttPhase(Path root, List<Meter> meters, List<List<Reading>> batches, long total,
            String protocol, int inflight) throws Exception {
        var mq = Files.createDirectories(root.resolve("mosquitto"));
        try (var broker = new Mosquitto(mq, List.of("max_queued_messages 0", "max_inflight_messages " + inflight)).start();
                var store = DerbyStore.open(root.resolve("mqtt"), Clock.systemUTC(), StoreOptions.defaults())) {
            var ingest = ingest(store, meters);
            var props = new HashMap<String, Object>();
            props.put("id", "bench");
            props.put("serverUri", broker.tcpUri());
            props.put("ingestTopics", "bench/ingest/+");
            props.put("windowTopicPrefix", "");
            props.put("alarmTopicPrefix", "");
            props.put("protocol", protocol);
            var settings = BrokerSettingsParser.parse(props);
            var alarms = new EventAlarmConditions("mqtt/bench", "bench", Clock.systemUTC(), a -> { });
            var messages = new MessageIngest(new PayloadParser(settings.maxMessageBytes()), ingest, alarms,
                    settings.source());
            try (var link = new BrokerLink(settings, messages, alarms, Clock.systemUTC())) {
                link.start();
                for (int i = 0; i < 200 && link.status().connects() == 0; i++) {
                    Thread.sleep(50);
                }
                var payloads = new ArrayList<byte[]>(batches.size());
                for (var b : batches) {
                    payloads.add(json(b));
                }
                var publisher = new MqttAsyncClient(broker.tcpUri(), "bench-publisher", new MemoryPersistence());
                var o = new MqttConnectOptions();
                o.setCleanSession(true);
                o.setMaxInflight(1000);
                publisher.connect(o).waitForCompletion(10_000);
                long t = System.nanoTime();
                var tokens = new ArrayDeque<IMqttDeliveryToken>();
                for (int i = 0; i < payloads.size(); i++) {
                    if (tokens.size() >= 500) {
                        tokens.poll().waitForCompletion(60_000);
                    }
                    tokens.add(publisher.publish("bench/ingest/" + (i % 10), payloads.get(i), 1, false));
                }
                for (int i = 0; i < 60_000 && messages.accepted() < total; i++) {
                    Thread.sleep(5);
                }
                double secs = (System.nanoTime() - t) / 1e9;
                publisher.disconnect().waitForCompletion(5_000);
                publisher.close();
                check(messages.accepted(), total, "MQTT");
                check(store.readingCount(), total, "MQTT store");
                long commits = ingest.statistics().batches();
                System.out.printf(Locale.ROOT, "MQTT phase: %d messages stored in %d ingest batches (%.1f messages, "
                        + "%.0f readings per batch)%n", batches.size(), commits, (double) batches.size() / commits,
                        (double) total / commits);
                return total / secs;
            }
        }
    }

    private static byte[] json(List<Reading> b) {
        var sb = new StringBuilder(b.size() * 110);
        sb.append('[');
        for (int i = 0; i < b.size(); i++) {
            var r = b.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"meter\":\"").append(r.meterId()).append("\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\","
                    + "\"unit\":\"kWh\",\"timestamp\":\"").append(r.timestamp()).append("\",\"value\":")
                    .append(r.value()).append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void check(long got, long expected, String what) {
        if (got != expected) {
            throw new IllegalStateException(what + ": " + got + " readings accepted, expected " + expected);
        }
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
