package org.gridprint.itests;

import java.nio.file.Path;

/**
 * Starts test-support's PostgresServer in the test runner's JVM through reflection (the probe bundle built from
 * these classes must not import org.gridprint.testing, which Karaf does not have). It stops, and its directory is
 * deleted, when the runner's JVM ends (its shutdown hook, or PostgresServer's watchdog when failsafe kills the JVM).
 */
final class TestServerLauncher {

    private static String[] started;

    private TestServerLauncher() {
    }

    /** {JDBC URL of a fresh database, user, password}; the same server for every call in one JVM. */
    static synchronized String[] start(Path parent) {
        if (started != null) {
            return started;
        }
        try {
            var type = Class.forName("org.gridprint.testing.PostgresServer");
            var server = type.getMethod("start", Path.class).invoke(null, parent.toAbsolutePath());
            var url = (String) type.getMethod("createDatabase", String.class).invoke(server, "gridprint_it");
            var user = (String) type.getMethod("user").invoke(server);
            var password = (String) type.getMethod("password").invoke(server);
            var close = type.getMethod("close");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    close.invoke(server);
                } catch (ReflectiveOperationException e) {
                    // the JVM is ending
                }
            }, "postgres-it-server-close"));
            started = new String[] {url, user, password};
            return started;
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("cannot start the PostgreSQL server for PostgresStoreIT: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("test-support's PostgresServer is not on the test class path", e);
        }
    }
}
