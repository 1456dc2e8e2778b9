package org.gridprint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's server binaries ({@code /usr/lib/postgresql/<version>/bin}, or the
 * directory in the environment variable {@code GRIDPRINT_PG_BIN}), a fresh cluster made by {@code initdb} in a new
 * directory under {@code parent} (e.g. the module's {@code target/}), listening on 127.0.0.1 only, on a free port,
 * with its Unix socket in that directory and {@code fsync} on. The superuser {@link #user()} logs in over TCP with a
 * random {@link #password()} (scram-sha-256).
 *
 * <p>PostgreSQL refuses to run as root: when the tests run as root (CI), every server command runs as the
 * {@code postgres} system user ({@code runuser -u postgres --}) and the directory is given to that user; when that
 * user cannot reach {@code parent} (a checkout under {@code /root}), the directory is made in the system's temporary
 * directory instead.
 *
 * <p>Missing binaries fail the test with a message saying what to install; a test never silently skips.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final String USER = "gridprint_test";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final String password;
    private final boolean asPostgresUser;
    private final Thread shutdownHook;
    private int port;
    private boolean running;

    private PostgresServer(Path bin, Path dir, String password, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.password = password;
        this.asPostgresUser = asPostgresUser;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-test-server-stop");
    }

    /** Creates a cluster in a new directory under {@code parent} and starts it. */
    public static PostgresServer start(Path parent) {
        var bin = findBinaries();
        try {
            Files.createDirectories(parent);
            boolean root = isRoot();
            var dir = Files.createTempDirectory(parent.toAbsolutePath(), "pg-");
            if (root && !reachableByPostgresUser(dir)) {
                // e.g. a checkout under /root (mode 700): the postgres user cannot reach target/, use the temp dir
                Files.delete(dir);
                dir = Files.createTempDirectory("gridprint-pg-");
            }
            var random = new byte[16];
            new SecureRandom().nextBytes(random);
            var server = new PostgresServer(bin, dir, "pw-" + HexFormat.of().formatHex(random), root);
            server.initdb();
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.port = freePort();
            server.startServer();
            server.watchdog();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a PostgreSQL test cluster under " + parent, e);
        }
    }

    /** The directory holding Debian's PostgreSQL server binaries, or a failure saying what to install. */
    public static Path findBinaries() {
        return findBinaries(System.getenv("GRIDPRINT_PG_BIN"), Path.of("/usr/lib/postgresql"));
    }

    /**
     * The directory {@code configured} (when set) or the newest {@code <debianRoot>/<version>/bin} holding
     * initdb, pg_ctl and postgres; otherwise an IllegalStateException saying what to install.
     */
    public static Path findBinaries(String configured, Path debianRoot) {
        if (configured != null && !configured.isBlank()) {
            var dir = Path.of(configured);
            if (hasBinaries(dir)) {
                return dir;
            }
            throw new IllegalStateException("GRIDPRINT_PG_BIN=" + configured + " does not hold initdb, pg_ctl and "
                    + "postgres");
        }
        if (Files.isDirectory(debianRoot)) {
            try (Stream<Path> versions = Files.list(debianRoot)) {
                var found = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString()))
                                .reversed())
                        .map(v -> v.resolve("bin")).filter(PostgresServer::hasBinaries).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + debianRoot, e);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in "
                + debianRoot + "/<version>/bin: these tests need a real PostgreSQL server; install Debian's "
                + "package (apt-get install postgresql; .ci/run does this) or set GRIDPRINT_PG_BIN to the directory "
                + "holding them");
    }

    private static boolean hasBinaries(Path dir) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(dir.resolve(b)));
    }

    private static boolean isRoot() {
        try {
            var p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.equals("0");
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for the user id", e);
        }
    }

    /** Whether the postgres system user can enter every directory down to {@code dir}. */
    private static boolean reachableByPostgresUser(Path dir) {
        try {
            var p = new ProcessBuilder("runuser", "-u", "postgres", "--", "test", "-x", dir.getParent().toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking directory access for the postgres user", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void initdb() throws IOException {
        var pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n", StandardCharsets.US_ASCII);
        if (asPostgresUser) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"),
                true);
        Files.delete(pwfile);
    }

    private void startServer() {
        var options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                + " -c fsync=on -c max_connections=60 -c shared_buffers=32MB";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "90", "-o", options, "start"), true);
        running = true;
    }

    /**
     * Stops the server and deletes its directory once this JVM is gone, also when it is killed (then no shutdown hook
     * runs: failsafe kills a test JVM that does not exit in time). A small shell loop, a child of this JVM that
     * outlives it; after a clean {@link #close()} it finds nothing left to do.
     */
    private void watchdog() throws IOException {
        var stop = (asPostgresUser ? "runuser -u postgres -- " : "") + "'" + bin.resolve("pg_ctl") + "' -D '" + data
                + "' -m immediate stop";
        var script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 2; done; " + stop
                + " >/dev/null 2>&1; rm -rf '" + dir + "'";
        new ProcessBuilder("sh", "-c", script).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Starts the server again (same data, same port) after {@link #stop()} or {@link #crash()}. */
    public synchronized void restart() {
        if (!running) {
            startServer();
        }
    }

    /** Stops the server cleanly ({@code pg_ctl stop -m fast}: clients are disconnected); the data stays. */
    public synchronized void stop() {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), true);
            running = false;
        }
    }

    /** Stops the server as a crash would ({@code pg_ctl stop -m immediate}); it recovers at the next start. */
    public synchronized void crash() {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    true);
            running = false;
        }
    }

    public synchronized boolean running() {
        return running;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** Creates a database (lower-case letters, digits, '_'); returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name + "': expected lower-case letters, digits "
                    + "and '_', starting with a letter");
        }
        var props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        try (var c = new org.postgresql.Driver().connect(jdbcUrl("postgres"), props); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on the test server at port " + port
                    + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs or ran
            }
            deleteTree(dir);
        }
    }

    private void stopQuietly() {
        try {
            crash();
        } catch (RuntimeException ignored) {
            // the JVM is exiting; nothing else to do
        }
    }

    /** Runs a command (as the postgres user when needed) and fails with its output when it fails. */
    private void run(List<String> command, boolean serverCommand) {
        var full = new ArrayList<String>();
        if (serverCommand && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        var out = dir.resolve("command.out");
        try {
            var p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within "
                        + COMMAND_TIMEOUT_SECONDS + " s" + outputOf(out));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed with exit code " + p.exitValue()
                        + outputOf(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", full), e);
        }
    }

    private String outputOf(Path out) {
        var text = new StringBuilder();
        try {
            text.append(":\n").append(Files.readString(out));
            var log = dir.resolve("server.log");
            if (Files.exists(log)) {
                var lines = Files.readAllLines(log);
                text.append("server.log (end):\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        } catch (IOException e) {
            text.append(" (output unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test cluster " + root, e);
        }
    }
}
