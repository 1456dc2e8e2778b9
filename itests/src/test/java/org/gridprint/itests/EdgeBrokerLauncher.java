package org.gridprint.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts EdgeIT's broker in the test runner's JVM through reflection (the probe bundle built from these classes must
 * not import org.gridprint.testing, which Karaf does not have): an openssl test CA (test-support's TestCa) issuing a
 * broker certificate for 127.0.0.1 and client certificates for the edge and the central, and a real mosquitto
 * (test-support's Mosquitto) with a TLS listener that requires a client certificate. It stops when the runner's JVM
 * ends.
 */
final class EdgeBrokerLauncher {

    /** Where the broker listens and the PEM files the Karaf under test reads (same machine, absolute paths). */
    record Started(int port, String caFile, String edgeCert, String edgeKey, String centralCert, String centralKey) {
    }

    private static Started started;

    private EdgeBrokerLauncher() {
    }

    static synchronized Started start(Path parent) {
        if (started != null) {
            return started;
        }
        try {
            var dir = Files.createDirectories(parent.toAbsolutePath());
            var caType = Class.forName("org.gridprint.testing.TestCa");
            var ca = caType.getConstructor(Path.class).newInstance(dir);
            var issue = caType.getMethod("issue", String.class, String.class, boolean.class);
            var server = (Path[]) issue.invoke(ca, "broker", "IP:127.0.0.1", false);
            var edge = (Path[]) issue.invoke(ca, "it-edge", "DNS:it-edge", true);
            var central = (Path[]) issue.invoke(ca, "it-central", "DNS:it-central", true);
            var caCert = (Path) caType.getField("caCert").get(ca);
            var brokerType = Class.forName("org.gridprint.testing.Mosquitto");
            var broker = brokerType.getConstructor(Path.class, List.class).newInstance(dir, List.of(
                    "cafile " + caCert, "certfile " + server[0], "keyfile " + server[1], "require_certificate true"));
            brokerType.getMethod("start").invoke(broker);
            int port = (Integer) brokerType.getMethod("port").invoke(broker);
            var close = brokerType.getMethod("close");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    close.invoke(broker);
                } catch (ReflectiveOperationException e) {
                    // the JVM is ending
                }
            }, "edge-it-broker-close"));
            started = new Started(port, caCert.toString(), edge[0].toString(), edge[1].toString(),
                    central[0].toString(), central[1].toString());
            return started;
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("cannot start EdgeIT's TLS broker: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("test-support's TestCa/Mosquitto are not on the test class path", e);
        }
    }
}
