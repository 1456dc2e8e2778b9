package org.gridprint.security.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.gridprint.api.security.IssuedToken;
import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenCheck.Refused.Reason;
import org.gridprint.api.security.TokenService;
import org.gridprint.security.users.GridprintRoles;
import org.gridprint.security.users.UserDirectory;

/**
 * Issues and checks tokens: the plain logic behind the TokenService component (clock, key, users and register
 * given, so tests control each).
 * <ul>
 * <li>issue: the user must be a user of the realm; roles default to every Gridprint role it holds, and a narrower set
 * may be asked for (a role it does not hold is refused); ttl default 15 min, at most {@code maxTtl} (≤ 24 h).</li>
 * <li>check, in this order: form (MALFORMED), signature (BAD_SIGNATURE), expiry (EXPIRED), revocation (REVOKED), the
 * user still in the realm (UNKNOWN_USER). A good token's roles are those of the token the user still holds: a user
 * moved to a lower role loses the higher one at once, not when its token expires.</li>
 * </ul>
 */
public final class Tokens {

    /** A token issued up to this far in the future (clock differences between instances sharing a key) is taken. */
    static final Duration ISSUED_AT_SKEW = Duration.ofMinutes(2);

    private final TokenCodec codec;
    private final Clock clock;
    private final UserDirectory users;
    private final TokenLedger ledger;
    private final SecureRandom random;
    private final Duration defaultTtl;
    private final Duration maxTtl;

    public Tokens(SigningKey key, Clock clock, UserDirectory users, TokenLedger ledger, SecureRandom random,
            Duration defaultTtl, Duration maxTtl) {
        if (maxTtl.isNegative() || maxTtl.isZero() || maxTtl.compareTo(TokenService.MAX_TTL) > 0) {
            throw new IllegalArgumentException("maxTtl " + maxTtl + ": expected more than 0 and at most 24 h");
        }
        if (defaultTtl.isNegative() || defaultTtl.isZero() || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("defaultTtl " + defaultTtl + ": expected more than 0 and at most "
                    + "maxTtl (" + maxTtl + ")");
        }
        this.codec = new TokenCodec(key);
        this.clock = clock;
        this.users = users;
        this.ledger = ledger;
        this.random = random;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /**
     * @param ttl      null: the default
     * @param roles    empty or null: every Gridprint role the user holds
     * @param issuedBy who asked (console user, "api"), recorded in the register
     */
    public IssuedToken issue(String user, Duration ttl, Set<String> roles, String issuedBy) {
        var account = users.find(user).orElseThrow(() -> new IllegalArgumentException("user '" + user
                + "' is not a user of the Karaf realm (gridprint:users lists them)"));
        var lifetime = ttl == null ? defaultTtl : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("ttl " + Durations.format(lifetime) + ": expected more than 0 and at "
                    + "most " + Durations.format(maxTtl));
        }
        var held = account.gridprintRoles();
        if (held.isEmpty()) {
            throw new IllegalArgumentException("user '" + user + "' holds no Gridprint role (viewer, operator or "
                    + "admin); give it one first (gridprint:users role " + user + " viewer)");
        }
        Set<String> granted;
        if (roles == null || roles.isEmpty()) {
            granted = held;
        } else {
            granted = new TreeSet<>();
            for (var r : roles) {
                var role = GridprintRoles.check(r);
                if (!held.contains(role)) {
                    throw new IllegalArgumentException("user '" + user + "' does not hold role '" + role
                            + "'; it holds " + String.join(", ", new TreeSet<>(held)));
                }
                granted.add(role);
            }
        }
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var claims = new TokenClaims(newId(), account.name(), granted, now, now.plus(lifetime));
        var token = codec.encode(claims);
        ledger.issued(claims, issuedBy);
        return new IssuedToken(token, claims.id(), claims.user(), claims.roles(), claims.expires());
    }

    public TokenCheck check(String token) {
        var decoded = codec.decode(token);
        if (decoded instanceof TokenCodec.Decoded.Bad bad) {
            return bad.refused();
        }
        var claims = ((TokenCodec.Decoded.Good) decoded).claims();
        var now = clock.instant();
        if (!now.isBefore(claims.expires())) {
            return new TokenCheck.Refused(Reason.EXPIRED, "token " + claims.id() + " expired at " + claims.expires());
        }
        if (claims.issuedAt().isAfter(now.plus(ISSUED_AT_SKEW))) {
            return new TokenCheck.Refused(Reason.MALFORMED, "token " + claims.id() + " is issued in the future ("
                    + claims.issuedAt() + ")");
        }
        if (ledger.isRevoked(claims.id())) {
            return new TokenCheck.Refused(Reason.REVOKED, "token " + claims.id() + " was revoked");
        }
        var account = users.find(claims.user());
        if (account.isEmpty()) {
            return new TokenCheck.Refused(Reason.UNKNOWN_USER, "token " + claims.id() + ": user '" + claims.user()
                    + "' is no longer a user of the realm");
        }
        var roles = new TreeSet<>(claims.roles());
        roles.retainAll(account.get().gridprintRoles());
        return new TokenCheck.Valid(claims.id(), claims.user(), roles, claims.expires());
    }

    /**
     * Revokes a token by id.
     *
     * @throws IllegalArgumentException an id that was never issued here
     * @return false when it was revoked already
     */
    public boolean revoke(String id, String by, String reason) {
        var record = ledger.find(id).orElseThrow(() -> new IllegalArgumentException("token id '" + id
                + "' was not issued by this instance (gridprint:token --list shows the ids)"));
        return ledger.revoke(record.id(), clock.instant(), by, reason == null ? "" : reason);
    }

    public Optional<IssuedRecord> find(String id) {
        return ledger.find(id);
    }

    /** Every issued token, newest first (with its revocation). */
    public List<IssuedRecord> issued() {
        return ledger.all();
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    public Duration maxTtl() {
        return maxTtl;
    }

    private String newId() {
        var bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
