package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeSettingsTest {

    /** A configuration with the defaults of {@link EdgeConfig} and the given properties (key, value, ...). */
    private static EdgeConfig config(String... keyValues) {
        var p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return ExampleConfigTest.fromProperties(p);
    }

    private static EdgeConfig config(String edgeId, String uri, int batch, int drain) {
        return config("edgeId", edgeId, "serverUri", uri, "batchReadings", Integer.toString(batch),
                "drainReadingsPerSecond", Integer.toString(drain), "password", "s3cret");
    }

    @Test
    void aGoodConfigurationGivesTheTopicsAndTheDefaultClientId() {
        var s = EdgeSettings.parse(config("plant-7", "tcp://10.0.0.5:1883", 500, 5000));
        assertEquals("gridprint-edge-plant-7", s.clientId());
        assertEquals("gridprint/edge/plant-7/batch", s.batchTopic());
        assertEquals("gridprint/edge/plant-7/ack", s.ackTopic());
        assertEquals(30_000, s.ackTimeoutMillis());
        assertTrue(s.tls().isEmpty());
        assertEquals("s3cret", new String(s.password().orElseThrow()));
        assertFalse(s.toString().contains("s3cret"), s.toString());
    }

    @Test
    void defaultPortsArePlain1883AndTls8883(@TempDir Path dir) throws Exception {
        assertEquals("tcp://broker.example.org:1883",
                EdgeSettings.parse(config("p", "tcp://broker.example.org", 500, 5000)).serverUri());
        var ca = Files.writeString(dir.resolve("ca.pem"), "not read while parsing");
        var s = EdgeSettings.parse(config("edgeId", "p", "serverUri", "ssl://broker.example.org", "caFile",
                ca.toString()));
        assertEquals("ssl://broker.example.org:8883", s.serverUri());
        var tls = s.tls().orElseThrow();
        assertEquals(ca, tls.caFile().orElseThrow());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), tls.protocols());
        assertFalse(tls.hasClientCertificate());
    }

    @Test
    void tlsFieldsAreCheckedInTheFieldsWords(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("edgeId", "p",
                "serverUri", "tcp://h:1883", "caFile", dir.resolve("ca.pem").toString())));
        assertEquals("org.gridprint.edge: field 'caFile' is '" + dir.resolve("ca.pem") + "'; expected empty with a "
                + "tcp:// serverUri (TLS files are for ssl:// only)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("edgeId", "p",
                "serverUri", "ssl://h", "caFile", dir.resolve("missing.pem").toString())));
        assertTrue(e.getMessage().startsWith("org.gridprint.edge: field 'caFile' is '" + dir.resolve("missing.pem")
                + "'; expected a readable file"), e.getMessage());
        var key = Files.writeString(dir.resolve("edge.key"), "k");
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("edgeId", "p",
                "serverUri", "ssl://h", "clientKeyFile", key.toString())));
        assertTrue(e.getMessage().startsWith("org.gridprint.edge: field 'clientKeyFile' is set but 'clientCertFile' "
                + "is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("edgeId", "p",
                "serverUri", "ssl://h", "tlsVersions", "TLSv1.1")));
        assertEquals("org.gridprint.edge: field 'tlsVersions' is 'TLSv1.1'; expected TLSv1.3 and/or TLSv1.2, comma "
                + "separated, preferred first", e.getMessage());
    }

    @Test
    void errorsNamePidFieldValueAndWhatIsExpectedNeverThePassword() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EdgeSettings.parse(config("plant 7", "tcp://h:1883", 500, 5000)));
        assertEquals("org.gridprint.edge: field 'edgeId' is 'plant 7'; expected 1..64 letters, digits, '.', '_' or "
                + "'-'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EdgeSettings.parse(config("p", "http://h:8883", 500, 5000)));
        assertEquals("org.gridprint.edge: field 'serverUri' is 'http://h:8883'; expected tcp://host:port (plain, "
                + "port 1883 when omitted) or ssl://host:port (TLS, port 8883 when omitted)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("p", "tcp://h:1", 500, 100)));
        assertTrue(e.getMessage().startsWith("org.gridprint.edge: field 'drainReadingsPerSecond' is '100'; expected "
                + "at least batchReadings (500)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("p", "tcp://h:1", 0, 100)));
        assertTrue(e.getMessage().contains("'batchReadings' is '0'"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret"));
    }
}
