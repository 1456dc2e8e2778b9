package org.gridprint.http.security;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenService;
import org.gridprint.http.web.ApiException;

/**
 * {@code Authorization: Bearer <token>} checked by the {@link TokenService}: 401 when the header is missing or the
 * token is malformed, forged, expired or revoked (the reason in the body and in {@code WWW-Authenticate}, RFC 6750,
 * never the token), 403 when the token is good but lacks the role, 503 when no token service runs.
 */
public final class BearerAuth {

    private static final int MAX_TOKEN_CHARS = 8_192;

    private BearerAuth() {
    }

    public static Caller authenticate(String authorization, Optional<TokenService> tokens) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("invalid_request", "no Authorization header; expected 'Authorization: Bearer <token>' "
                    + "with a token from gridprint:token");
        }
        var header = authorization.trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var scheme = header.split("\\s", 2)[0];
            throw unauthorized("invalid_request", "Authorization scheme '" + abbreviate(scheme)
                    + "' is not supported; expected 'Bearer <token>'");
        }
        var token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw unauthorized("invalid_token", token.isEmpty() ? "the bearer token is empty"
                    : "the bearer token has " + token.length() + " characters; expected at most " + MAX_TOKEN_CHARS);
        }
        var service = tokens.orElseThrow(() -> ApiException.unavailable("no token service (org.gridprint.api.security"
                + ".TokenService) is running, so no token can be checked; install the Gridprint security feature"));
        TokenCheck check;
        try {
            check = service.check(token);
        } catch (RuntimeException e) {
            throw ApiException.unavailable("the token service failed to check the token ("
                    + e.getClass().getSimpleName() + "); try again later");
        }
        if (check instanceof TokenCheck.Valid v) {
            return new Caller(v.user(), v.roles(), v.id());
        }
        var refused = (TokenCheck.Refused) check;
        var message = refused.message().replace(token, "<token>");
        throw unauthorized("invalid_token", "token refused (" + refused.reason().name().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + "): " + message);
    }

    public static void require(Caller caller, Role role) {
        if (!caller.has(role)) {
            throw new ApiException(403, "user '" + caller.user() + "' has roles " + caller.roles().stream().sorted()
                    .toList() + "; this request needs role " + role.jaasName(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"gridprint\", error=\"insufficient_scope\", scope=\""
                            + role.jaasName() + "\""), false);
        }
    }

    private static ApiException unauthorized(String error, String reason) {
        // RFC 6750 3: the description must be quotable; keep it to printable ASCII without quotes or backslashes
        var description = reason.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'').replace('\\', '/');
        return new ApiException(401, reason, Map.of("WWW-Authenticate", "Bearer realm=\"gridprint\", error=\""
                + error + "\", error_description=\"" + description + "\""), false);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }
}
