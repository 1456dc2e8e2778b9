package org.gridprint.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSettingsParserTest {

    static Map<String, Object> base() {
        var m = new HashMap<String, Object>();
        m.put("service.pid", "org.gridprint.mqtt.broker~site-a");
        m.put("id", "site-a");
        return m;
    }

    static String error(Map<String, Object> m) {
        return assertThrows(IllegalArgumentException.class, () -> BrokerSettingsParser.parse(m)).getMessage();
    }

    @Test
    void defaultsArePersistentQos1OnLoopback() {
        var s = BrokerSettingsParser.parse(base());
        assertEquals("tcp://127.0.0.1:1883", s.serverUri());
        assertEquals("gridprint-site-a", s.clientId());
        assertFalse(s.cleanSession());
        assertEquals(1, s.qos());
        assertEquals(List.of("gridprint/ingest/+"), s.ingestTopics());
        assertEquals(1_048_576, s.maxMessageBytes());
        assertEquals("mqtt/site-a", s.source());
    }

    @Test
    void errorsNamePidFieldValueAndWhatIsExpected() {
        var m = base();
        m.put("qos", "0");
        assertEquals("org.gridprint.mqtt.broker~site-a: field 'qos' is '0'; expected 1 (at least once) or 2 (exactly once)",
                error(m));
        m = base();
        m.put("serverUri", "http://broker:80");
        assertTrue(error(m).contains("field 'serverUri' is 'http://broker:80'"));
        m = base();
        m.put("ingestTopics", "a/b+/c");
        assertTrue(error(m).contains("field 'ingestTopics' is 'a/b+/c'"));
        m = base();
        m.put("caFile", "/nowhere/ca.pem");
        assertTrue(error(m).contains("field 'caFile' is '/nowhere/ca.pem'; expected empty with a tcp:// serverUri"));
        m = base();
        m.put("serverUri", "ssl://127.0.0.1:8883");
        m.put("caFile", "/nowhere/ca.pem");
        assertTrue(error(m).contains("expected a readable file"));
        m = base();
        m.put("tlsVersions", "TLSv1.1");
        assertTrue(error(m).contains("field 'tlsVersions' is 'TLSv1.1'"));
        m = base();
        m.put("id", "has space");
        assertTrue(error(m).contains("field 'id' is 'has space'"));
    }

    @Test
    void passwordsNeverAppearInTextOrErrors() {
        var m = base();
        m.put("password", "s3cret-pw");
        assertFalse(error(m).contains("s3cret-pw"));
        m.put("username", "gridprint");
        var s = BrokerSettingsParser.parse(m);
        assertFalse(s.toString().contains("s3cret-pw"));
        assertEquals("s3cret-pw", new String(s.password().orElseThrow()));
    }

    @Test
    void theExampleConfigurationParses(@TempDir Path dir) throws IOException {
        var text = Files.readString(Path.of("../../config/org.gridprint.mqtt.broker-example.cfg.disabled"));
        var ca = Files.writeString(dir.resolve("ca.pem"), "x");
        var props = new Properties();
        props.load(new StringReader(text.replace("/opt/gridprint/etc/tls/mqtt-ca.pem", ca.toString())));
        var m = new HashMap<String, Object>();
        props.forEach((k, v) -> m.put(k.toString(), v));
        var s = BrokerSettingsParser.parse(m);
        assertEquals("ssl://broker.example.org:8883", s.serverUri());
        assertTrue(s.tls());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), s.tlsVersions());
    }
}
