package org.gridprint.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gridprint.security.users.GridprintRoles;
import org.gridprint.security.users.UserAccount;
import org.gridprint.security.users.UserDirectory;

/** An in-memory user directory following the UserDirectory contract (users with one Gridprint role each). */
public final class FakeUsers implements UserDirectory {

    private final Map<String, String> roleOf = new TreeMap<>();

    public FakeUsers with(String user, String role) {
        roleOf.put(user, role);
        return this;
    }

    @Override
    public synchronized List<UserAccount> users() {
        var result = new ArrayList<UserAccount>();
        for (var name : roleOf.keySet()) {
            result.add(find(name).orElseThrow());
        }
        return result;
    }

    @Override
    public synchronized Optional<UserAccount> find(String user) {
        var role = roleOf.get(user);
        if (role == null) {
            return Optional.empty();
        }
        var roles = role.isEmpty() ? List.<String>of() : GridprintRoles.groupRoles(role);
        return Optional.of(new UserAccount(user, role.isEmpty() ? Set.of() : Set.of(role + "group"), Set.copyOf(roles),
                GridprintRoles.effective(roles)));
    }

    @Override
    public synchronized void add(String user, char[] password, String role) {
        if (roleOf.containsKey(user)) {
            throw new IllegalArgumentException("user '" + user + "' exists");
        }
        roleOf.put(user, GridprintRoles.check(role));
    }

    @Override
    public synchronized void remove(String user) {
        if (roleOf.remove(user) == null) {
            throw new IllegalArgumentException("user '" + user + "' is not a user of the realm");
        }
    }

    @Override
    public synchronized void setRole(String user, String role) {
        if (!roleOf.containsKey(user)) {
            throw new IllegalArgumentException("user '" + user + "' is not a user of the realm");
        }
        roleOf.put(user, GridprintRoles.check(role));
    }
}
