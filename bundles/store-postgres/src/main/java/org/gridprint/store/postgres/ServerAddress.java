package org.gridprint.store.postgres;

import java.net.URI;

/** What a JDBC URL says about where the server is, for messages and the status: never credentials. */
final class ServerAddress {

    private ServerAddress() {
    }

    /** The URL without its query (which might carry options an operator does not want shown). */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** {@code host:port/database} of a {@code jdbc:postgresql://} URL (port 5432 when not given). */
    static String hostPortDatabase(String url) {
        var plain = withoutQuery(url);
        var prefix = "jdbc:postgresql://";
        if (!plain.startsWith(prefix)) {
            // jdbc:postgresql:database (local host, default port)
            return "localhost:5432/" + plain.substring("jdbc:postgresql:".length());
        }
        try {
            var uri = URI.create("postgresql://" + plain.substring(prefix.length()));
            var host = uri.getHost() == null ? uri.getAuthority() : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            var path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            return (host == null ? "localhost" : host) + (uri.getHost() == null ? "" : ":" + port) + path;
        } catch (IllegalArgumentException e) {
            return plain.substring(prefix.length());
        }
    }
}
