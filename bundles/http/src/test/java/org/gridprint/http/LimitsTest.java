package org.gridprint.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Size, time and rate bounds with raw sockets on loopback: a 100 MB body is refused before it is read and the
 * connection closed, a chunked body past the limit likewise, a dribbling body is cut off, a stalled header is closed
 * by the connector's idle timeout, plain HTTP on the HTTPS port gets no HTTP answer, and a user over the rate is told
 * when to retry.
 */
class LimitsTest {

    static final long MAX_BODY = 64 * 1024;
    static final long HUNDRED_MB = 100L * 1024 * 1024;

    @TempDir
    Path dir;
    ApiHarness api;
    String operator;

    @BeforeEach
    void start() throws Exception {
        var d = HttpApiSettings.defaults();
        // body limit 64 KiB, body within 1 s, rate: 3 at once then one per 100 s, connector idle timeout 1 s
        api = new ApiHarness(dir, new HttpApiSettings(MAX_BODY, 1, d.maxItems(), d.maxJsonDepth(),
                d.maxStringChars(), 0.01, 3, 10, d.maxFutureSeconds(), d.maxQueryRows()), 1_000);
        operator = api.token("olga", "operator");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    Socket tls() throws IOException {
        var s = api.tls.clientContext.getSocketFactory().createSocket("127.0.0.1", api.port);
        s.setSoTimeout(20_000);
        return s;
    }

    String head(String method, String extra) {
        return method + " /api/v1/readings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + operator
                + "\r\nContent-Type: application/json\r\n" + extra + "\r\n";
    }

    /** Reads everything until the server closes (or 20 s of silence: then the test fails on what it got). */
    static String readToEnd(InputStream in) {
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
    void aHundredMegabyteBodyIsRefusedBeforeItIsReadAndTheConnectionClosed() throws Exception {
        try (var s = tls()) {
            var out = s.getOutputStream();
            out.write(head("POST", "Content-Length: " + HUNDRED_MB + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return readToEnd(s.getInputStream());
                } catch (IOException e) {
                    return "<" + e + ">";
                }
            });
            long written = writeUntilRefused(out, HUNDRED_MB, answer);
            var text = answer.get(30, TimeUnit.SECONDS);
            assertTrue(text.startsWith("HTTP/1.1 413 "), text);
            assertTrue(text.contains("request body too large: " + HUNDRED_MB + " bytes declared; expected at most "
                    + MAX_BODY), text);
            assertTrue(text.toLowerCase().contains("connection: close"), text);
            assertTrue(text.endsWith("<EOF>") || text.endsWith("<SSLException>") || text.endsWith("<SocketException>"),
                    text);
            assertTrue(written < HUNDRED_MB, "the server stopped taking the body after " + written + " bytes");
        }
        assertEquals(0, api.store.readingCount());
    }

    /** Writes zeros until the answer is complete or the server refuses more; returns the bytes written. */
    static long writeUntilRefused(OutputStream out, long max, CompletableFuture<String> answer) {
        var chunk = new byte[64 * 1024];
        long written = 0;
        try {
            while (written < max && !answer.isDone()) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            // the server closed the connection
        }
        return written;
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefused() throws Exception {
        try (var s = tls()) {
            var out = s.getOutputStream();
            out.write(head("POST", "Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.US_ASCII));
            var answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return readToEnd(s.getInputStream());
                } catch (IOException e) {
                    return "<" + e + ">";
                }
            });
            var chunk = "[" + " ".repeat(8190) + "\r\n";
            try {
                for (int i = 0; i < 1000 && !answer.isDone(); i++) {
                    out.write((Integer.toHexString(8192) + "\r\n" + " ".repeat(8192) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the server
            }
            var text = answer.get(30, TimeUnit.SECONDS);
            assertTrue(text.startsWith("HTTP/1.1 413 "), text);
            assertTrue(text.contains("more than " + MAX_BODY + " bytes sent"), text);
            assertFalse(chunk.isEmpty());
        }
    }

    @Test
    void aDribblingBodyIsCutOffAndAStalledHeaderClosed() throws Exception {
        try (var s = tls()) {
            var out = s.getOutputStream();
            out.write(head("POST", "Content-Length: 5000\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return readToEnd(s.getInputStream());
                } catch (IOException e) {
                    return "<" + e + ">";
                }
            });
            try {
                for (int i = 0; i < 5000 && !answer.isDone(); i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                // closed by the server
            }
            var text = answer.get(30, TimeUnit.SECONDS);
            assertTrue(text.startsWith("HTTP/1.1 408 "), text);
            assertTrue(text.contains("took longer than 1 s to arrive"), text);
        }
        try (var s = tls()) {
            // half a request line, then silence: the connector's idle timeout (1 s here) closes it
            s.getOutputStream().write("POST /api/v1/readings HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            var text = readToEnd(s.getInputStream());
            assertFalse(text.startsWith("HTTP/1.1 2"), text);
            assertFalse(text.contains("SocketTimeoutException"), "closed by the server, not by the test's timeout: "
                    + text);
        }
    }

    @Test
    void plainHttpToTheHttpsPortGetsNoHttpAnswer() throws Exception {
        try (var s = new Socket("127.0.0.1", api.port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            var text = readToEnd(s.getInputStream());
            assertFalse(text.contains("HTTP/1.1"), "no HTTP answer in clear text: " + text);
            assertFalse(text.contains("openapi"), text);
            assertFalse(text.contains("SocketTimeoutException"), "closed by the server: " + text);
        }
    }

    @Test
    void aUserOverTheRateIsToldWhenToRetryAndOthersAreNot() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.get("/meters", operator).statusCode());
        }
        var refused = api.get("/meters", operator);
        assertEquals(429, refused.statusCode());
        long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retry >= 1 && retry <= 100, "Retry-After " + retry); // one token per 100 s
        assertTrue(refused.body().contains("user 'olga' made more than 3 requests at once"), refused.body());
        assertEquals(200, api.get("/meters", api.token("vic", "viewer")).statusCode());
    }
}
