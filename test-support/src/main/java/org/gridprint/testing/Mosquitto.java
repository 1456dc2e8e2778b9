package org.gridprint.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian mosquitto broker started by the test on a free loopback port with a generated configuration file;
 * fails (never skips: IllegalStateException) when /usr/sbin/mosquitto is missing (.ci/run installs it).
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;
    /** Ends the broker when this JVM ends, however it ends (a killed test fork runs no shutdown hook). */
    private Process watchdog;

    public Mosquitto(Path dir, List<String> extra) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("mosquitto broker missing: apt-get install mosquitto (see .ci/run)");
        }
        this.dir = dir;
        this.port = freePort();
        this.extra = List.copyOf(extra);
    }

    public static Mosquitto plain(Path dir) throws IOException {
        return new Mosquitto(dir, List.of());
    }

    public int port() {
        return port;
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public Mosquitto start() throws IOException, InterruptedException {
        var lines = new ArrayList<String>();
        lines.add("listener " + port + " 127.0.0.1");
        lines.add("allow_anonymous true");
        if (extra.stream().noneMatch(l -> l.startsWith("persistence"))) {
            lines.add("persistence false");
        }
        lines.add("log_dest stdout");
        lines.add("log_type error");
        lines.add("log_type warning");
        lines.add("log_type notice");
        if ("root".equals(System.getProperty("user.name"))) {
            lines.add("user root");
        }
        lines.addAll(extra);
        var conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.write(conf, lines);
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto-" + port + ".log").toFile()))
                .start();
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("mosquitto-" + port + ".log")));
            }
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException e) {
                Thread.sleep(50);
                continue;
            }
            // its stdin is a pipe from this JVM: end of input (stop(), or this JVM gone) sends the broker SIGTERM
            watchdog = new ProcessBuilder("sh", "-c", "cat >/dev/null; kill " + process.pid() + " 2>/dev/null")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return this;
        }
        throw new IllegalStateException("mosquitto did not listen on 127.0.0.1:" + port);
    }

    public void stop() throws InterruptedException {
        if (watchdog != null) {
            try {
                watchdog.getOutputStream().close();
            } catch (IOException e) {
                watchdog.destroy();
            }
            watchdog.waitFor(5, TimeUnit.SECONDS);
            watchdog = null;
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
