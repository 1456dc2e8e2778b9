package org.gridprint.carbon.intensity;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GET a provider's JSON, with the HTTP outcome translated into a {@link ProviderException} in the provider's words:
 * 401/403 refused key or login, 429 with its Retry-After, 5xx, timeouts, refused connections, malformed JSON.
 * Messages name the provider and the endpoint path, never a header value (keys and tokens travel in headers only).
 */
final class HttpJson {

    /** Decimals kept as written (870.2 stays 870.2, no binary double in between). */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String provider;
    private final Duration timeout;
    private final HttpClient http;

    HttpJson(String provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The JSON body of a 200 answer. */
    JsonNode get(URI uri, Map<String, String> headers) throws ProviderException {
        var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        var where = provider + " " + uri.getPath();
        HttpResponse<String> response;
        // the request timeout bounds the wait for the headers; the whole exchange (a body trickling in) is
        // bounded here too, so a poll never hangs
        var future = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            response = future.get(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw noAnswer(where);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw noAnswer(where);
            }
            if (cause instanceof ConnectException) {
                throw new ProviderException(ProviderException.Cause.UNAVAILABLE, where + ": cannot connect to "
                        + uri.getHost() + ":" + port(uri) + " (connection refused or unreachable)");
            }
            throw new ProviderException(ProviderException.Cause.UNAVAILABLE, where + ": connection failed ("
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Cause.UNAVAILABLE, where + ": interrupted");
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                var node = MAPPER.readTree(response.body());
                if (node == null || !node.isContainerNode()) {
                    throw new ProviderException(ProviderException.Cause.MALFORMED, where
                            + ": the answer is not a JSON object");
                }
                return node;
            } catch (JsonProcessingException e) {
                var loc = e.getLocation();
                throw new ProviderException(ProviderException.Cause.MALFORMED, where + ": the answer is not valid JSON"
                        + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
            }
        }
        if (status == 401 || status == 403) {
            throw new ProviderException(ProviderException.Cause.AUTH, where + ": HTTP " + status
                    + " (the credentials were refused)");
        }
        if (status == 429) {
            var retry = retryAfter(response.headers().firstValue("Retry-After"));
            throw new ProviderException(ProviderException.Cause.RATE_LIMITED, where + ": HTTP 429 too many requests"
                    + retry.map(d -> ", retry after " + d.toSeconds() + " s").orElse(""), retry);
        }
        if (status >= 500) {
            throw new ProviderException(ProviderException.Cause.UNAVAILABLE, where + ": HTTP " + status
                    + " (server error)");
        }
        throw new ProviderException(ProviderException.Cause.CONFIG, where + ": HTTP " + status
                + " (check region/zone and base URL)");
    }

    private ProviderException noAnswer(String where) {
        return new ProviderException(ProviderException.Cause.UNAVAILABLE, where + ": no answer within "
                + timeout.toSeconds() + " s (timeoutSeconds)");
    }

    static Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        var v = header.get().strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            try {
                var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var d = Duration.between(java.time.Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
