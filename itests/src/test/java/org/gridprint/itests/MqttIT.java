package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The MQTT client in the real distribution: feature gridprint-mqtt installs offline and resolves, a broker
 * configuration connects to a real mosquitto started by the test on 127.0.0.1, and a JSON message published to an
 * ingest topic becomes stored readings (its bad item refused, the good one stored).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MqttIT extends GridprintTestSupport {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final String METER = "it-mqtt/m1";

    private Process broker;

    @After
    public void cleanUp() throws Exception {
        deleteConfigurations();
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(10, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    public void aMessageOnTheIngestTopicBecomesStoredReadings() throws Exception {
        installFeatureIfMissing("gridprint-mqtt");
        assertActive("org.gridprint.mqtt");
        assertActive("org.eclipse.paho.client.mqttv3");
        assertTrue("mosquitto broker missing: apt-get install mosquitto (.ci/run installs it)",
                Files.isExecutable(MOSQUITTO));
        int port = freePort();
        startBroker(port);

        configure("org.gridprint.meter", "id", METER, "site", "it-mqtt", "name", "MQTT IT meter");
        var registry = service(MeterRegistry.class);
        await("meter " + METER + " declared", WAIT, () -> registry.meter(METER).isPresent());
        configure("org.gridprint.mqtt.broker", "id", "it", "serverUri", "tcp://127.0.0.1:" + port, "clientId",
                "gridprint-it", "ingestTopics", "gridprint/ingest/+", "qos", "1");

        var readings = service(ReadingStore.class);
        // Paho is used from its own class, loaded only now that gridprint-mqtt (with Paho) is installed
        var publisher = new MqttItPublisher("tcp://127.0.0.1:" + port);
        try {
            // publish until Gridprint's client has subscribed and stored one (bounded): each message carries a good
            // reading with its own timestamp and a bad item (unknown unit) that is refused on its own
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            double value = 1000.0;
            Instant stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
            boolean stored = false;
            while (!stored && System.nanoTime() < deadline) {
                stamp = stamp.plusSeconds(1);
                value += 0.5;
                var json = "[{\"meter\":\"" + METER + "\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\",\"unit\":\"kWh\","
                        + "\"timestamp\":\"" + stamp + "\",\"value\":" + value + "},"
                        + "{\"meter\":\"" + METER + "\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\",\"unit\":\"furlongs\","
                        + "\"timestamp\":\"" + stamp + "\",\"value\":1}]";
                publisher.publish("gridprint/ingest/it", json);
                for (int i = 0; i < 10 && !stored; i++) {
                    Thread.sleep(100);
                    stored = readings.latest(METER, Quantity.ACTIVE_ENERGY_IMPORT).isPresent();
                }
            }
            assertTrue("a reading of " + METER + " stored from the broker within 60 s", stored);
            // the operator's view of the link: connected, with the message and reading counts (a viewer may see it)
            String status = executeAs("gridprint:mqtt-status --no-format", "viewer", "ssh");
            assertTrue(status, status.startsWith("it") && status.contains("tcp://127.0.0.1:" + port)
                    && status.contains("connected"));
            var latest = readings.latest(METER, Quantity.ACTIVE_ENERGY_IMPORT).orElseThrow();
            assertEquals("mqtt/it", latest.source());
            // only good items were stored: one reading per stored timestamp, never the refused 'furlongs' item
            for (var r : readings.readings(METER, Quantity.ACTIVE_ENERGY_IMPORT, Instant.EPOCH,
                    Instant.now().plusSeconds(60))) {
                assertTrue("a stored value is one of the good items: " + r, r.value() > 1000.0);
            }
        } finally {
            publisher.close();
        }
    }

    private void startBroker(int port) throws IOException, InterruptedException {
        var dir = Path.of(System.getProperty("gridprint.it.target", TARGET), "mqtt-it");
        Files.createDirectories(dir);
        var conf = dir.resolve("mosquitto-" + port + ".conf");
        var lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "allow_anonymous true",
                "persistence false", "log_dest stdout"));
        if ("root".equals(System.getProperty("user.name"))) {
            lines.add("user root");
        }
        Files.write(conf, lines);
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("mosquitto did not listen on 127.0.0.1:" + port);
    }
}
