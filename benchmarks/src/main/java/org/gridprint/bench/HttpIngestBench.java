package org.gridprint.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.security.IssuedToken;
import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenService;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.http.ApiRoutes;
import org.gridprint.http.ApiServices;
import org.gridprint.http.HttpApiSettings;
import org.gridprint.http.query.AlarmBook;
import org.gridprint.http.web.ApiTotals;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * HTTPS ingest against the raw store rate, in the same run: the same N batches of B readings (B meters at one
 * timestamp, minute steps) go (1) straight into {@code IngestServiceImpl.submit} in front of a new Derby store, then
 * (2) as JSON (or NDJSON/CSV) POSTs to /api/v1/readings over HTTPS (TLS 1.3, keep-alive, java.net.http, C client
 * threads) into the API servlet in a real Jetty 9.4 on 127.0.0.1 in front of a second new Derby store. Bodies are
 * built before the clock starts. Every answer must be 200 with B stored; the store counts are checked. Then both
 * phases submit the same batches again (all duplicates: no store commit), which shows what the HTTPS path itself
 * costs apart from the durable commit per batch. Bounded;
 * loopback only; the temp directories are deleted.
 *
 * <pre>
 * --batches N     batches per phase (default 2000)
 * --batch B       readings per batch (default 100)
 * --clients C     concurrent HTTPS clients (default 4)
 * --format F      json (default), ndjson or csv
 * </pre>
 */
public final class HttpIngestBench {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String TOKEN = "bench-token";

    private HttpIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        var opts = Arrays.asList(args);
        int batches = intOpt(opts, "--batches", 2000);
        int batch = intOpt(opts, "--batch", 100);
        int clients = intOpt(opts, "--clients", 4);
        var format = strOpt(opts, "--format", "json");
        var meters = new ArrayList<Meter>();
        for (int m = 0; m < batch; m++) {
            meters.add(Meter.of(String.format(Locale.ROOT, "bench/m%04d", m), "bench"));
        }
        System.out.printf(Locale.ROOT, "HttpIngestBench: %d batches x %d readings, %d clients, %s bodies, Java %s, %d cpus%n",
                batches, batch, clients, format, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        var dir = Files.createTempDirectory("gridprint-http-bench");
        try {
            double raw = rawPhase(dir.resolve("raw"), meters, batches, batch);
            double https = httpsPhase(dir, meters, batches, batch, clients, format);
            System.out.printf(Locale.ROOT, "RESULT raw IngestService.submit: %.0f readings/s; HTTPS POST: %.0f readings/s"
                    + " (%.0f %% of raw)%n", raw, https, 100 * https / raw);
        } finally {
            delete(dir);
        }
        System.exit(0); // the HTTP clients' selector threads would keep the JVM alive
    }

    static List<Reading> readings(List<Meter> meters, int b) {
        var t = T0.plusSeconds(60L * b);
        var out = new ArrayList<Reading>(meters.size());
        for (int m = 0; m < meters.size(); m++) {
            out.add(new Reading(meters.get(m).id(), Quantity.ACTIVE_ENERGY_IMPORT, t, 1000 + b * 0.25 + m,
                    Quality.GOOD, "bench"));
        }
        return out;
    }

