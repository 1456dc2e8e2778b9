package org.gridprint.http.web;

import java.io.IOException;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Error answers as RFC 9457 problem JSON: {@code {"status", "title", "detail"}}. */
public final class Problems {

    private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private Problems() {
    }

    public static String title(int status) {
        return TITLES.getOrDefault(status, "Error");
    }

    public static byte[] body(ObjectMapper mapper, int status, String detail) {
        var node = mapper.createObjectNode();
        node.put("status", status);
        node.put("title", title(status));
        node.put("detail", detail);
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Reply reply(ObjectMapper mapper, ApiException e) {
        return new Reply(e.status(), "application/problem+json", body(mapper, e.status(), e.reason()), e.headers());
    }

    public static void send(HttpServletResponse resp, Reply reply) throws IOException {
        resp.setStatus(reply.status());
        resp.setContentType(reply.contentType());
        resp.setCharacterEncoding("UTF-8");
        reply.headers().forEach(resp::setHeader);
        resp.setContentLength(reply.body().length);
        resp.getOutputStream().write(reply.body());
    }
}
