package org.gridprint.edge;

import java.util.Optional;
import java.util.regex.Pattern;

import org.gridprint.driver.toolkit.tls.ServerUris;
import org.gridprint.driver.toolkit.tls.TlsFiles;

/** The checked configuration of the forwarder (see {@link EdgeConfig}). */
public record EdgeSettings(String edgeId, String serverUri, String clientId, String topicPrefix,
        Optional<String> username, Optional<char[]> password, int batchReadings, int maxInFlight,
        long ackTimeoutMillis, int drainReadingsPerSecond, long reconnectInitialMillis, long reconnectMaxMillis,
        int keepAliveSeconds, Optional<TlsFiles> tls) {

    public static final String PID = "org.gridprint.edge";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Defaults of the configuration for {@code edgeId} and {@code serverUri} (tests, benchmarks). */
    public static EdgeSettings of(String edgeId, String serverUri) {
        return new EdgeSettings(edgeId, serverUri, "gridprint-edge-" + edgeId, "gridprint/edge/", Optional.empty(),
                Optional.empty(), 500, 4, 30_000, 5000, 1000, 60_000, 30, Optional.empty());
    }

    public EdgeSettings withAckTimeoutMillis(long millis) {
        return new EdgeSettings(edgeId, serverUri, clientId, topicPrefix, username, password, batchReadings,
                maxInFlight, millis, drainReadingsPerSecond, reconnectInitialMillis, reconnectMaxMillis,
                keepAliveSeconds, tls);
    }

    public EdgeSettings withDrainRate(int readingsPerSecond) {
        return new EdgeSettings(edgeId, serverUri, clientId, topicPrefix, username, password, batchReadings,
                maxInFlight, ackTimeoutMillis, readingsPerSecond, reconnectInitialMillis, reconnectMaxMillis,
                keepAliveSeconds, tls);
    }

    public EdgeSettings withReconnect(long initialMillis, long maxMillis) {
        return new EdgeSettings(edgeId, serverUri, clientId, topicPrefix, username, password, batchReadings,
                maxInFlight, ackTimeoutMillis, drainReadingsPerSecond, initialMillis, maxMillis, keepAliveSeconds, tls);
    }

    public EdgeSettings withBatching(int readings, int inFlight) {
        return new EdgeSettings(edgeId, serverUri, clientId, topicPrefix, username, password, readings, inFlight,
                ackTimeoutMillis, drainReadingsPerSecond, reconnectInitialMillis, reconnectMaxMillis,
                keepAliveSeconds, tls);
    }

    /** The same settings over TLS ({@code serverUri} must be {@code ssl://}). */
    public EdgeSettings withTls(TlsFiles files) {
        return new EdgeSettings(edgeId, serverUri, clientId, topicPrefix, username, password, batchReadings,
                maxInFlight, ackTimeoutMillis, drainReadingsPerSecond, reconnectInitialMillis, reconnectMaxMillis,
                keepAliveSeconds, Optional.of(files));
    }

    /** The same settings with a broker account. */
    public EdgeSettings withAccount(String user, String pass) {
        return new EdgeSettings(edgeId, serverUri, clientId, topicPrefix, Optional.of(user),
                Optional.of(pass.toCharArray()), batchReadings, maxInFlight, ackTimeoutMillis, drainReadingsPerSecond,
                reconnectInitialMillis, reconnectMaxMillis, keepAliveSeconds, tls);
    }

    public String batchTopic() {
        return topicPrefix + edgeId + "/batch";
    }

    public String ackTopic() {
        return topicPrefix + edgeId + "/ack";
    }

    /** Checks a configuration; errors name the PID, the field, the value and what is expected. */
    public static EdgeSettings parse(EdgeConfig c) {
        var id = c.edgeId() == null ? "" : c.edgeId().trim();
        if (!ID.matcher(id).matches()) {
            throw bad("edgeId", id, "1..64 letters, digits, '.', '_' or '-'");
        }
        var uri = ServerUris.normalise(PID, "serverUri", c.serverUri());
        var tlsFiles = TlsFiles.parse(PID, ServerUris.tls(uri), c.caFile(), c.clientCertFile(), c.clientKeyFile(),
                c.clientKeyPassword(), c.tlsVersions());
        var client = c.clientId().isBlank() ? "gridprint-edge-" + id : c.clientId().trim();
        var prefix = c.topicPrefix().trim();
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.contains("+") || prefix.contains("#")) {
            throw bad("topicPrefix", prefix, "a topic prefix ending in '/' without wildcards, e.g. gridprint/edge/");
        }
        if (c.batchReadings() < 1 || c.batchReadings() > 10_000) {
            throw bad("batchReadings", c.batchReadings(), "1..10000");
        }
        if (c.maxInFlight() < 1 || c.maxInFlight() > 64) {
            throw bad("maxInFlight", c.maxInFlight(), "1..64");
        }
        if (c.ackTimeoutSeconds() < 1) {
            throw bad("ackTimeoutSeconds", c.ackTimeoutSeconds(), ">= 1 second");
        }
        if (c.drainReadingsPerSecond() < 1) {
            throw bad("drainReadingsPerSecond", c.drainReadingsPerSecond(), ">= 1 reading per second");
        }
        if (c.drainReadingsPerSecond() < c.batchReadings()) {
            throw bad("drainReadingsPerSecond", c.drainReadingsPerSecond(), "at least batchReadings ("
                    + c.batchReadings() + ") so that a whole batch can be sent");
        }
        if (c.reconnectInitialMillis() < 100) {
            throw bad("reconnectInitialMillis", c.reconnectInitialMillis(), ">= 100 ms (the reconnect rate limit)");
        }
        if (c.reconnectMaxMillis() < c.reconnectInitialMillis()) {
            throw bad("reconnectMaxMillis", c.reconnectMaxMillis(), ">= reconnectInitialMillis ("
                    + c.reconnectInitialMillis() + ")");
        }
        if (c.keepAliveSeconds() < 5 || c.keepAliveSeconds() > 3600) {
            throw bad("keepAliveSeconds", c.keepAliveSeconds(), "5..3600");
        }
        var user = c.username().isBlank() ? Optional.<String>empty() : Optional.of(c.username().trim());
        var pass = c.password().isEmpty() ? Optional.<char[]>empty() : Optional.of(c.password().toCharArray());
        return new EdgeSettings(id, uri, client, prefix, user, pass, c.batchReadings(), c.maxInFlight(),
                c.ackTimeoutSeconds() * 1000L, c.drainReadingsPerSecond(), c.reconnectInitialMillis(),
                c.reconnectMaxMillis(), c.keepAliveSeconds(),
                ServerUris.tls(uri) ? Optional.of(tlsFiles) : Optional.<TlsFiles>empty());
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "EdgeSettings[edgeId=" + edgeId + ", serverUri=" + serverUri + ", clientId=" + clientId
                + ", topicPrefix=" + topicPrefix + ", username=" + username.orElse("") + ", password="
                + (password.isPresent() ? "****" : "") + ", tls=" + tls.map(TlsFiles::toString).orElse("off") + "]";
    }

    private static IllegalArgumentException bad(String field, Object value, String expected) {
        return new IllegalArgumentException(PID + ": field '" + field + "' is '" + value + "'; expected " + expected);
    }
}
