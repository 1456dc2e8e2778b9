package org.gridprint.http.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.security.TokenService;
import org.gridprint.http.HttpApiSettings;
import org.gridprint.http.security.BearerAuth;
import org.gridprint.http.security.Caller;
import org.gridprint.http.security.IdempotencyCache;
import org.gridprint.http.security.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /api/v1 servlet: routes a request to its endpoint after the checks every request passes, in this order:
 * path and method (404, 405), a declared body above {@code maxBodyBytes} (413, connection closed, nothing read),
 * the bearer token (401, 503 without a token service), the role (403), the caller's rate (429 with
 * {@code Retry-After}); then for a POST the body (413 past the limit) and the {@code Idempotency-Key} (the first
 * answer again, 422 when the key was used for another request). Nothing here logs a token or a body.
 */
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final int MAX_KEY_CHARS = 200;
    private static final long REPLAY_WAIT_SECONDS = 60;

    private final transient Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
    private final transient HttpApiSettings settings;
    private final transient java.util.function.Supplier<java.util.Optional<TokenService>> tokens;
    private final transient RateLimiter limiter;
    private final transient IdempotencyCache replays;
    private final transient ApiTotals totals;
    private final transient ObjectMapper mapper;
    private final transient java.util.function.LongSupplier nanoTime;

    public ApiServlet(List<Route> routeList, HttpApiSettings settings,
            java.util.function.Supplier<java.util.Optional<TokenService>> tokens, ApiTotals totals,
            ObjectMapper mapper, java.util.function.LongSupplier nanoTime) {
        for (var r : routeList) {
            routes.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), r);
        }
        this.settings = settings;
        this.tokens = tokens;
        this.limiter = new RateLimiter(settings.requestsPerSecond(), settings.burst(), nanoTime);
        this.replays = new IdempotencyCache(settings.idempotencyEntriesPerUser());
        this.totals = totals;
        this.mapper = mapper;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        handle(req, resp);
    }

    /** Answers one request (also called by the OSGi component that registers the servlet). */
    public void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        var path = req.getPathInfo() == null || req.getPathInfo().isEmpty() ? "/" : req.getPathInfo();
        int status;
        try {
            status = dispatch(path, req, resp);
        } catch (ApiException e) {
            status = e.status();
            if (e.closeConnection()) {
                resp.setHeader("Connection", "close");
            }
            if (!resp.isCommitted()) {
                resp.reset();
                if (e.closeConnection()) {
                    resp.setHeader("Connection", "close");
                }
                Problems.send(resp, Problems.reply(mapper, e));
            }
        } catch (java.io.UncheckedIOException e) {
            status = 499; // the client went away while a streamed answer was written
            LOG.debug("HTTPS API: {} {}: client connection lost", req.getMethod(), path, e);
        } catch (RuntimeException e) {
            status = 500;
            LOG.error("HTTPS API: {} {} failed", req.getMethod(), path, e);
            if (!resp.isCommitted()) {
                resp.reset();
                Problems.send(resp, Problems.reply(mapper, new ApiException(500, "the server failed to answer ("
                        + e.getClass().getSimpleName() + "); the log has the details")));
            }
        }
        totals.status(status);
    }

    private int dispatch(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        var byMethod = routes.get(path);
        if (byMethod == null) {
            throw new ApiException(404, "no resource " + Call.abbreviate(path) + " under /api/v1; the paths are "
                    + "listed in /api/v1/openapi.json");
        }
        var route = byMethod.get(req.getMethod());
        if (route == null) {
            var allowed = String.join(", ", byMethod.keySet());
            throw new ApiException(405, "method " + Call.abbreviate(req.getMethod()) + " is not allowed on " + path
                    + "; expected " + allowed, Map.of("Allow", allowed), req.getContentLengthLong() != 0);
        }
        if (route.post() != null && req.getContentLengthLong() > settings.maxBodyBytes()) {
            BoundedBody.read(req, settings.maxBodyBytes()); // throws 413 before reading
        }
        Caller caller = null;
        if (route.role() != null) {
            caller = BearerAuth.authenticate(req.getHeader("Authorization"), tokens.get());
            BearerAuth.require(caller, route.role());
            long wait = limiter.acquire(caller.user());
            if (wait > 0) {
                throw new ApiException(429, "user '" + caller.user() + "' made more than " + settings.burst()
                        + " requests at once or more than " + settings.requestsPerSecond() + " per second on average "
                        + "(org.gridprint.http burst, requestsPerSecond); retry after " + wait + " s",
                        Map.of("Retry-After", Long.toString(wait)), false);
            }
        }
        var call = new Call(req, resp, caller);
        if (route.get() != null) {
            route.get().handle(call);
            return resp.getStatus();
        }
        var body = BoundedBody.read(req, settings.maxBodyBytes(), settings.maxBodySeconds(), nanoTime);
        var reply = idempotent(call, route, body);
        Problems.send(resp, reply);
        return reply.status();
    }

    private Reply idempotent(Call call, Route route, byte[] body) throws IOException {
        var key = call.request().getHeader("Idempotency-Key");
        if (key == null || !replays.enabled()) {
            return answer(call, route, body);
        }
        if (key.isBlank() || key.length() > MAX_KEY_CHARS || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.badRequest("header Idempotency-Key has " + key.length() + " characters; expected 1 .. "
                    + MAX_KEY_CHARS + " printable ASCII characters without spaces (e.g. a UUID)");
        }
        var user = call.caller() == null ? "" : call.caller().user();
        var claim = replays.claim(user, key, fingerprint(call, body));
        if (claim instanceof IdempotencyCache.Claim.Mismatch) {
            throw new ApiException(422, "Idempotency-Key '" + key + "' was used before for a different request "
                    + "(method, path, query or body differ); expected a new key for a new request");
        }
        if (claim instanceof IdempotencyCache.Claim.Replay r) {
            try {
                var first = r.reply().get(REPLAY_WAIT_SECONDS, TimeUnit.SECONDS);
                totals.replay();
                var headers = new LinkedHashMap<>(first.headers());
                headers.put("Idempotent-Replayed", "true");
                return new Reply(first.status(), first.contentType(), first.body(), headers);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.unavailable("interrupted while waiting for the first request with this "
                        + "Idempotency-Key");
            } catch (ExecutionException | TimeoutException e) {
                throw ApiException.unavailable("the first request with this Idempotency-Key is still being answered;"
                        + " send it again later");
            }
        }
        var slot = ((IdempotencyCache.Claim.First) claim).slot();
        Reply reply;
        try {
            reply = answer(call, route, body);
        } catch (ApiException e) {
            reply = Problems.reply(mapper, e);
        } catch (RuntimeException | IOException e) {
            replays.abandon(user, key, slot, Problems.reply(mapper, new ApiException(500, "the first request with "
                    + "this Idempotency-Key failed; send it again")));
            throw e;
        }
        replays.complete(user, key, slot, reply);
        return reply;
    }

    private static Reply answer(Call call, Route route, byte[] body) throws IOException {
        return route.post().handle(call, body);
    }

    private static byte[] fingerprint(Call call, byte[] body) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            var req = call.request();
            var head = req.getMethod() + " " + req.getPathInfo() + "?" + req.getQueryString() + " "
                    + call.mediaType() + "\n";
            md.update(head.getBytes(StandardCharsets.UTF_8));
            md.update(body);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
