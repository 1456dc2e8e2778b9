package org.gridprint.api.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** The outcome of checking a bearer token. */
public sealed interface TokenCheck {

    /** A good token: who, with which roles, until when. */
    record Valid(String id, String user, Set<String> roles, Instant expires) implements TokenCheck {
        public Valid {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(user, "user");
            roles = Set.copyOf(roles);
            Objects.requireNonNull(expires, "expires");
        }

        public boolean hasRole(String role) {
            return roles.contains(role) || roles.contains("admin")
                    || ("viewer".equals(role) && roles.contains("operator"));
        }
    }

    /** A refused token and why, in words fit for a 401 body (never echoing the token). */
    record Refused(Reason reason, String message) implements TokenCheck {
        public enum Reason { MALFORMED, BAD_SIGNATURE, EXPIRED, REVOKED, UNKNOWN_USER }

        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
