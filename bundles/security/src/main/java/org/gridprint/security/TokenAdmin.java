package org.gridprint.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.gridprint.api.security.IssuedToken;
import org.gridprint.security.token.IssuedRecord;

/** What the console needs beyond {@link org.gridprint.api.security.TokenService}: who asked, revocation, the list. */
public interface TokenAdmin {

    /** Like TokenService.issue, recording who asked. */
    IssuedToken issue(String user, Duration ttl, Set<String> roles, String issuedBy);

    /**
     * @return false when the token was revoked already
     * @throws IllegalArgumentException an id never issued here
     */
    boolean revoke(String id, String by, String reason);

    /** Every issued token, newest first. */
    List<IssuedRecord> issued();

    Duration defaultTtl();

    Duration maxTtl();
}
