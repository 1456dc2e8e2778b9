package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

    /** A configuration with the defaults of {@link EdgeConfig} and the given changes. */
    private static EdgeConfig config(String edgeId, String uri, int batch, int drain) {
        return new EdgeConfig() {
            @Override public Class<? extends Annotation> annotationType() { return EdgeConfig.class; }
            @Override public String edgeId() { return edgeId; }
            @Override public String serverUri() { return uri; }
            @Override public String clientId() { return ""; }
            @Override public String topicPrefix() { return "gridprint/edge/"; }
            @Override public String username() { return ""; }
            @Override public String _password() { return "s3cret"; }
            @Override public int batchReadings() { return batch; }
            @Override public int maxInFlight() { return 4; }
            @Override public int ackTimeoutSeconds() { return 30; }
            @Override public int drainReadingsPerSecond() { return drain; }
            @Override public long reconnectInitialMillis() { return 1000; }
            @Override public long reconnectMaxMillis() { return 60_000; }
            @Override public int keepAliveSeconds() { return 30; }
        };
    }

    @Test
    void aGoodConfigurationGivesTheTopicsAndTheDefaultClientId() {
        var s = EdgeSettings.parse(config("plant-7", "tcp://10.0.0.5:1883", 500, 5000));
        assertEquals("gridprint-edge-plant-7", s.clientId());
        assertEquals("gridprint/edge/plant-7/batch", s.batchTopic());
        assertEquals("gridprint/edge/plant-7/ack", s.ackTopic());
        assertEquals(30_000, s.ackTimeoutMillis());
    }

    @Test
    void errorsNamePidFieldValueAndWhatIsExpectedNeverThePassword() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EdgeSettings.parse(config("plant 7", "tcp://h:1883", 500, 5000)));
        assertEquals("org.gridprint.edge: field 'edgeId' is 'plant 7'; expected 1..64 letters, digits, '.', '_' or "
                + "'-'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EdgeSettings.parse(config("p", "ssl://h:8883", 500, 5000)));
        assertEquals("org.gridprint.edge: field 'serverUri' is 'ssl://h:8883'; expected tcp://host:port",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("p", "tcp://h:1", 500, 100)));
        assertTrue(e.getMessage().startsWith("org.gridprint.edge: field 'drainReadingsPerSecond' is '100'; expected "
                + "at least batchReadings (500)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeSettings.parse(config("p", "tcp://h:1", 0, 100)));
        assertTrue(e.getMessage().contains("'batchReadings' is '0'"), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret"));
    }
}
