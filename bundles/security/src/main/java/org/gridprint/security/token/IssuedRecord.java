package org.gridprint.security.token;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the register keeps of an issued token (never the token text): id, user, roles, issue and expiry, who asked
 * for it, and its revocation if any.
 */
public record IssuedRecord(String id, String user, Set<String> roles, Instant issuedAt, Instant expires,
        String issuedBy, Optional<Revocation> revocation) {

    public IssuedRecord {
        roles = Set.copyOf(roles);
    }

    public record Revocation(Instant at, String by, String reason) {
    }

    public boolean activeAt(Instant now) {
        return revocation.isEmpty() && now.isBefore(expires);
    }
}
