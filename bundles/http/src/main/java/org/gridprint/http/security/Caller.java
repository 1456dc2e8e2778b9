package org.gridprint.http.security;

import java.util.Set;

/**
 * Who made a request: the token's user, its roles and the token id (for logs; never the token itself).
 */
public record Caller(String user, Set<String> roles, String tokenId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** True if the roles grant {@code role}: admin includes operator and viewer, operator includes viewer. */
    public boolean has(Role role) {
        return switch (role) {
            case VIEWER -> roles.contains("viewer") || roles.contains("operator") || roles.contains("admin");
            case OPERATOR -> roles.contains("operator") || roles.contains("admin");
            case ADMIN -> roles.contains("admin");
        };
    }
}
