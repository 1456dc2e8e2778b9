package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.edge.Outbox;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Edge mode in the real distribution, over TLS. One Karaf is the edge (Derby store with {@code outboxCapacity},
 * feature gridprint-edge, PID org.gridprint.edge) and the central at once (feature gridprint-mqtt, PID
 * org.gridprint.mqtt.central), both on {@code ssl://} with their own client certificates against a real mosquitto
 * whose TLS listener requires one (started by the test in the runner's JVM, certificates from an openssl test CA).
 *
 * <p>The central stores into the same store, so the path is observable this way: 30 readings submitted through
 * IngestService are stored and queued in the outbox (3 entries); the forwarder sends them, the central's ingest finds
 * every one already stored and acknowledges them as 30 duplicates (a duplicate is not queued again: no loop); the
 * acknowledgement empties the outbox, and {@code gridprint:outbox} shows depth 0, the last acknowledgement and
 * "30 readings (central: 30 duplicates, 0 refused)". The store still holds each reading once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EdgeIT extends GridprintTestSupport {

    private static final String METER = "it-edge/m1";
    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private final List<org.osgi.service.cm.Configuration> singletons = new ArrayList<>();

    /** Runs in the runner's JVM: the broker and the certificates; the store keeps an outbox from its first start. */
    @Override
    protected Option[] extraOptions() {
        var b = EdgeBrokerLauncher.start(Path.of(TARGET, "edge-it"));
        return new Option[] {
            editConfigurationFilePut("etc/org.gridprint.store.derby.cfg", "outboxCapacity", "100000"),
            systemProperty("gridprint.it.edge.port").value(Integer.toString(b.port())),
            systemProperty("gridprint.it.edge.ca").value(b.caFile()),
            systemProperty("gridprint.it.edge.edgeCert").value(b.edgeCert()),
            systemProperty("gridprint.it.edge.edgeKey").value(b.edgeKey()),
            systemProperty("gridprint.it.edge.centralCert").value(b.centralCert()),
            systemProperty("gridprint.it.edge.centralKey").value(b.centralKey()),
        };
    }

    @After
    public void cleanUp() {
        for (var c : singletons) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
        deleteConfigurations();
    }

    private void configureSingleton(String pid, String... keyValues) throws IOException {
        var c = configurationAdmin.getConfiguration(pid, "?");
        var d = new Hashtable<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put(keyValues[i], keyValues[i + 1]);
        }
        c.update(d);
        singletons.add(c);
    }

    private static String karafLog() {
        try {
            return Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    public void readingsStoredAtTheEdgeAreForwardedOverTlsAcknowledgedAndLeaveTheOutbox() throws Exception {
        installFeatureIfMissing("gridprint-mqtt");
        installFeatureIfMissing("gridprint-edge");
        assertActive("org.gridprint.mqtt");
        assertActive("org.gridprint.edge");
        assertActive("org.gridprint.driver.toolkit");

        configure("org.gridprint.meter", "id", METER, "site", "it-edge", "name", "Edge IT meter");
        var registry = service(MeterRegistry.class);
        await("meter " + METER + " declared", WAIT, () -> registry.meter(METER).isPresent());
        var outbox = service(Outbox.class);
        await("the store keeps an outbox (outboxCapacity 100000)", WAIT, () -> outbox.outboxStatus().enabled());
        assertEquals(100_000, outbox.outboxStatus().capacity());
        long depthBefore = outbox.outboxStatus().readings();

        // stored at the edge and queued in the same transaction: 3 batches (3 outbox entries) of 10 readings
        var ingest = service(IngestService.class);
        for (int b = 0; b < 3; b++) {
            var batch = new ArrayList<Reading>();
            for (int i = 0; i < 10; i++) {
                int k = b * 10 + i;
                batch.add(Reading.good(METER, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(k), 1000.0 + k, "it/edge"));
            }
            var result = ingest.submit("it/edge", batch);
            assertTrue(result.outcomes().toString(), result.outcomes().stream()
                    .allMatch(o -> o instanceof IngestOutcome.Accepted));
        }
        assertEquals(depthBefore + 30, outbox.outboxStatus().readings());
        String before = execute("gridprint:outbox --no-format");
        assertTrue(before, before.contains((depthBefore + 30) + " readings in "));
        assertTrue(before, before.contains("not configured"));

        int port = Integer.getInteger("gridprint.it.edge.port");
        var uri = "ssl://127.0.0.1:" + port;
        var ca = System.getProperty("gridprint.it.edge.ca");
        // the central first: its persistent session subscribes <prefix>+/batch before the edge publishes
        configureSingleton("org.gridprint.mqtt.central", "serverUri", uri, "clientId", "gridprint-it-central",
                "caFile", ca, "clientCertFile", System.getProperty("gridprint.it.edge.centralCert"),
                "clientKeyFile", System.getProperty("gridprint.it.edge.centralKey"));
        await("the central connected over TLS (karaf.log)", WAIT,
                () -> karafLog().contains("edge central connected to " + uri));
        configureSingleton("org.gridprint.edge", "edgeId", "it-edge", "serverUri", uri, "caFile", ca,
                "clientCertFile", System.getProperty("gridprint.it.edge.edgeCert"),
                "clientKeyFile", System.getProperty("gridprint.it.edge.edgeKey"),
                "ackTimeoutSeconds", "10", "reconnectInitialMillis", "500", "reconnectMaxMillis", "5000",
                "password", "never-logged-edge-it");

        await("the outbox drained: every entry acknowledged by the central", WAIT,
                () -> outbox.outboxStatus().readings() == 0 && outbox.outboxStatus().entries() == 0);
        // the central found each forwarded reading stored already (same store): all 30 (+ any queued before)
        // acknowledged as duplicates, none refused (the meter is declared here)
        long forwarded = depthBefore + 30;
        var acknowledged = forwarded + " readings (central: " + forwarded + " duplicates, 0 refused)";
        String after = awaitValue("gridprint:outbox shows " + acknowledged, WAIT, () -> {
            var text = executeAs("gridprint:outbox --no-format", "viewer", "ssh");
            return text.contains(acknowledged) ? text : null;
        });
        assertTrue(after, after.contains("0 readings in 0 entries"));
        assertTrue(after, after.contains("it-edge"));
        assertTrue(after, after.contains(uri + " (connected)"));
        assertTrue(after, after.matches("(?s).*Last ack\\s+\\d{4}-\\d\\d-\\d\\dT.*sequence \\d+.*"));

        // each reading is stored once, with the edge driver's source (the central's duplicates changed nothing)
        var store = service(ReadingStore.class);
        var stored = store.readings(METER, Quantity.ACTIVE_ENERGY_IMPORT, T0, T0.plusSeconds(30));
        assertEquals(30, stored.size());
        for (int k = 0; k < 30; k++) {
            assertEquals(1000.0 + k, stored.get(k).value(), 0.0);
            assertEquals("it/edge", stored.get(k).source());
        }
        var log = karafLog();
        assertTrue("the edge connected over TLS", log.contains("edge it-edge forwarding to " + uri));
        assertFalse("the password appears in karaf.log", log.contains("never-logged-edge-it"));
    }
}
