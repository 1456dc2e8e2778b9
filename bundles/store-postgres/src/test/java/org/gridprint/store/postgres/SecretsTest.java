package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password never appears in a log line (SLF4J, and the JDBC driver's java.util.logging at every level) nor in
 * an exception or the status, whether the login is refused, the server is unreachable or all is well.
 */
class SecretsTest {

    private static final String WRONG = "Wr0ng-Secret-4711";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Handler julCapture;
    private Level julLevel;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        var tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        var root = Logger.getLogger("");
        julLevel = Logger.getLogger("org.postgresql").getLevel();
        Logger.getLogger("org.postgresql").setLevel(Level.ALL);
        julCapture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                tee.println("JUL " + r.getLevel() + " " + r.getMessage() + " " + java.util.Arrays.toString(
                        r.getParameters()) + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        julCapture.setLevel(Level.ALL);
        root.addHandler(julCapture);
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(julCapture);
        Logger.getLogger("org.postgresql").setLevel(julLevel);
        originalErr.print(captured.toString(StandardCharsets.UTF_8));
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Reading reading() {
        return Reading.good("m", Quantity.ACTIVE_POWER, java.time.Instant.parse("2026-05-01T00:00:00Z"), 1, "s");
    }

    private static void assertNoSecret(String text, String secret) {
        assertFalse(text.contains(secret), () -> "the password appears in: " + text);
    }

    @Test
    void aRefusedLoginNamesTheUserButNeverThePassword() {
        var server = TestServer.server();
        var options = TestServer.options(getClass(), dir).withPassword(WRONG);
        var store = PostgresStore.open(options, Clock.systemUTC(), AlarmSink.NONE);
        try {
            assertFalse(store.available());
            var error = store.status().lastError().orElseThrow();
            assertTrue(error.contains("login refused") && error.contains(server.user()), error);
            var refused = assertThrows(IllegalStateException.class, () -> store.append("s", List.of(reading())));
            var reader = assertThrows(IllegalStateException.class, () -> store.quarantine(1));
            assertNoSecret(error, WRONG);
            assertNoSecret(refused.getMessage(), WRONG);
            assertNoSecret(reader.getMessage(), WRONG);
            assertNoSecret(String.valueOf(reader.getCause()), WRONG);
            assertNoSecret(store.status().toString(), WRONG);
            assertNoSecret(options.toString(), WRONG);
        } finally {
            store.close();
        }
        assertTrue(log().contains("login refused"), "the refusal was logged");
        assertNoSecret(log(), WRONG);
    }

    @Test
    void anUnreachableServerAndNormalWorkNeverLogThePassword() throws Exception {
        var server = TestServer.server();
        int closedPort;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        var away = PostgresOptions.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere", server.user(),
                server.password(), dir.resolve("a")).withMaxRetry(Duration.ofSeconds(1));
        var store = PostgresStore.open(away, Clock.systemUTC(), AlarmSink.NONE);
        try {
            assertFalse(store.available());
            assertThrows(IllegalStateException.class, () -> store.append("s", List.of(reading())));
            assertThrows(IllegalStateException.class, () -> store.latest("m", Quantity.ACTIVE_POWER));
        } finally {
            store.close();
        }
        var working = PostgresStore.open(TestServer.options(getClass(), dir.resolve("b")), Clock.systemUTC(),
                AlarmSink.NONE);
        try {
            assertTrue(working.available());
            working.append("s", List.of(reading(), new Reading("m", Quantity.ACTIVE_POWER, reading().timestamp(), 2,
                    Quality.GOOD, "s")));
            working.verify();
        } finally {
            working.close();
        }
        assertTrue(log().contains("is unreachable: connection refused"), "the outage was logged");
        assertNoSecret(log(), server.password());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutShowingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> PostgresOptions.of(
                "jdbc:postgresql://db:5432/g?user=x&password=" + WRONG, "x", "", dir));
        assertTrue(e.getMessage().contains("org.gridprint.store.postgres") && e.getMessage().contains("password"),
                e.getMessage());
        assertNoSecret(e.getMessage(), WRONG);
    }

    @Test
    void maskingRemovesThePasswordAndPasswordAssignments() {
        var m = new Masking("s3cr3t");
        assertEquals("login as x with **** failed; url ?user=x&password=****&ssl=true (password: ****)",
                m.mask("login as x with s3cr3t failed; url ?user=x&password=abc&ssl=true (password: s3cr3t)"));
        assertEquals("no secret here", new Masking("").mask("no secret here"));
    }
}
