package org.gridprint.security.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a token says: its id, the Karaf user, the Gridprint roles granted, when it was issued and when it expires
 * (whole seconds, as in the token).
 */
public record TokenClaims(String id, String user, Set<String> roles, Instant issuedAt, Instant expires) {

    public TokenClaims {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(new TreeSet<>(roles));
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expires, "expires");
    }
}
