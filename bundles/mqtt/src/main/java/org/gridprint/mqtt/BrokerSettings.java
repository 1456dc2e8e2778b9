package org.gridprint.mqtt;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated broker configuration. {@link #toString()} never shows the passwords.
 *
 * @param clientCert PEM chain or PKCS12 file; with {@code clientKey} empty for PKCS12
 */
public record BrokerSettings(String id, String serverUri, String clientId, Optional<String> username,
        Optional<char[]> password, boolean cleanSession, int qos, List<String> ingestTopics, int maxMessageBytes,
        String windowTopicPrefix, String alarmTopicPrefix, Optional<Path> caFile, Optional<Path> clientCert,
        Optional<Path> clientKey, Optional<char[]> clientKeyPassword, List<String> tlsVersions, int keepAliveSeconds,
        long reconnectInitialMillis, long reconnectMaxMillis) {

    public static final String PID = "org.gridprint.mqtt.broker";

    public BrokerSettings {
        ingestTopics = List.copyOf(ingestTopics);
        tlsVersions = List.copyOf(tlsVersions);
    }

    public boolean tls() {
        return serverUri.startsWith("ssl://");
    }

    /** The ingest source of readings from this connection. */
    public String source() {
        return "mqtt/" + id;
    }

    @Override
    public String toString() {
        return "BrokerSettings[id=" + id + ", serverUri=" + serverUri + ", clientId=" + clientId + ", username="
                + username.orElse("") + ", password=" + (password.isPresent() ? "***" : "") + ", cleanSession="
                + cleanSession + ", qos=" + qos + ", ingestTopics=" + ingestTopics + "]";
    }
}
