package org.gridprint.security.users;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user of the Karaf realm as Gridprint sees it (never a password).
 *
 * @param groups         the user's Karaf groups (e.g. {@code admingroup})
 * @param karafRoles     every Karaf role, direct or through a group
 * @param gridprintRoles the effective Gridprint roles ({@link GridprintRoles#effective})
 */
public record UserAccount(String name, Set<String> groups, Set<String> karafRoles, Set<String> gridprintRoles) {

    public UserAccount {
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(new TreeSet<>(groups));
        karafRoles = Set.copyOf(new TreeSet<>(karafRoles));
        gridprintRoles = Set.copyOf(new TreeSet<>(gridprintRoles));
    }
}
