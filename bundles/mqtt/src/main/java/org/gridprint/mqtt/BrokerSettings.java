package org.gridprint.mqtt;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.gridprint.driver.toolkit.tls.TlsFiles;

/**
 * A validated broker configuration. {@link #toString()} never shows the passwords.
 *
 * @param clientCert           PEM chain or PKCS12 file; with {@code clientKey} empty for PKCS12
 * @param protocol             {@value #MQTT_3_1_1} or {@value #MQTT_5}
 * @param sessionExpirySeconds MQTT 5: how long the broker keeps a persistent session ({@code cleanSession = false})
 *                             while the client is away; 4294967295 = never expires (as a 3.1.1 persistent session)
 */
public record BrokerSettings(String id, String serverUri, String clientId, Optional<String> username,
        Optional<char[]> password, boolean cleanSession, int qos, List<String> ingestTopics, int maxMessageBytes,
        String windowTopicPrefix, String alarmTopicPrefix, Optional<Path> caFile, Optional<Path> clientCert,
        Optional<Path> clientKey, Optional<char[]> clientKeyPassword, List<String> tlsVersions, int keepAliveSeconds,
        long reconnectInitialMillis, long reconnectMaxMillis, String protocol, long sessionExpirySeconds) {

    public static final String PID = "org.gridprint.mqtt.broker";
    public static final String MQTT_3_1_1 = "3.1.1";
    public static final String MQTT_5 = "5";
    /** One week. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 604_800;

    /** MQTT 3.1.1 settings (the form before MQTT 5 support). */
    public BrokerSettings(String id, String serverUri, String clientId, Optional<String> username,
            Optional<char[]> password, boolean cleanSession, int qos, List<String> ingestTopics, int maxMessageBytes,
            String windowTopicPrefix, String alarmTopicPrefix, Optional<Path> caFile, Optional<Path> clientCert,
            Optional<Path> clientKey, Optional<char[]> clientKeyPassword, List<String> tlsVersions, int keepAliveSeconds,
            long reconnectInitialMillis, long reconnectMaxMillis) {
        this(id, serverUri, clientId, username, password, cleanSession, qos, ingestTopics, maxMessageBytes,
                windowTopicPrefix, alarmTopicPrefix, caFile, clientCert, clientKey, clientKeyPassword, tlsVersions,
                keepAliveSeconds, reconnectInitialMillis, reconnectMaxMillis, MQTT_3_1_1, DEFAULT_SESSION_EXPIRY_SECONDS);
    }

    public BrokerSettings {
        ingestTopics = List.copyOf(ingestTopics);
        tlsVersions = List.copyOf(tlsVersions);
    }

    public boolean mqtt5() {
        return MQTT_5.equals(protocol);
    }

    public boolean tls() {
        return serverUri.startsWith("ssl://");
    }

    /**
     * The TLS files of an {@code ssl://} connection for the driver toolkit's
     * {@link org.gridprint.driver.toolkit.tls.TlsSocketFactories}; its errors name {@value #PID} and this connection's
     * id, as the other errors of the link do.
     */
    public TlsFiles tlsFiles() {
        return new TlsFiles(PID + " '" + id + "'", caFile, clientCert, clientKey, clientKeyPassword, tlsVersions);
    }

    /** The ingest source of readings from this connection. */
    public String source() {
        return "mqtt/" + id;
    }

    @Override
    public String toString() {
        return "BrokerSettings[id=" + id + ", serverUri=" + serverUri + ", clientId=" + clientId + ", username="
                + username.orElse("") + ", password=" + (password.isPresent() ? "***" : "") + ", cleanSession="
                + cleanSession + ", qos=" + qos + ", ingestTopics=" + ingestTopics + ", protocol=" + protocol + "]";
    }
}
