package org.gridprint.security.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.gridprint.api.store.RecordRegister;

/**
 * Issued tokens and revocations in the ledgered {@link RecordRegister} (covered by gridprint:verify, kept across
 * restarts): register {@value #ISSUED} (key = token id: user, roles, issued, expires, issued by — never the token
 * text) and register {@value #REVOKED} (key = token id: when, by whom, why). The revoked ids are held in memory as
 * well, so that checking a token needs no store read: loaded when the service starts, this instance's revocations
 * added at once, and re-read from the register at most every {@value #RELOAD_SECONDS} s (another instance sharing the
 * store and the signing key revokes too).
 */
public final class TokenLedger {

    public static final String ISSUED = "token-issued";
    public static final String REVOKED = "token-revocation";

    static final int RELOAD_SECONDS = 30;

    private final RecordRegister register;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile long loadedAtNanos;

    public TokenLedger(RecordRegister register) {
        this.register = register;
        reload();
    }

    private synchronized void reload() {
        for (var r : register.list(REVOKED)) {
            revoked.add(r.key());
        }
        loadedAtNanos = System.nanoTime();
    }

    public void issued(TokenClaims claims, String issuedBy) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("expires", claims.expires().toString());
        fields.put("id", claims.id());
        fields.put("issuedAt", claims.issuedAt().toString());
        fields.put("issuedBy", issuedBy);
        fields.put("roles", String.join(",", new TreeSet<>(claims.roles())));
        fields.put("user", claims.user());
        register.put(ISSUED, claims.id(), text(fields), "token issued");
    }

    /**
     * Records the revocation of {@code id}.
     *
     * @return false when it was revoked already (nothing written)
     */
    public boolean revoke(String id, Instant at, String by, String reason) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("at", at.toString());
        fields.put("by", by);
        fields.put("id", id);
        fields.put("reason", reason.replace('\n', ' '));
        var stored = register.putIfVersion(REVOKED, id, text(fields), reason.isBlank() ? "revoked" : reason, 0);
        revoked.add(id);
        return stored.isPresent();
    }

    public boolean isRevoked(String id) {
        if (System.nanoTime() - loadedAtNanos > RELOAD_SECONDS * 1_000_000_000L) {
            reload();
        }
        return revoked.contains(id);
    }

    public Optional<IssuedRecord> find(String id) {
        return register.get(ISSUED, id).map(r -> record(parse(r.text())));
    }

    /** Every issued token, newest first. */
    public List<IssuedRecord> all() {
        var result = new ArrayList<IssuedRecord>();
        for (var r : register.list(ISSUED)) {
            result.add(record(parse(r.text())));
        }
        result.sort((a, b) -> b.issuedAt().compareTo(a.issuedAt()));
        return result;
    }

    private IssuedRecord record(Map<String, String> f) {
        var id = f.getOrDefault("id", "");
        Optional<IssuedRecord.Revocation> revocation = Optional.empty();
        if (revoked.contains(id)) {
            revocation = register.get(REVOKED, id).map(r -> {
                var rf = parse(r.text());
                return new IssuedRecord.Revocation(Instant.parse(rf.get("at")), rf.getOrDefault("by", ""),
                        rf.getOrDefault("reason", ""));
            });
        }
        var roles = f.getOrDefault("roles", "");
        return new IssuedRecord(id, f.getOrDefault("user", ""),
                roles.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(roles.split(","))),
                Instant.parse(f.get("issuedAt")), Instant.parse(f.get("expires")), f.getOrDefault("issuedBy", ""),
                revocation);
    }

    /** Sorted key=value lines, the register's canonical text. */
    static String text(Map<String, String> fields) {
        var sb = new StringBuilder();
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        return sb.toString();
    }

    static Map<String, String> parse(String text) {
        var fields = new LinkedHashMap<String, String>();
        for (var line : text.split("\n")) {
            var eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }

    Collection<String> revokedIds() {
        return Set.copyOf(revoked);
    }
}
