package org.gridprint.driver.toolkit.tls;

import java.net.URI;
import java.net.URISyntaxException;

/** Broker addresses {@code tcp://host[:port]} (plain, 1883) and {@code ssl://host[:port]} (TLS, 8883). */
public final class ServerUris {

    public static final int PLAIN_PORT = 1883;
    public static final int TLS_PORT = 8883;

    private ServerUris() {
    }

    /**
     * Checks {@code value} of field {@code field} of {@code pid} and returns it with its port made explicit
     * ({@code ssl://broker} becomes {@code ssl://broker:8883}); errors name the PID, the field, the value and what is
     * expected.
     */
    public static String normalise(String pid, String field, String value) {
        var text = value == null ? "" : value.trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad(pid, field, text);
        }
        var scheme = uri.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme) || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getUserInfo() != null) {
            throw bad(pid, field, text);
        }
        int port = uri.getPort() < 0 ? ("ssl".equals(scheme) ? TLS_PORT : PLAIN_PORT) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw bad(pid, field, text);
        }
        var host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return scheme + "://" + host + ":" + port;
    }

    /** True for an {@code ssl://} address. */
    public static boolean tls(String uri) {
        return uri.startsWith("ssl://");
    }

    private static IllegalArgumentException bad(String pid, String field, String value) {
        return new IllegalArgumentException(pid + ": field '" + field + "' is '" + value + "'; expected "
                + "tcp://host:port (plain, port 1883 when omitted) or ssl://host:port (TLS, port 8883 when omitted)");
    }
}
