package org.gridprint.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.gridprint.api.Meter;
import org.gridprint.api.export.ExportResult;
import org.gridprint.api.export.Exporter;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.http.query.AlarmBook;
import org.gridprint.http.web.ApiTotals;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;

/**
 * Real parts for the API tests: a Derby store in a temp directory behind the core ingest service and meter
 * registry, the API servlet in a real Jetty 9.4 (the Jetty of Karaf's Pax Web) on an HTTPS connector on 127.0.0.1
 * (TLS 1.3, a certificate from a test CA), and a java.net.http client trusting that CA.
 */
final class ApiHarness implements AutoCloseable {

    static final String M1 = "hq/b1/main";
    static final String M2 = "hq/b1/ahu-1";

    final DerbyStore store;
    final IngestServiceImpl ingest;
    final FakeTokens tokens;
    final org.gridprint.testing.MutableClock tokenClock = new org.gridprint.testing.MutableClock(java.time.Instant.now());
    final ApiServices services;
    final AlarmBook alarms = new AlarmBook();
    final ApiTotals totals = new ApiTotals();
    final Server server;
    final int port;
    final HttpClient client;
    final TlsFixture tls;

    ApiHarness(Path dir, HttpApiSettings settings) throws Exception {
        this(dir, settings, 30_000);
    }

    ApiHarness(Path dir, HttpApiSettings settings, long idleTimeoutMillis) throws Exception {
        store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
        var meters = MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"), Meter.of(M2, "hq")));
        store.registerMeter(Meter.of(M1, "hq"));
        store.registerMeter(Meter.of(M2, "hq"));
        ingest = new IngestServiceImpl(store, meters, Clock.systemUTC(), null);
        tokens = new FakeTokens(Map.of("olga", Set.of("operator"), "vic", Set.of("viewer"), "ada", Set.of("admin")),
                tokenClock);
        services = new ApiServices().ingest(ingest).meters(meters).readings(store).windows(store).tokens(tokens);
        var servlet = ApiRoutes.servlet(services, settings, alarms, Clock.systemUTC(), totals);

        tls = sharedTls();
        server = new Server();
        var ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore.toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(TlsFixture.PASSWORD);
        ssl.setIncludeProtocols("TLSv1.3");
        var connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(idleTimeoutMillis);
        server.addConnector(connector);
        var context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), ApiRoutes.BASE + "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        client = HttpClient.newBuilder().sslContext(tls.clientContext).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static TlsFixture shared;

    /** One test CA and server keystore per test run (openssl key generation is the slow part). */
    static synchronized TlsFixture sharedTls() throws Exception {
        if (shared == null) {
            var tlsDir = Files.createTempDirectory("gridprint-http-tls");
            tlsDir.toFile().deleteOnExit();
            shared = new TlsFixture(tlsDir);
        }
        return shared;
    }

    String token(String user, String role) {
        return tokens.issue(user, Duration.ofMinutes(5), Set.of(role)).token();
    }

    URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + port + ApiRoutes.BASE + pathAndQuery);
    }

    HttpResponse<String> post(String path, String token, String contentType, String body, String... headers)
            throws Exception {
        var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        store.close();
    }

    /** An exporter following the Exporter contract: writes the file, refuses an existing target, returns its SHA-256. */
    static final class FileExporter implements Exporter {
        final String content;

        FileExporter(String content) {
            this.content = content;
        }

        @Override
        public ExportResult export(org.gridprint.api.export.ExportRequest request) throws java.io.IOException {
            if (Files.exists(request.target()) && !request.force()) {
                throw new IllegalArgumentException("target exists: " + request.target());
            }
            var bytes = content.getBytes(StandardCharsets.UTF_8);
            Files.write(request.target(), bytes);
            try {
                var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                return new ExportResult(request.target(), content.lines().count() - 1, sha, Optional.empty());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
