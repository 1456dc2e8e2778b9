package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.security.TokenService;
import org.gridprint.api.store.ReadingStore;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The HTTPS API in the real distribution: etc/org.ops4j.pax.web.cfg as shipped (HTTP off, HTTPS on 127.0.0.1, TLS
 * 1.3 only) with a test keystore made by keytool and a free port; feature gridprint-http installs offline; TLS 1.3
 * answers, TLS 1.2 and plain HTTP do not, a 100 MB body is refused before it is read, requests without a good token
 * are refused; with a token from the real TokenService (bundle of the security work) an operator stores readings
 * (a bad item refused on its own) and a viewer reads them but may not write.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpApiIT extends GridprintTestSupport {

    private static final String METER = "it-http/m1";
    private static final String KEYSTORE_PASSWORD = "it-https-" + Long.toHexString(System.nanoTime());

    @Override
    protected Option[] extraOptions() {
        int port = freePort();
        var keystore = new File(TARGET, "http-it/https-" + port + ".p12").getAbsoluteFile();
        try {
            Files.createDirectories(keystore.toPath().getParent());
            Files.deleteIfExists(keystore.toPath());
            var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            var p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "gridprint", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", KEYSTORE_PASSWORD,
                    "-keypass", KEYSTORE_PASSWORD).redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot make the test keystore " + keystore, e);
        }
        var cfg = "etc/org.ops4j.pax.web.cfg";
        return new Option[] {
            // the shipped file, with the test's port, keystore and a short idle timeout; everything else as shipped
            editConfigurationFilePut(cfg, "org.osgi.service.http.port.secure", Integer.toString(port)),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore", keystore.toString()),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.password", KEYSTORE_PASSWORD),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.password", KEYSTORE_PASSWORD),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.server.connector.idleTimeout", "3000"),
            // users for tokens: an operator and a viewer (the distribution's groups)
            editConfigurationFilePut("etc/users.properties", "itop", "it-operator-password,_g_:operatorgroup"),
            editConfigurationFilePut("etc/users.properties", "itview", "it-viewer-password,_g_:viewergroup"),
            systemProperty("gridprint.it.https.port").value(Integer.toString(port)),
            systemProperty("gridprint.it.https.keystore").value(keystore.toString()),
            systemProperty("gridprint.it.https.password").value(KEYSTORE_PASSWORD)};
    }

    @After
    public void cleanUp() {
        deleteConfigurations();
    }

    private int port() {
        return Integer.getInteger("gridprint.it.https.port");
    }

    private SSLContext tls(String protocol) throws Exception {
        var ks = KeyStore.getInstance("PKCS12");
        var password = System.getProperty("gridprint.it.https.password").toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("gridprint.it.https.keystore")))) {
            ks.load(in, password);
        }
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", ks.getCertificate("gridprint"));
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        var ctx = SSLContext.getInstance(protocol);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(tls("TLSv1.3")).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + port() + "/api/v1" + path);
    }

    /** Installs the feature and waits (bounded) until the API answers over HTTPS. */
    private HttpClient started() throws Exception {
        installFeatureIfMissing("gridprint-http");
        assertActive("org.gridprint.http");
        var client = client();
        await("the HTTPS API answering on 127.0.0.1:" + port(), WAIT, () -> {
            try {
                return client.send(HttpRequest.newBuilder(uri("/openapi.json")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return client;
    }

    private static String readToEnd(InputStream in) {
        var out = new ByteArrayOutputStream();
        var buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1) + "<EOF>";
        } catch (IOException e) {
            return out.toString(StandardCharsets.ISO_8859_1) + "<" + e.getClass().getSimpleName() + ">";
        }
    }

    @Test
    public void theListenerIsHttpsOnlyWithTls13AndRefusesBeforeReading() throws Exception {
        var client = started();
        var doc = client.send(HttpRequest.newBuilder(uri("/openapi.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().contains("\"openapi\""));

        // the negotiated protocol is TLS 1.3; a TLS 1.2-only client is refused
        try (var s = (SSLSocket) tls("TLSv1.3").getSocketFactory().createSocket("127.0.0.1", port())) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
        try (var s = (SSLSocket) tls("TLSv1.2").getSocketFactory().createSocket("127.0.0.1", port())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setSoTimeout(20_000);
            s.startHandshake();
            fail("a TLS 1.2 handshake succeeded: " + s.getSession().getProtocol());
        } catch (SSLHandshakeException expected) {
            // protocol_version alert
        } catch (IOException expected) {
            // or the connection closed
        }

        // plain HTTP to the HTTPS port gets no HTTP answer and is closed
        try (var s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            var text = readToEnd(s.getInputStream());
            assertFalse("plain HTTP answered: " + text, text.contains("HTTP/1.1"));
            assertFalse("closed by the server: " + text, text.contains("SocketTimeoutException"));
        }

        // plain HTTP is off: nothing listens on Pax Web's default port
        try (var s = new Socket("127.0.0.1", 8181)) {
            fail("something listens on 127.0.0.1:8181");
        } catch (ConnectException expected) {
            // nothing there
        }

        // a 100 MB body is refused before it is read (even before the token), and the connection closed
        try (var s = tls("TLSv1.3").getSocketFactory().createSocket("127.0.0.1", port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("POST /api/v1/readings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[65_536]);
            s.getOutputStream().flush();
            var text = readToEnd(s.getInputStream());
            assertTrue(text, text.startsWith("HTTP/1.1 413 "));
            assertTrue(text, text.contains("request body too large"));
        }

        // a stalled request is closed by the configured idle timeout (3 s here)
        try (var s = tls("TLSv1.3").getSocketFactory().createSocket("127.0.0.1", port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("POST /api/v1/readings HTTP/1.1\r\nHost: 12".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            var text = readToEnd(s.getInputStream());
            assertFalse("closed by the server, not the test's timeout: " + text,
                    text.contains("SocketTimeoutException"));
        }

        // no token: 401 with the reason, never data
        var anonymous = client.send(HttpRequest.newBuilder(uri("/meters")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body(), anonymous.body().contains("no Authorization header"));
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    public void tokensFromTheTokenServiceGateReadingsInAndOut() throws Exception {
        var client = started();
        configure("org.gridprint.meter", "id", METER, "site", "it-http", "name", "HTTPS IT meter");
        var registry = service(MeterRegistry.class);
        await("meter " + METER + " declared", WAIT, () -> registry.meter(METER).isPresent());
        // the real TokenService (the security bundle); issues tokens to the users of etc/users.properties
        var tokens = service(TokenService.class);
        var operator = tokens.issue("itop", Duration.ofMinutes(5), Set.of("operator")).token();
        var viewer = tokens.issue("itview", Duration.ofMinutes(5), Set.of("viewer")).token();

        var t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        var body = "[{\"meter\":\"" + METER + "\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\",\"timestamp\":\"" + t
                + "\",\"value\":1500,\"unit\":\"Wh\"},{\"meter\":\"" + METER + "\",\"quantity\":\"ACTIVE_ENERGY_IMPORT\","
                + "\"timestamp\":\"" + t.plusSeconds(60) + "\",\"value\":\"NaN\"}]";
        var post = client.send(HttpRequest.newBuilder(uri("/readings")).header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(post.body(), 400, post.statusCode());
        assertTrue(post.body(), post.body().contains("\"stored\":1"));
        assertTrue(post.body(), post.body().contains("item 1 (meter " + METER + "): field 'value'"));
        var stored = service(ReadingStore.class).latest(METER, Quantity.ACTIVE_ENERGY_IMPORT).orElseThrow();
        assertEquals(1.5, stored.value(), 1e-12); // 1500 Wh
        assertEquals("http/itop", stored.source());

        var read = client.send(HttpRequest.newBuilder(uri("/readings?meter=" + METER + "&from=" + t.minusSeconds(1)
                + "&to=" + t.plusSeconds(1))).header("Authorization", "Bearer " + viewer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(read.body(), 200, read.statusCode());
        assertTrue(read.body(), read.body().contains("\"count\":1"));

        var viewerPost = client.send(HttpRequest.newBuilder(uri("/readings")).header("Authorization", "Bearer "
                + viewer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, viewerPost.statusCode());

        var forged = operator.substring(0, operator.length() - 4) + (operator.endsWith("AAAA") ? "BBBB" : "AAAA");
        var refused = client.send(HttpRequest.newBuilder(uri("/meters")).header("Authorization", "Bearer " + forged)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertFalse("the token is never echoed", refused.body().contains(forged));
    }
}
