package org.gridprint.mqtt.central;

import java.util.Optional;

import org.gridprint.driver.toolkit.tls.ServerUris;
import org.gridprint.driver.toolkit.tls.TlsFiles;

/**
 * The central side of edge forwarding: where to receive edge batches and publish acknowledgements.
 *
 * @param serverUri   the broker the edges publish to ({@code tcp://host:port} or {@code ssl://host:port})
 * @param clientId    stable: the broker keys the persistent session by it
 * @param topicPrefix batches arrive on {@code <prefix>+/batch}, acknowledgements go to {@code <prefix><edge>/ack}
 * @param tls         the TLS files of an {@code ssl://} serverUri
 */
public record CentralSettings(String serverUri, String clientId, String topicPrefix, Optional<String> username,
        Optional<char[]> password, int keepAliveSeconds, long reconnectInitialMillis, long reconnectMaxMillis,
        Optional<TlsFiles> tls) {

    public static final String PID = "org.gridprint.mqtt.central";

    public static CentralSettings of(String serverUri, String clientId, String topicPrefix) {
        return new CentralSettings(serverUri, clientId, topicPrefix, Optional.empty(), Optional.empty(), 30, 1000,
                60_000, Optional.empty());
    }

    public CentralSettings withReconnect(long initialMillis, long maxMillis) {
        return new CentralSettings(serverUri, clientId, topicPrefix, username, password, keepAliveSeconds,
                initialMillis, maxMillis, tls);
    }

    /** The same settings over TLS ({@code serverUri} must be {@code ssl://}). */
    public CentralSettings withTls(TlsFiles files) {
        return new CentralSettings(serverUri, clientId, topicPrefix, username, password, keepAliveSeconds,
                reconnectInitialMillis, reconnectMaxMillis, Optional.of(files));
    }

    /** Parses and checks the configuration; errors name the PID, the field, the value and what is expected. */
    public static CentralSettings parse(CentralConfig c) {
        var uri = ServerUris.normalise(PID, "serverUri", c.serverUri());
        var tlsFiles = TlsFiles.parse(PID, ServerUris.tls(uri), c.caFile(), c.clientCertFile(), c.clientKeyFile(),
                c.clientKeyPassword(), c.tlsVersions());
        var prefix = c.topicPrefix().trim();
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException(PID + ": field 'topicPrefix' is '" + prefix + "'; expected a topic "
                    + "prefix ending in '/' without wildcards, e.g. gridprint/edge/");
        }
        var client = c.clientId().trim();
        if (client.isEmpty() || client.length() > 23 * 4) {
            throw new IllegalArgumentException(PID + ": field 'clientId' is '" + client + "'; expected 1..92 "
                    + "characters (stable: the broker keeps the persistent session under it)");
        }
        if (c.keepAliveSeconds() < 5 || c.keepAliveSeconds() > 3600) {
            throw new IllegalArgumentException(PID + ": field 'keepAliveSeconds' is '" + c.keepAliveSeconds()
                    + "'; expected 5..3600");
        }
        if (c.reconnectInitialMillis() < 10 || c.reconnectMaxMillis() < c.reconnectInitialMillis()) {
            throw new IllegalArgumentException(PID + ": fields 'reconnectInitialMillis'/'reconnectMaxMillis' are '"
                    + c.reconnectInitialMillis() + "'/'" + c.reconnectMaxMillis() + "'; expected 10 <= initial <= max");
        }
        var user = c.username().isBlank() ? Optional.<String>empty() : Optional.of(c.username().trim());
        var pass = c.password().isEmpty() ? Optional.<char[]>empty() : Optional.of(c.password().toCharArray());
        return new CentralSettings(uri, client, prefix, user, pass, c.keepAliveSeconds(), c.reconnectInitialMillis(),
                c.reconnectMaxMillis(), ServerUris.tls(uri) ? Optional.of(tlsFiles) : Optional.<TlsFiles>empty());
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "CentralSettings[serverUri=" + serverUri + ", clientId=" + clientId + ", topicPrefix=" + topicPrefix
                + ", username=" + username.orElse("") + ", password=" + (password.isPresent() ? "****" : "")
                + ", tls=" + tls.map(TlsFiles::toString).orElse("off") + "]";
    }
}
