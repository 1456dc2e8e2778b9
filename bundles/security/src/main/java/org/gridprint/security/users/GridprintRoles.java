package org.gridprint.security.users;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gridprint's three roles and how Karaf roles map to them: a user holds {@code viewer}, {@code operator} or
 * {@code admin} when the Karaf realm gives it that role (directly or through a group); a higher role implies the lower
 * ones (admin ⇒ operator ⇒ viewer), as the distribution's groups (admingroup, operatorgroup, viewergroup) also say.
 * Every other Karaf role (manager, ssh, systembundles, ...) is not a Gridprint role.
 */
public final class GridprintRoles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /** Lowest first. */
    public static final List<String> ALL = List.of(VIEWER, OPERATOR, ADMIN);

    private GridprintRoles() {
    }

    /** The Gridprint roles a user with these Karaf roles holds, the implied lower roles included. */
    public static Set<String> effective(Collection<String> karafRoles) {
        var result = new TreeSet<String>();
        if (karafRoles.contains(ADMIN)) {
            result.addAll(ALL);
        } else if (karafRoles.contains(OPERATOR)) {
            result.add(OPERATOR);
            result.add(VIEWER);
        } else if (karafRoles.contains(VIEWER)) {
            result.add(VIEWER);
        }
        return result;
    }

    /** The highest of the roles, or "" when none. */
    public static String highest(Collection<String> roles) {
        for (int i = ALL.size() - 1; i >= 0; i--) {
            if (roles.contains(ALL.get(i))) {
                return ALL.get(i);
            }
        }
        return "";
    }

    /** @throws IllegalArgumentException naming the role and what is expected */
    public static String check(String role) {
        var r = role == null ? "" : role.trim().toLowerCase(java.util.Locale.ROOT);
        if (!ALL.contains(r)) {
            throw new IllegalArgumentException("role '" + role + "' is not a Gridprint role; expected viewer, "
                    + "operator or admin");
        }
        return r;
    }

    /** The distribution's group for a role: {@code viewergroup}, {@code operatorgroup}, {@code admingroup}. */
    public static String groupOf(String role) {
        return check(role) + "group";
    }

    /** The Karaf roles the distribution's group of a Gridprint role carries (etc/users.properties as shipped). */
    public static List<String> groupRoles(String role) {
        return switch (check(role)) {
            case ADMIN -> List.of("admin", "manager", "operator", "viewer", "systembundles", "ssh");
            case OPERATOR -> List.of("operator", "viewer", "ssh");
            default -> List.of("viewer", "ssh");
        };
    }

    static Set<String> sorted(Collection<String> names) {
        return new TreeSet<>(names);
    }
}
