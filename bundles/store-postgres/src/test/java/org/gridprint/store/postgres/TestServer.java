package org.gridprint.store.postgres;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.testing.PostgresServer;

/**
 * The real PostgreSQL server of this module's tests: one per test JVM (started on first use under
 * {@code target/}, stopped and deleted when the JVM ends), one database per test class, one schema per store.
 */
final class TestServer {

    private static PostgresServer server;
    private static final Map<String, String> DATABASES = new HashMap<>();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestServer() {
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start(Path.of("target"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close(), "postgres-test-server-close"));
        }
        if (!server.running()) {
            server.restart();
        }
        return server;
    }

    /** The JDBC URL of the database of {@code testClass} (created on first use). */
    static synchronized String database(Class<?> testClass) {
        var s = server();
        return DATABASES.computeIfAbsent(testClass.getName(), n -> s.createDatabase(
                "t_" + testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")));
    }

    /** A schema name not used before in this JVM. */
    static String newSchema() {
        return "s" + SCHEMAS.incrementAndGet();
    }

    /** Options for a store of {@code testClass}'s database in a new schema, its files in {@code anchors}. */
    static PostgresOptions options(Class<?> testClass, Path anchors) {
        var s = server();
        return PostgresOptions.of(database(testClass), s.user(), s.password(), anchors).withSchema(newSchema())
                .withMaxRetry(java.time.Duration.ofSeconds(1));
    }
}