    static double rawPhase(Path dir, List<Meter> meters, int batches, int batch) {
        var store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults());
        try {
            meters.forEach(store::registerMeter);
            var ingest = new IngestServiceImpl(store, MeterRegistryImpl.of(meters), Clock.systemUTC(), null);
            var all = new ArrayList<List<Reading>>(batches);
            for (int b = 0; b < batches; b++) {
                all.add(readings(meters, b));
            }
            long t = System.nanoTime();
            long accepted = 0;
            for (var readings : all) {
                accepted += ingest.submit("bench", readings).accepted();
            }
            double s = (System.nanoTime() - t) / 1e9;
            check(accepted == (long) batches * batch, "raw phase accepted " + accepted);
            double rate = accepted / s;
            System.out.printf(Locale.ROOT, "raw   : %d readings in %.2f s = %.0f readings/s (%.2f ms per batch)%n",
                    accepted, s, rate, s * 1000 / batches);
            t = System.nanoTime();
            long duplicates = 0;
            for (var readings : all) {
                duplicates += ingest.submit("bench", readings).duplicates();
            }
            s = (System.nanoTime() - t) / 1e9;
            check(duplicates == (long) batches * batch, "raw replay duplicates " + duplicates);
            System.out.printf(Locale.ROOT, "raw   : replay (all duplicates, no commit) %.0f readings/s%n", duplicates / s);
            return rate;
        } finally {
            store.close();
        }
    }

    static double httpsPhase(Path dir, List<Meter> meters, int batches, int batch, int clients, String format)
            throws Exception {
        var store = DerbyStore.open(dir.resolve("https"), Clock.systemUTC(), StoreOptions.defaults());
        Server server = null;
        try {
            meters.forEach(store::registerMeter);
            var ingest = new IngestServiceImpl(store, MeterRegistryImpl.of(meters), Clock.systemUTC(), null);
            var d = HttpApiSettings.defaults();
            var settings = new HttpApiSettings(d.maxBodyBytes(), d.maxBodySeconds(), d.maxItems(), d.maxJsonDepth(),
                    d.maxStringChars(), 1_000_000, 1_000_000, d.idempotencyEntriesPerUser(), d.maxFutureSeconds(),
                    d.maxQueryRows());
            var services = new ApiServices().ingest(ingest).meters(MeterRegistryImpl.of(meters)).readings(store)
                    .tokens(new OneToken());
            var servlet = ApiRoutes.servlet(services, settings, new AlarmBook(), Clock.systemUTC(), new ApiTotals());

            var keystore = dir.resolve("bench.p12");
            var pw = "bench-" + System.nanoTime();
            var p = new ProcessBuilder("keytool", "-genkeypair", "-alias", "gridprint", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore",
                    keystore.toString(), "-storetype", "PKCS12", "-storepass", pw, "-keypass", pw)
                    .redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes());
            check(p.waitFor() == 0, "keytool failed: " + out);

            server = new Server(new QueuedThreadPool(32, 4));
            var ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keystore.toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(pw);
            ssl.setIncludeProtocols("TLSv1.3");
            var connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(new HttpConfiguration()));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            connector.setIdleTimeout(30_000);
            server.addConnector(connector);
            var context = new ServletContextHandler();
            context.setContextPath("/");
            context.addServlet(new ServletHolder(servlet), ApiRoutes.BASE + "/*");
            server.setHandler(context);
            server.start();
            var uri = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/api/v1/readings");

            var ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, pw.toCharArray());
            }
            var trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", ks.getCertificate("gridprint"));
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var tls = SSLContext.getInstance("TLSv1.3");
            tls.init(null, tmf.getTrustManagers(), null);

            var contentType = switch (format) {
                case "ndjson" -> "application/x-ndjson";
                case "csv" -> "text/csv";
                default -> "application/json";
            };
            var bodies = new ArrayList<String>(batches);
            for (int b = 0; b < batches; b++) {
                bodies.add(body(readings(meters, b), format));
            }
            System.out.printf(Locale.ROOT, "https : body of %d readings = %d bytes (%s)%n", batch,
                    bodies.get(0).length(), contentType);

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            var httpClients = new ArrayList<HttpClient>();
            for (int c = 0; c < clients; c++) {
                httpClients.add(HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newSingleThreadExecutor()).build());
            }
            double rate = post(httpClients, pool, uri, contentType, bodies, batch, "load");
            check(store.readingCount() == (long) batches * batch, "store holds " + store.readingCount());
            post(httpClients, pool, uri, contentType, bodies, batch, "replay (all duplicates, no commit)");
            pool.shutdown();
            check(store.readingCount() == (long) batches * batch, "store holds " + store.readingCount());
            return rate;
        } finally {
            if (server != null) {
                server.stop();
            }
            store.close();
        }
    }

    static double post(List<HttpClient> httpClients, ExecutorService pool, URI uri, String contentType,
            List<String> bodies, int batch, String phase) throws Exception {
        int batches = bodies.size();
        int clients = httpClients.size();
        var next = new AtomicInteger();
        var latencies = new long[batches];
        long t = System.nanoTime();
        var futures = new ArrayList<Future<Long>>();
        for (int c = 0; c < clients; c++) {
            var client = httpClients.get(c);
            futures.add(pool.submit(() -> {
                long stored = 0;
                int b;
                while ((b = next.getAndIncrement()) < batches) {
                    long s = System.nanoTime();
                    var req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(b))).build();
                    var resp = client.send(req, HttpResponse.BodyHandlers.ofString());
                    latencies[b] = System.nanoTime() - s;
                    check(resp.statusCode() == 200, "batch " + b + ": " + resp.statusCode() + " " + resp.body());
                    stored += batch;
                }
                return stored;
            }));
        }
        long stored = 0;
        for (var f : futures) {
            stored += f.get();
        }
        double s = (System.nanoTime() - t) / 1e9;
        Arrays.sort(latencies);
        double rate = stored / s;
        System.out.printf(Locale.ROOT, "https : %s: %d readings in %.2f s = %.0f readings/s (%.0f requests/s); "
                + "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", phase, stored, s, rate, batches / s,
                latencies[batches / 2] / 1e6, latencies[(int) (batches * 0.99)] / 1e6, latencies[batches - 1] / 1e6);
        return rate;
    }

    static String body(List<Reading> readings, String format) {
        var sb = new StringBuilder(readings.size() * 110);
        if (format.equals("csv")) {
            sb.append("meter,quantity,timestamp,value,unit\n");
            for (var r : readings) {
                sb.append(r.meterId()).append(",ACTIVE_ENERGY_IMPORT,").append(r.timestamp()).append(',')
                        .append(r.value()).append(",kWh\n");
            }
            return sb.toString();
        }
        boolean array = format.equals("json");
        if (array) {
            sb.append('[');
        }
        for (int i = 0; i < readings.size(); i++) {
            var r = readings.get(i);
            if (i > 0) {
                sb.append(array ? "," : "\n");
            }
            sb.append("{\"meter\":\"").append(r.meterId()).append("\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\","
                    + "\"timestamp\":\"").append(r.timestamp()).append("\",\"value\":").append(r.value())
                    .append(",\"unit\":\"kWh\"}");
        }
        return sb.append(array ? "]" : "\n").toString();
    }

    /** The bench's token service: one operator token (the API checks it on every request, as in production). */
    static final class OneToken implements TokenService {
        @Override
        public IssuedToken issue(String user, Duration ttl, Set<String> roles) {
            throw new UnsupportedOperationException("the bench issues no tokens");
        }

        @Override
        public TokenCheck check(String token) {
            return TOKEN.equals(token) ? new TokenCheck.Valid("bench", "bench", Set.of("operator"),
                    Instant.now().plusSeconds(3600)) : new TokenCheck.Refused(TokenCheck.Refused.Reason.BAD_SIGNATURE,
                    "not the bench token");
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    static int intOpt(List<String> opts, String name, int dflt) {
        int i = opts.indexOf(name);
        return i < 0 ? dflt : Integer.parseInt(opts.get(i + 1));
    }

    static String strOpt(List<String> opts, String name, String dflt) {
        int i = opts.indexOf(name);
        return i < 0 ? dflt : opts.get(i + 1);
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

}
