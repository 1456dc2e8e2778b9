package org.gridprint.api.security;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Issues and checks signed, short-lived bearer tokens for Karaf users. A token names its user, its Gridprint roles
 * ({@code viewer}, {@code operator}, {@code admin}: those the user holds when it is issued), its expiry and an id; it is
 * signed with a key kept by the instance (never logged, never in a token). Forged, altered, expired and revoked tokens
 * are refused with the reason.
 */
@ProviderType
public interface TokenService {

    /** Longest lifetime a token may be issued with. */
    Duration MAX_TTL = Duration.ofHours(24);

    /**
     * @throws IllegalArgumentException an unknown user, a ttl that is not positive or above {@link #MAX_TTL}, or a
     *                                  role the user does not hold
     */
    IssuedToken issue(String user, Duration ttl, java.util.Set<String> roles);

    /** Checks a token presented in an {@code Authorization: Bearer} header. */
    TokenCheck check(String token);
}
