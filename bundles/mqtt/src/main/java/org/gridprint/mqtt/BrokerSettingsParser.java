package org.gridprint.mqtt;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the properties of a {@value BrokerSettings#PID} configuration into {@link BrokerSettings}. Every error names
 * the PID, the field, the value and what is expected (passwords are never repeated).
 */
public final class BrokerSettingsParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private BrokerSettingsParser() {
    }

    /** @throws IllegalArgumentException naming PID, field, value and what is expected */
    public static BrokerSettings parse(Map<String, ?> props) {
        var pid = text(props, "service.pid", BrokerSettings.PID);
        var id = text(props, "id", "");
        if (!ID.matcher(id).matches()) {
            throw error(pid, "id", id, "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        var uri = text(props, "serverUri", "tcp://127.0.0.1:1883");
        checkUri(pid, uri);
        var clientId = text(props, "clientId", "");
        clientId = clientId.isEmpty() ? "gridprint-" + id : clientId;
        if (clientId.length() > 65535) {
            throw error(pid, "clientId", clientId.substring(0, 40) + "...", "at most 65535 characters");
        }
        var protocol = text(props, "protocol", BrokerSettings.MQTT_3_1_1);
        if (protocol.equals("5.0")) {
            protocol = BrokerSettings.MQTT_5;
        }
        if (!protocol.equals(BrokerSettings.MQTT_3_1_1) && !protocol.equals(BrokerSettings.MQTT_5)) {
            throw error(pid, "protocol", protocol, "3.1.1 or 5");
        }
        var sessionExpiry = longValue(pid, props, "sessionExpirySeconds", BrokerSettings.DEFAULT_SESSION_EXPIRY_SECONDS);
        if (sessionExpiry < 0 || sessionExpiry > 4_294_967_295L) {
            throw error(pid, "sessionExpirySeconds", String.valueOf(sessionExpiry), "0 .. 4294967295 seconds "
                    + "(4294967295: the session never expires)");
        }
        var username = optional(text(props, "username", ""));
        var password = optional(text(props, "password", "")).map(String::toCharArray);
        if (password.isPresent() && username.isEmpty() && protocol.equals(BrokerSettings.MQTT_3_1_1)) {
            throw new IllegalArgumentException(pid + ": field 'password' is set but 'username' is empty; MQTT 3.1.1 "
                    + "sends a password only with a user name");
        }
        var cleanSession = bool(pid, props, "cleanSession", false);
        var qos = integer(pid, props, "qos", 1);
        if (qos != 1 && qos != 2) {
            throw error(pid, "qos", String.valueOf(qos), "1 (at least once) or 2 (exactly once)");
        }
        var topics = new ArrayList<String>();
        for (var t : text(props, "ingestTopics", "gridprint/ingest/+").split(",")) {
            var topic = t.trim();
            if (!topic.isEmpty()) {
                checkFilter(pid, topic);
                topics.add(topic);
            }
        }
        var maxBytes = integer(pid, props, "maxMessageBytes", 1_048_576);
        if (maxBytes < 256 || maxBytes > 16 * 1_048_576) {
            throw error(pid, "maxMessageBytes", String.valueOf(maxBytes), "256 .. 16777216 bytes");
        }
        var windowPrefix = prefix(pid, props, "windowTopicPrefix", "gridprint/out/windows/");
        var alarmPrefix = prefix(pid, props, "alarmTopicPrefix", "gridprint/out/alarms/");
        var tls = uri.startsWith("ssl://");
        var caFile = file(pid, props, "caFile", tls);
        var clientCert = file(pid, props, "clientCertFile", tls);
        var clientKey = file(pid, props, "clientKeyFile", tls);
        var keyPassword = optional(text(props, "clientKeyPassword", "")).map(String::toCharArray);
        if (clientKey.isPresent() && clientCert.isEmpty()) {
            throw new IllegalArgumentException(pid + ": field 'clientKeyFile' is set but 'clientCertFile' is empty; "
                    + "expected both (PEM) or only clientCertFile (PKCS12)");
        }
        if (clientCert.isPresent() && clientKey.isEmpty() && !isPkcs12(clientCert.get())) {
            throw error(pid, "clientCertFile", clientCert.get().toString(), "a PKCS12 file (.p12 or .pfx) when "
                    + "clientKeyFile is empty, or set clientKeyFile to the PEM private key");
        }
        var versions = new ArrayList<String>();
        for (var v : text(props, "tlsVersions", "TLSv1.3,TLSv1.2").split(",")) {
            var version = v.trim();
            if (!version.equals("TLSv1.3") && !version.equals("TLSv1.2")) {
                throw error(pid, "tlsVersions", version, "TLSv1.3 and/or TLSv1.2, comma separated");
            }
            versions.add(version);
        }
        var keepAlive = integer(pid, props, "keepAliveSeconds", 30);
        if (keepAlive < 5 || keepAlive > 3600) {
            throw error(pid, "keepAliveSeconds", String.valueOf(keepAlive), "5 .. 3600 seconds");
        }
        var initial = longValue(pid, props, "reconnectInitialMillis", 1000);
        var max = longValue(pid, props, "reconnectMaxMillis", 60_000);
        if (initial < 10 || max < initial || max > 3_600_000) {
            throw new IllegalArgumentException(pid + ": fields 'reconnectInitialMillis' (" + initial + ") and "
                    + "'reconnectMaxMillis' (" + max + "): expected 10 <= initial <= max <= 3600000 milliseconds");
        }
        return new BrokerSettings(id, uri, clientId, username, password, cleanSession, qos, topics, maxBytes,
                windowPrefix, alarmPrefix, caFile, clientCert, clientKey, keyPassword, versions, keepAlive, initial,
                max, protocol, sessionExpiry);
    }

    static boolean isPkcs12(Path file) {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private static void checkUri(String pid, String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (Exception e) {
            throw error(pid, "serverUri", uri, "tcp://host:port or ssl://host:port");
        }
        if (!"tcp".equals(parsed.getScheme()) && !"ssl".equals(parsed.getScheme()) || parsed.getHost() == null
                || parsed.getPort() < 1 || parsed.getPath() != null && !parsed.getPath().isEmpty()) {
            throw error(pid, "serverUri", uri, "tcp://host:port (plain, usually 1883) or ssl://host:port (TLS, "
                    + "usually 8883)");
        }
    }

    private static void checkFilter(String pid, String filter) {
        var levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            var level = levels[i];
            var wildcardOk = level.equals("+") || level.equals("#") && i == levels.length - 1;
            if ((level.contains("+") || level.contains("#")) && !wildcardOk) {
                throw error(pid, "ingestTopics", filter, "topic filters where '+' fills a whole level and '#' only "
                        + "the last level");
            }
        }
    }

    private static String prefix(String pid, Map<String, ?> props, String field, String def) {
        var value = text(props, field, def);
        if (value.contains("+") || value.contains("#")) {
            throw error(pid, field, value, "a topic prefix without wildcards '+' or '#'");
        }
        return value;
    }

    private static Optional<Path> file(String pid, Map<String, ?> props, String field, boolean tls) {
        var value = text(props, field, "");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!tls) {
            throw error(pid, field, value, "empty with a tcp:// serverUri (TLS files are for ssl:// only)");
        }
        var path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw error(pid, field, value, "a readable file");
        }
        return Optional.of(path);
    }

    private static String text(Map<String, ?> props, String key, String def) {
        var v = props.get(key);
        return v == null ? def : v.toString().trim();
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static boolean bool(String pid, Map<String, ?> props, String key, boolean def) {
        var s = text(props, key, String.valueOf(def)).toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw error(pid, key, s, "true or false");
        }
        return Boolean.parseBoolean(s);
    }

    private static int integer(String pid, Map<String, ?> props, String key, int def) {
        var s = text(props, key, String.valueOf(def));
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(pid, key, s, "a whole number");
        }
    }

    private static long longValue(String pid, Map<String, ?> props, String key, long def) {
        var s = text(props, key, String.valueOf(def));
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(pid, key, s, "a whole number");
        }
    }

    private static IllegalArgumentException error(String pid, String field, String value, String expected) {
        return new IllegalArgumentException(pid + ": field '" + field + "' is '" + value + "'; expected " + expected);
    }
}
