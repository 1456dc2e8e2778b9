package org.gridprint.carbon.intensity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server on 127.0.0.1 (ephemeral port) serving provider API shapes: answers are set per path (the
 * longest matching prefix wins), every request is recorded with its query and headers.
 */
final class ProviderServer implements AutoCloseable {

    /** One canned answer; {@code delayMillis} before answering (timeouts). */
    record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
        static Answer json(String body) {
            return new Answer(200, body, Map.of(), 0);
        }

        static Answer status(int status) {
            return new Answer(status, "{\"error\":\"status " + status + "\"}", Map.of(), 0);
        }
    }

    /** A recorded request. */
    record Request(String path, String query, String authorization, String authToken) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<Answer>> once = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String pathPrefix, Answer answer) {
        answers.put(pathPrefix, answer);
    }

    /** An answer given once (before the standing ones) to the next request under the prefix. */
    void answerOnce(String pathPrefix, Answer answer) {
        once.computeIfAbsent(pathPrefix, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(answer);
    }

    long count(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        var path = ex.getRequestURI().getPath();
        requests.add(new Request(path, ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst(
                "Authorization"), ex.getRequestHeaders().getFirst("auth-token")));
        Answer a = null;
        for (var e : once.entrySet()) {
            if (path.startsWith(e.getKey()) && !e.getValue().isEmpty()) {
                a = e.getValue().poll();
                break;
            }
        }
        int best = a == null ? -1 : Integer.MAX_VALUE;
        for (var e : answers.entrySet()) {
            if (path.startsWith(e.getKey()) && e.getKey().length() > best) {
                a = e.getValue();
                best = e.getKey().length();
            }
        }
        if (a == null) {
            a = Answer.status(404);
        }
        try {
            if (a.delayMillis() > 0) {
                Thread.sleep(a.delayMillis());
            }
            var body = a.body().getBytes(StandardCharsets.UTF_8);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), body.length);
            ex.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout test)
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
