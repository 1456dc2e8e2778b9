package org.gridprint.security.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.security.users.GridprintRoles;
import org.gridprint.security.users.UserAccount;
import org.gridprint.security.users.UserDirectory;

/**
 * {@code gridprint:users}: the Karaf realm's users with their groups and Gridprint roles; {@code add}, {@code remove}
 * and {@code role} change them (admin). A new user's password is read twice from the console without echo, stored
 * hashed by the realm, never shown.
 */
@Service
@Command(scope = "gridprint", name = "users", description = "Karaf users with their groups and Gridprint roles; "
        + "users add <user> [--role viewer|operator|admin], users remove <user>, users role <user> <role> (admin)")
public class UsersCommand implements Action {

    @Argument(index = 0, name = "action", description = "list (default), add, remove or role")
    @Completion(value = StringsCompleter.class, values = {"list", "add", "remove", "role"})
    String action;

    @Argument(index = 1, name = "user", description = "The user to add, remove or give a role")
    @Completion(UserNameCompleter.class)
    String user;

    @Argument(index = 2, name = "role", multiValued = true, description = "role <user> <role>, add <user> [--role] "
            + "<role>: viewer, operator or admin (add: default viewer)")
    @Completion(value = StringsCompleter.class, values = {"viewer", "operator", "admin", "--role"})
    List<String> rest;

    @Option(name = "--role", description = "With add: the new user's role (default viewer); also accepted after the "
            + "user name")
    @Completion(value = StringsCompleter.class, values = {"viewer", "operator", "admin"})
    String addRole;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    UserDirectory users;

    @Reference
    Session session;

    @Override
    public Object execute() throws IOException {
        var out = session.getConsole();
        if (users == null) {
            out.println("user directory not available (Karaf's jaas feature and gridprint-security are needed)");
            return null;
        }
        var what = action == null ? "list" : action.trim().toLowerCase(java.util.Locale.ROOT);
        if (!what.equals("list")) {
            var me = ConsoleUser.current();
            if (!me.admin()) {
                throw new IllegalArgumentException("users " + what + ": only an admin may change users");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("users " + what + ": expected a user name");
            }
        }
        switch (what) {
            case "list" -> print(users.users(), out, noFormat);
            case "add" -> add(out);
            case "remove" -> {
                users.remove(user);
                out.println("user " + user + " removed (its tokens are refused from now on)");
            }
            case "role" -> {
                var role = role();
                if (role == null) {
                    throw new IllegalArgumentException("users role " + user + ": expected a role: viewer, operator "
                            + "or admin");
                }
                users.setRole(user, role);
                out.println("user " + user + " now has role " + GridprintRoles.check(role) + " (group "
                        + GridprintRoles.groupOf(role) + "); a new console login applies it");
            }
            default -> throw new IllegalArgumentException("users: unknown action '" + action + "'; expected list, "
                    + "add, remove or role");
        }
        return null;
    }

    private void add(PrintStream out) throws IOException {
        var named = role();
        var r = GridprintRoles.check(named == null ? GridprintRoles.VIEWER : named);
        var first = session.readLine("Password for " + user + " (at least 12 characters): ", '\0');
        var second = session.readLine("Again: ", '\0');
        if (first == null || second == null) {
            throw new IllegalArgumentException("users add " + user + ": no password read from the console; nothing "
                    + "written");
        }
        var a = first.toCharArray();
        var b = second.toCharArray();
        try {
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException("users add " + user + ": the two passwords differ; nothing written");
            }
            users.add(user, a, r);
        } finally {
            Arrays.fill(a, '\0');
            Arrays.fill(b, '\0');
        }
        out.println("user " + user + " added with role " + r + " (group " + GridprintRoles.groupOf(r)
                + ", password stored hashed)");
    }

    /** The role given as --role before the user, or after it (Karaf reads options after arguments as arguments). */
    private String role() {
        var words = rest == null ? List.<String>of() : rest;
        if (words.size() == 2 && words.get(0).equals("--role")) {
            return words.get(1);
        }
        if (words.size() > 1 || words.size() == 1 && words.get(0).equals("--role")) {
            throw new IllegalArgumentException("users " + action + " " + user + ": unexpected '" + String.join(" ", words)
                    + "'; expected one role: viewer, operator or admin");
        }
        return words.isEmpty() ? addRole : words.get(0);
    }

    static void print(List<UserAccount> accounts, PrintStream out, boolean noFormat) {
        if (accounts.isEmpty()) {
            out.println("no user: bin/gridprint-admin add <user> makes the first administrator");
            return;
        }
        var table = new ShellTable();
        table.column("User");
        table.column("Groups");
        table.column("Karaf roles");
        table.column("Gridprint roles");
        for (var a : accounts) {
            table.addRow().addContent(a.name(), a.groups().isEmpty() ? "-" : String.join(",", a.groups()),
                    a.karafRoles().isEmpty() ? "-" : String.join(",", new java.util.TreeSet<>(a.karafRoles())),
                    a.gridprintRoles().isEmpty() ? "(none)"
                            : String.join(",", GridprintRoles.ALL.stream().filter(a.gridprintRoles()::contains)
                                    .toList()));
        }
        table.print(out, !noFormat);
    }
}
