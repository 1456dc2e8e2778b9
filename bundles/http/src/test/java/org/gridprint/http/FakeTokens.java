package org.gridprint.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gridprint.api.security.IssuedToken;
import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenService;

/**
 * A small TokenService following the contract (signed tokens: user, roles, expiry, id; forged, altered and expired
 * ones refused with the reason, never echoing the token). HMAC-SHA256 over {@code id|user|roles|expiry}.
 */
final class FakeTokens implements TokenService {

    private final Map<String, Set<String>> users;
    private final Clock clock;
    private final byte[] key = new byte[32];

    FakeTokens(Map<String, Set<String>> users, Clock clock) {
        this.users = Map.copyOf(users);
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public IssuedToken issue(String user, Duration ttl, Set<String> roles) {
        var held = users.get(user);
        if (held == null) {
            throw new IllegalArgumentException("unknown user " + user);
        }
        if (!held.containsAll(roles)) {
            throw new IllegalArgumentException("user " + user + " does not hold " + roles);
        }
        var id = UUID.randomUUID().toString();
        var expires = clock.instant().plus(ttl);
        var payload = id + "|" + user + "|" + String.join(",", roles) + "|" + expires.toEpochMilli();
        var token = b64(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64(sign(payload));
        return new IssuedToken(token, id, user, roles, expires);
    }

    @Override
    public TokenCheck check(String token) {
        var dot = token.indexOf('.');
        if (dot < 1) {
            return new TokenCheck.Refused(TokenCheck.Refused.Reason.MALFORMED, "not a Gridprint token");
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            var sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sig, sign(payload))) {
                return new TokenCheck.Refused(TokenCheck.Refused.Reason.BAD_SIGNATURE, "signature does not match");
            }
        } catch (IllegalArgumentException e) {
            return new TokenCheck.Refused(TokenCheck.Refused.Reason.MALFORMED, "not a Gridprint token");
        }
        var parts = payload.split("\\|", -1);
        var expires = Instant.ofEpochMilli(Long.parseLong(parts[3]));
        if (!clock.instant().isBefore(expires)) {
            return new TokenCheck.Refused(TokenCheck.Refused.Reason.EXPIRED, "expired at " + expires);
        }
        var roles = parts[2].isEmpty() ? Set.<String>of() : Set.of(parts[2].split(","));
        return new TokenCheck.Valid(parts[0], parts[1], roles, expires);
    }

    private byte[] sign(String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
