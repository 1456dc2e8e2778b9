package org.gridprint.http.web;

import java.util.Map;

/**
 * A request the API answers with an error status and a reason (RFC 9457 problem JSON). The reason is written for the
 * client: it names the parameter, header, field or line and what is expected, and never repeats a secret.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;
    private final boolean closeConnection;

    public ApiException(int status, String reason) {
        this(status, reason, Map.of(), false);
    }

    public ApiException(int status, String reason, Map<String, String> headers, boolean closeConnection) {
        super(reason, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.closeConnection = closeConnection;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    /** Extra response headers (WWW-Authenticate, Retry-After, Allow). */
    public Map<String, String> headers() {
        return headers;
    }

    /** True when the server must close the connection after the answer (an unread body). */
    public boolean closeConnection() {
        return closeConnection;
    }

    public static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    public static ApiException unavailable(String reason) {
        return new ApiException(503, reason, Map.of("Retry-After", "30"), false);
    }
}
