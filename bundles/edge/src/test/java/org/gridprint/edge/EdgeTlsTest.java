package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.driver.toolkit.tls.TlsFiles;
import org.gridprint.driver.toolkit.tls.TlsSocketFactories;
import org.gridprint.testing.Mosquitto;
import org.gridprint.testing.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edge forwarding over TLS: a real mosquitto with a TLS listener (certificates of an openssl test CA), the edge's
 * forwarder and the central's link both on {@code ssl://} with the CA file and client certificates.
 */
class EdgeTlsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    static Mosquitto tlsBroker(Path dir, TestCa ca, Path[] server, boolean requireClientCert) throws Exception {
        return new Mosquitto(dir, List.of("cafile " + ca.caCert, "certfile " + server[0], "keyfile " + server[1],
                "require_certificate " + requireClientCert)).start();
    }

    private static List<Reading> poll(List<Meter> meters, long k) {
        var out = new ArrayList<Reading>();
        for (var m : meters) {
            out.add(new Reading(m.id(), Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(k), k, Quality.GOOD,
                    "test/poll"));
        }
        return out;
    }

    private static TlsFiles withCertificate(String pid, TestCa ca, Path[] client) {
        return new TlsFiles(pid, Optional.of(ca.caCert), Optional.of(client[0]), Optional.of(client[1]),
                Optional.empty(), TlsFiles.DEFAULT_PROTOCOLS);
    }

    @Test
    void aForwardOverTlsWithClientCertificatesIsDeliveredExactlyOnce() throws Exception {
        var ca = new TestCa(dir);
        var server = ca.issue("broker", "IP:127.0.0.1,DNS:localhost", false);
        var edgeCert = ca.issue("edge-1", "DNS:edge-1", true);
        var centralCert = ca.issue("central", "DNS:central", true);
        var meters = Nodes.meters(10);
        try (var broker = tlsBroker(dir, ca, server, true)) {
            var uri = "ssl://127.0.0.1:" + broker.port();
            // TLS 1.3 is what the factory negotiates with mosquitto (preferred of TLSv1.3,TLSv1.2)
            var files = withCertificate("org.gridprint.edge", ca, edgeCert);
            try (var socket = (SSLSocket) TlsSocketFactories.build(files).createSocket("127.0.0.1", broker.port())) {
                socket.startHandshake();
                assertEquals("TLSv1.3", socket.getSession().getProtocol());
            }
            var edgeAlarms = new RecordedAlarms("edge/edge-1");
            var centralAlarms = new RecordedAlarms("central");
            try (var central = new Nodes.Central(dir.resolve("central"), meters, Nodes.centralSettings(uri)
                    .withTls(withCertificate("org.gridprint.mqtt.central", ca, centralCert)), centralAlarms);
                    var edge = new Nodes.Edge(dir.resolve("edge"), meters, 100_000,
                            Nodes.edgeSettings(uri).withBatching(25, 2).withTls(files), edgeAlarms)) {
                for (int k = 0; k < 20; k++) {
                    edge.ingest.submit("test/poll", poll(meters, k));
                }
                Nodes.await("the outbox drained over TLS", 30_000, () -> edge.depth() == 0);
                // every poll of every meter at the central exactly once: 10 meters x 20 polls, values 0..19
                CentralCheck.exactlyOnceInOrder(central.store, meters, T0, 20, 1000);
                // the ack's entries leave the outbox (durably) before its counters move: wait for them
                Nodes.await("the last ack counted", 10_000, () -> edge.forwarder.status().acknowledged() == 200);
                var st = edge.forwarder.status();
                assertEquals(200, st.acknowledged());
                assertEquals(0, st.centralDuplicates(), "nothing sent twice on a healthy TLS link");
                assertEquals(0, edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED));
                assertTrue(central.link.connected());
                assertEquals(200, central.link.status().readingsAccepted());
                assertEquals(0, centralAlarms.all().size(), centralAlarms.all().toString());
            }
        }
    }

    @Test
    void withoutClientCertificateTheEdgeAndTheCentralAreRefusedInTheFieldsWords() throws Exception {
        var ca = new TestCa(dir);
        var server = ca.issue("broker", "IP:127.0.0.1", false);
        var meters = Nodes.meters(2);
        try (var broker = tlsBroker(dir, ca, server, true)) {
            var uri = "ssl://127.0.0.1:" + broker.port();
            var edgeAlarms = new RecordedAlarms("edge/edge-1");
            var centralAlarms = new RecordedAlarms("central");
            try (var central = new Nodes.Central(dir.resolve("central"), meters, Nodes.centralSettings(uri)
                    .withTls(TlsFiles.trusting("org.gridprint.mqtt.central", Optional.of(ca.caCert))), centralAlarms);
                    var edge = new Nodes.Edge(dir.resolve("edge"), meters, 100_000, Nodes.edgeSettings(uri)
                            .withTls(TlsFiles.trusting("org.gridprint.edge", Optional.of(ca.caCert))), edgeAlarms)) {
                edge.ingest.submit("test/poll", poll(meters, 0));
                Nodes.await("two refused connects", 20_000, () -> edge.forwarder.status().connectAttempts() >= 2);
                Nodes.await("the central refused", 20_000,
                        () -> centralAlarms.count(AlarmKind.DEVICE_ERROR, EventKeys.RAISED) == 1);
                var st = edge.forwarder.status();
                assertFalse(st.connected());
                assertEquals("TLS: no client certificate: the server requires one (set clientCertFile and "
                        + "clientKeyFile)", st.lastError());
                assertEquals(1, edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED),
                        "one alarm over several refused connects");
                assertEquals(2, edge.depth(), "nothing left the outbox");
                assertFalse(central.link.connected());
                assertEquals("TLS: no client certificate: the server requires one (set clientCertFile and "
                        + "clientKeyFile)", central.link.status().lastError());
            }
        }
    }

    @Test
    void aBrokerCertificateForAnotherHostIsAHostnameMismatch() throws Exception {
        var ca = new TestCa(dir);
        var wrong = ca.issue("elsewhere", "DNS:wrong.example", false);
        try (var broker = tlsBroker(dir, ca, wrong, false)) {
            var uri = "ssl://127.0.0.1:" + broker.port();
            var alarms = new RecordedAlarms("edge/edge-1");
            try (var edge = new Nodes.Edge(dir.resolve("edge"), Nodes.meters(1), 1000, Nodes.edgeSettings(uri)
                    .withTls(TlsFiles.trusting("org.gridprint.edge", Optional.of(ca.caCert))), alarms)) {
                Nodes.await("a refused connect", 20_000, () -> edge.forwarder.status().connectAttempts() >= 1
                        && !edge.forwarder.status().lastError().isEmpty());
                assertFalse(edge.forwarder.connected());
                assertEquals("TLS: hostname mismatch: the server's certificate does not name the host of serverUri "
                        + uri + " (hostname verification is on)", edge.forwarder.status().lastError());
                var raised = alarms.all().stream().filter(a -> a.kind() == AlarmKind.FORWARD_UNAVAILABLE).toList();
                assertEquals(1, raised.size());
                assertTrue(raised.get(0).message().contains("hostname mismatch"), raised.get(0).message());
            }
        }
    }

    @Test
    void aBrokerSignedByAnotherCaIsAnUntrustedCertificate() throws Exception {
        var ca = new TestCa(dir);
        var server = ca.issue("broker", "IP:127.0.0.1", false);
        var other = new TestCa(Files.createDirectories(dir.resolve("other")));
        try (var broker = tlsBroker(dir, ca, server, false)) {
            var uri = "ssl://127.0.0.1:" + broker.port();
            var alarms = new RecordedAlarms("central");
            try (var central = new Nodes.Central(dir.resolve("central"), Nodes.meters(1), Nodes.centralSettings(uri)
                    .withTls(TlsFiles.trusting("org.gridprint.mqtt.central", Optional.of(other.caCert))), alarms)) {
                Nodes.await("the central refused", 20_000,
                        () -> alarms.count(AlarmKind.DEVICE_ERROR, EventKeys.RAISED) == 1);
                assertFalse(central.link.connected());
                assertEquals("TLS: untrusted certificate: the server's certificate is not signed by a CA of caFile",
                        central.link.status().lastError());
            }
        }
    }
}
