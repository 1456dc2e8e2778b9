package org.gridprint.api.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A token as issued: the secret text (shown once, never stored or logged) and what it grants until when. */
public record IssuedToken(String token, String id, String user, Set<String> roles, Instant expires) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expires, "expires");
    }

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", user=" + user + ", roles=" + roles + ", expires=" + expires + "]";
    }
}
