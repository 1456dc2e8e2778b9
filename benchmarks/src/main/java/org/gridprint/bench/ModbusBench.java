package org.gridprint.bench;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.driver.modbus.AlarmSink;
import org.gridprint.driver.modbus.BridgeConfigParser;
import org.gridprint.driver.modbus.DeviceConfigParser;
import org.gridprint.driver.modbus.ModbusDevice;
import org.gridprint.driver.modbus.ModbusDriver;
import org.gridprint.driver.modbus.PollOutcome;
import org.gridprint.driver.modbus.ProfileLoader;
import org.gridprint.driver.modbus.RegisterFunction;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * Modbus driver throughput (docs/benchmarks.md). {@code --mode tcp}: j2mod TCP slaves on 127.0.0.1 (one per bridge,
 * {@code devices / bridges} unit ids each), every device 20 float32 points = 40 registers; full scans of all
 * devices, all bridges in parallel, each bridge one transaction at a time; compared with a naive poller (one
 * request per point). {@code --mode rtu}: 30 meters on one emulated RS-485 line at 9600 baud: two socat pty pairs
 * joined by a pacing proxy that charges every character 11 bit times on one half-duplex timeline with 3.5
 * characters of silence between frames; scan time versus the wire time of the frames sent. Loopback only; bounded.
 */
public final class ModbusBench {

    private static final int POINTS = 20;

    private static final Map<String, String> OPTS = new HashMap<>();

    private static Map<String, String> opts() {
        return OPTS;
    }

    public static void main(String[] args) throws Exception {
        var opts = OPTS;
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var mode = opts.getOrDefault("mode", "tcp");
        if (mode.equals("rtu")) {
            rtu(Integer.parseInt(opts.getOrDefault("meters", "30")), Integer.parseInt(opts.getOrDefault("registers",
                    "2")), Integer.parseInt(opts.getOrDefault("scans", "5")));
        } else {
            tcp(Integer.parseInt(opts.getOrDefault("devices", "1000")), Integer.parseInt(opts.getOrDefault("bridges",
                    "20")), Integer.parseInt(opts.getOrDefault("scans", "20")));
        }
        ModbusSlaveFactory.close();
        System.exit(0);
    }

    private static final class CountingIngest implements IngestService {
        final AtomicLong readings = new AtomicLong();

        @Override
        public IngestResult submit(String source, List<org.gridprint.api.Reading> batch) {
            readings.addAndGet(batch.size());
            return new IngestResult(List.of(), Optional.empty());
        }
    }

    private static String pointsMap(String meter, int registers) {
        var sb = new StringBuilder();
        int n = Math.max(1, registers / 2);
        var quantities = org.gridprint.api.Quantity.values();
        for (int p = 0; p < n; p++) {
            // distinct meter/quantity pairs: one meter id per point
            sb.append(p == 0 ? "" : ",").append("meter=").append(meter).append("/p").append(p)
                    .append(";quantity=").append(quantities[p % 4 == 0 ? 6 : 4]).append(";address=").append(2 * p)
                    .append(";type=float32");
        }
        return sb.toString();
    }

