package org.gridprint.http.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete answer to a POST, kept whole so that an {@code Idempotency-Key} replay returns it byte for byte.
 *
 * @param status      HTTP status
 * @param contentType media type of {@code body}
 * @param body        the bytes sent
 * @param headers     further headers
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(int status, byte[] body) {
        return new Reply(status, "application/json", body, Map.of());
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Final answers are kept for replays; 5xx (retry later) are not. */
    public boolean replayable() {
        return status < 500;
    }
}
