package org.gridprint.http.web;

import java.io.IOException;

import org.gridprint.http.security.Role;

/**
 * One method on one path under /api/v1: the role it needs (null: public) and its handler, a GET that writes its
 * answer (it may stream) or a POST that returns its whole answer (kept for Idempotency-Key replays).
 */
public record Route(String method, String path, Role role, GetHandler get, PostHandler post) {

    @FunctionalInterface
    public interface GetHandler {
        void handle(Call call) throws IOException;
    }

    @FunctionalInterface
    public interface PostHandler {
        Reply handle(Call call, byte[] body) throws IOException;
    }

    public static Route get(String path, Role role, GetHandler handler) {
        return new Route("GET", path, role, handler, null);
    }

    public static Route post(String path, Role role, PostHandler handler) {
        return new Route("POST", path, role, null, handler);
    }
}