    static void tcp(int devices, int bridges, int scans) throws Exception {
        int perBridge = devices / bridges;
        var image = new SimpleProcessImage(1);
        for (int i = 0; i < 2 * POINTS; i++) {
            image.addRegister(new SimpleRegister(0x4000 + i));
        }
        var driver = new ModbusDriver(Clock.systemUTC());
        driver.open(new ProfileLoader(null, ModbusDriver.class.getClassLoader()));
        var ingest = new CountingIngest();
        var all = new ArrayList<ModbusDevice>();
        for (int b = 0; b < bridges; b++) {
            int port;
            try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            var slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
            for (int u = 1; u <= perBridge; u++) {
                slave.addProcessImage(u, image);
            }
            slave.open();
            Thread.sleep(50);
            var props = new HashMap<String, Object>(Map.of("id", "b" + b, "host", "127.0.0.1", "port",
                    String.valueOf(port), "timeoutMillis", "2000"));
            driver.bridges().define(BridgeConfigParser.parse(props).settings());
            for (int u = 1; u <= perBridge; u++) {
                var dp = new HashMap<String, Object>(Map.of("id", "d" + b + "-" + u, "bridge", "b" + b, "unitId",
                        String.valueOf(u), "pollIntervalSeconds", "60", "registers", pointsMap("m" + b + "-" + u,
                                2 * POINTS)));
                all.add(driver.device(DeviceConfigParser.parse(dp), () -> ingest, AlarmSink.NONE));
            }
        }
        System.out.printf("TCP loopback: %d devices x %d registers (%d float32 points) on %d bridges, %d scans%n",
                all.size(), 2 * POINTS, POINTS, bridges, scans);
        scan(driver, all); // warm-up: connections, JIT
        long requestsBefore = all.stream().mapToLong(ModbusDevice::requestsSent).sum();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long best = Long.MAX_VALUE;
        for (int s = 0; s < scans; s++) {
            long st = System.nanoTime();
            scan(driver, all);
            best = Math.min(best, System.nanoTime() - st);
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long requests = all.stream().mapToLong(ModbusDevice::requestsSent).sum() - requestsBefore;
        System.out.printf("full scan: mean %.1f ms, best %.1f ms; %.0f device reads/s; %d requests per scan "
                + "(naive one request per point: %d); readings submitted %d%n", wall / 1e6 / scans, best / 1e6,
                all.size() * (double) scans / (wall / 1e9), requests / scans, (long) all.size() * POINTS,
                ingest.readings.get());
        System.out.printf("CPU %.1f s for %.1f s wall (%.0f %% of one core; includes the j2mod slaves in this JVM)%n",
                cpu / 1e9, wall / 1e9, 100.0 * cpu / wall);

        // the naive poller: one request per point, same bridges, same transactions
        long n0 = System.nanoTime();
        var futures = new ArrayList<CompletableFuture<Void>>();
        for (int b = 0; b < bridges; b++) {
            var bridge = driver.bridges().bridge("b" + b);
            futures.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int u = 1; u <= perBridge; u++) {
                        for (int p = 0; p < POINTS; p++) {
                            bridge.read(u, RegisterFunction.HOLDING, 2 * p, 2);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, bridge.executor()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long naive = System.nanoTime() - n0;
        System.out.printf("naive scan (one request per point): %.1f ms, %.0f device reads/s, %d requests%n",
                naive / 1e6, all.size() / (naive / 1e9), (long) all.size() * POINTS);
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("heap after GC: %d MB used (max %d MB)%n", heap.getUsed() >> 20, heap.getMax() >> 20);
        driver.close();
    }

    /** One full scan: every device's cycle on its bridge's thread, bridges in parallel; waits for all. */
    private static void scan(ModbusDriver driver, List<ModbusDevice> devices) throws Exception {
        var futures = new ArrayList<CompletableFuture<Void>>(devices.size());
        for (var d : devices) {
            var bridge = driver.bridges().bridge(d.settings().orElseThrow().bridge());
            futures.add(CompletableFuture.runAsync(() -> {
                var o = d.pollOnce();
                if (!(o instanceof PollOutcome.Polled p) || !p.complete()) {
                    throw new IllegalStateException(d.id() + ": " + o);
                }
            }, bridge.executor()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    // ---- RTU on an emulated line ----

    static void rtu(int meters, int registers, int scans) throws Exception {
        var dir = Files.createTempDirectory("gridprint-rtu-bench");
        var a = socat(dir, "a0", "a1");
        var b = socat(dir, "b0", "b1");
        try {
            await(dir.resolve("a1"));
            await(dir.resolve("b1"));
            var proxy = new PacingProxy(dir.resolve("a1"), dir.resolve("b0"), 9600, 11);
            proxy.start();
            var params = new SerialParameters(dir.resolve("b1").toString(), 9600, 0, 0, 8, 1, 0, false);
            params.setEncoding(Modbus.SERIAL_ENCODING_RTU);
            var slave = ModbusSlaveFactory.createSerialSlave(params);
            var image = new SimpleProcessImage(1);
            for (int i = 0; i < Math.max(2, registers); i++) {
                image.addRegister(new SimpleRegister(0x4000 + i));
            }
            for (int u = 1; u <= meters; u++) {
                slave.addProcessImage(u, image);
            }
            slave.open();
            var driver = new ModbusDriver(Clock.systemUTC());
            driver.open(new ProfileLoader(null, ModbusDriver.class.getClassLoader()));
            // the pty carries no parity (a measured fact of the team: a pty refuses parity settings); the proxy charges 8E1's 11 bits
            var bp = new HashMap<String, Object>(Map.of("id", "rs485", "type", "rtu", "serialPort",
                    dir.resolve("a0").toString(), "serial", "9600 8N1", "timeoutMillis", "1000",
                    "interFrameDelayMillis", opts().getOrDefault("delay", "4")));
            driver.bridges().define(BridgeConfigParser.parse(bp).settings());
            var ingest = new CountingIngest();
            var all = new ArrayList<ModbusDevice>();
            for (int u = 1; u <= meters; u++) {
                var dp = new HashMap<String, Object>(Map.of("id", "m" + u, "bridge", "rs485", "unitId",
                        String.valueOf(u), "pollIntervalSeconds", "60", "registers", pointsMap("m" + u, registers)));
                all.add(driver.device(DeviceConfigParser.parse(dp), () -> ingest, AlarmSink.NONE));
            }
            scan(driver, all);
            double charMs = 11 * 1000.0 / 9600;
            double wirePerRead = (8 + 5 + 2 * registers + 7) * charMs;
            System.out.printf("RTU 9600 8E1 (11 bits/char) emulated: %d meters x %d registers, wire time of one read "
                    + "%.2f ms, of one scan %.1f ms%n", meters, registers, wirePerRead, wirePerRead * meters);
            for (int s = 0; s < scans; s++) {
                long st = System.nanoTime();
                scan(driver, all);
                double ms = (System.nanoTime() - st) / 1e6;
                System.out.printf("scan %d: %.1f ms = %.3f x wire time%n", s + 1, ms, ms / (wirePerRead * meters));
            }
            driver.close();
            ModbusSlaveFactory.close();
            proxy.stop();
        } finally {
            a.destroy();
            b.destroy();
        }
    }

    private static Process socat(Path dir, String x, String y) throws IOException {
        return new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve(x), "pty,raw,echo=0,link="
                + dir.resolve(y)).redirectErrorStream(true).redirectOutput(dir.resolve(x + ".log").toFile()).start();
    }

    private static void await(Path p) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(p); i++) {
            Thread.sleep(25);
        }
    }

    /**
     * Joins two pty ends like an RS-485 line: one half-duplex timeline; every character takes {@code bits} bit
     * times; a frame starts at least 3.5 characters after the previous one ended.
     */
    static final class PacingProxy {
        private final Path left;
        private final Path right;
        private final double charNanos;
        private final Object line = new Object();
        private long lineFreeAt; // nanoTime when the line is silent again (end of last char + 3.5 chars)
        private volatile boolean running = true;
        private final List<Thread> threads = new ArrayList<>();

        PacingProxy(Path left, Path right, int baud, int bits) {
            this.left = left;
            this.right = right;
            this.charNanos = bits * 1e9 / baud;
        }

        void start() throws IOException {
            var lin = new FileInputStream(left.toFile());
            var lout = new FileOutputStream(left.toFile());
            var rin = new FileInputStream(right.toFile());
            var rout = new FileOutputStream(right.toFile());
            threads.add(pump(lin, rout));
            threads.add(pump(rin, lout));
        }

        private Thread pump(FileInputStream in, FileOutputStream out) {
            var t = new Thread(() -> {
                var buf = new byte[512];
                long lastByteAt = 0;
                try {
                    while (running) {
                        int n = in.read(buf);
                        if (n < 0) {
                            return;
                        }
                        long done;
                        synchronized (line) {
                            long now = System.nanoTime();
                            // a chunk continuing a frame follows its previous byte; a new frame waits for silence
                            boolean continues = now - lastByteAt < (long) (1.5 * charNanos);
                            long start = continues ? Math.max(now, lastByteAt) : Math.max(now, lineFreeAt);
                            done = start + (long) (n * charNanos);
                            lastByteAt = done;
                            lineFreeAt = done + (long) (3.5 * charNanos);
                        }
                        long wait = done - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // line closed: bench over
                }
            }, "pacing-proxy");
            t.setDaemon(true);
            t.start();
            return t;
        }

        void stop() {
            running = false;
        }
    }
}
