package org.gridprint.security.users;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.karaf.jaas.boot.principal.GroupPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.modules.BackingEngine;

/**
 * {@link UserDirectory} over the realm's own {@link BackingEngine} (built afresh per call, so that edits of
 * etc/users.properties by hand or by bin/gridprint-admin are seen at once). Groups and roles are resolved by the
 * engine exactly as the realm resolves them at login.
 * <p>
 * Karaf's properties engine deletes a group definition when its last member leaves it ({@code deleteUser} and
 * {@code deleteGroup} "garbage-collect" groups): removing the last administrator that way would delete
 * {@code _g_:admingroup} with its roles, and the next user put in it would hold none. So users leave groups by
 * {@code deleteRole(user, "_g_:" + group)}, which keeps the group, and a missing distribution group is re-created with
 * its shipped roles before anyone is put in it.
 */
public final class BackingEngineDirectory implements UserDirectory {

    public static final int MIN_PASSWORD_CHARS = 12;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Object LOCK = new Object();

    private final Supplier<BackingEngine> engines;
    private final String encryptionPrefix;

    /**
     * @param engines          a fresh engine of the realm per call
     * @param encryptionPrefix the realm's {@code encryption.prefix} ({@code {CRYPT}}): a password starting with it
     *                         would be taken for a hash and stored as typed, so it is refused
     */
    public BackingEngineDirectory(Supplier<BackingEngine> engines, String encryptionPrefix) {
        this.engines = engines;
        this.encryptionPrefix = encryptionPrefix == null ? "" : encryptionPrefix;
    }

    @Override
    public List<UserAccount> users() {
        var engine = engines.get();
        var result = new ArrayList<UserAccount>();
        for (var user : engine.listUsers()) {
            result.add(account(engine, user));
        }
        result.sort(Comparator.comparing(UserAccount::name));
        return result;
    }

    @Override
    public Optional<UserAccount> find(String user) {
        if (user == null || user.isEmpty() || user.startsWith(BackingEngine.GROUP_PREFIX)) {
            return Optional.empty();
        }
        var engine = engines.get();
        var principal = engine.lookupUser(user);
        return principal == null ? Optional.empty() : Optional.of(account(engine, principal));
    }

    private static UserAccount account(BackingEngine engine, UserPrincipal user) {
        var groups = new TreeSet<String>();
        for (GroupPrincipal g : engine.listGroups(user)) {
            groups.add(g.getName());
        }
        var roles = new TreeSet<String>();
        for (Principal r : engine.listRoles(user)) {
            roles.add(r.getName());
        }
        return new UserAccount(user.getName(), groups, roles, GridprintRoles.effective(roles));
    }

    @Override
    public void add(String user, char[] password, String role) {
        checkName(user);
        var r = GridprintRoles.check(role);
        checkPassword(user, password);
        synchronized (LOCK) {
            var engine = engines.get();
            if (engine.lookupUser(user) != null) {
                throw new IllegalArgumentException("user '" + user + "' exists; it is not replaced (gridprint:users "
                        + "role to change its role, jaas:passwd or bin/gridprint-admin for its password)");
            }
            ensureGroup(engine, r);
            engine.addUser(user, new String(password));
            engine.addGroup(user, GridprintRoles.groupOf(r));
        }
    }

    @Override
    public void remove(String user) {
        synchronized (LOCK) {
            var engine = engines.get();
            var account = existing(engine, user);
            if (account.gridprintRoles().contains(GridprintRoles.ADMIN) && admins(engine) <= 1) {
                throw new IllegalArgumentException("user '" + user + "' is the last administrator; add another "
                        + "admin first (gridprint:users add <user> --role admin)");
            }
            for (var group : account.groups()) {
                engine.deleteRole(user, BackingEngine.GROUP_PREFIX + group);
            }
            engine.deleteUser(user);
        }
    }

    @Override
    public void setRole(String user, String role) {
        var r = GridprintRoles.check(role);
        synchronized (LOCK) {
            var engine = engines.get();
            var account = existing(engine, user);
            if (!r.equals(GridprintRoles.ADMIN) && account.gridprintRoles().contains(GridprintRoles.ADMIN)
                    && admins(engine) <= 1) {
                throw new IllegalArgumentException("user '" + user + "' is the last administrator; it keeps role "
                        + "admin until another user has it");
            }
            ensureGroup(engine, r);
            var target = GridprintRoles.groupOf(r);
            for (var other : GridprintRoles.ALL) {
                var group = GridprintRoles.groupOf(other);
                if (!group.equals(target) && account.groups().contains(group)) {
                    engine.deleteRole(user, BackingEngine.GROUP_PREFIX + group);
                }
                if (!other.equals(r) && directRole(engine, account, other)) {
                    engine.deleteRole(user, other);
                }
            }
            if (!account.groups().contains(target)) {
                engine.addGroup(user, target);
            }
        }
    }

    /** A role the user holds itself, not through one of its groups. */
    private static boolean directRole(BackingEngine engine, UserAccount account, String role) {
        if (!account.karafRoles().contains(role)) {
            return false;
        }
        for (var group : account.groups()) {
            for (var r : engine.listRoles(new GroupPrincipal(group))) {
                if (r.getName().equals(role)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static UserAccount existing(BackingEngine engine, String user) {
        var principal = user == null || user.startsWith(BackingEngine.GROUP_PREFIX) ? null : engine.lookupUser(user);
        if (principal == null) {
            throw new IllegalArgumentException("user '" + user + "' is not a user of the realm (gridprint:users "
                    + "lists them)");
        }
        return account(engine, principal);
    }

    private static long admins(BackingEngine engine) {
        return engine.listUsers().stream().map(u -> account(engine, u))
                .filter(a -> a.gridprintRoles().contains(GridprintRoles.ADMIN)).count();
    }

    private static void ensureGroup(BackingEngine engine, String role) {
        var group = GridprintRoles.groupOf(role);
        for (var g : engine.listGroups().keySet()) {
            if (g.getName().equals(group)) {
                return;
            }
        }
        engine.createGroup(group);
        for (var r : GridprintRoles.groupRoles(role)) {
            engine.addGroupRole(group, r);
        }
    }

    static void checkName(String user) {
        if (user == null || !NAME.matcher(user).matches() || user.startsWith("_g_")) {
            throw new IllegalArgumentException("user name '" + user + "': expected 1 to 64 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit (not _g_, which marks a group)");
        }
    }

    private void checkPassword(String user, char[] password) {
        if (password == null || password.length < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password for '" + user + "': expected at least " + MIN_PASSWORD_CHARS
                    + " characters");
        }
        if (password.length > 1024) {
            throw new IllegalArgumentException("password for '" + user + "': expected at most 1024 characters");
        }
        var text = new String(password);
        if (text.indexOf(',') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("password for '" + user + "': expected no ',' and no line break "
                    + "(etc/users.properties separates roles with ',')");
        }
        if (!encryptionPrefix.isEmpty() && text.startsWith(encryptionPrefix)) {
            throw new IllegalArgumentException("password for '" + user + "': expected not to start with "
                    + encryptionPrefix + " (the realm would take it for a stored hash)");
        }
        if (!text.strip().equals(text)) {
            throw new IllegalArgumentException("password for '" + user + "': expected no space at its start or end");
        }
    }
}
