package org.gridprint.security.shell;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.security.IssuedToken;
import org.gridprint.security.TokenAdmin;
import org.gridprint.security.token.Durations;
import org.gridprint.security.token.IssuedRecord;
import org.gridprint.security.users.GridprintRoles;

/**
 * {@code gridprint:token}: issues a signed token for the HTTPS API to the console's user (an admin also to another
 * user) and prints it once; {@code --list} the issued tokens (never their text), {@code --revoke ID} revokes one.
 */
@Service
@Command(scope = "gridprint", name = "token", description = "Issues a short-lived signed token for the HTTPS API "
        + "(printed once), lists issued tokens (--list) or revokes one (--revoke ID)")
public class TokenCommand implements Action {

    @Option(name = "--user", description = "User the token is for (default: you; another user: admin only)")
    @Completion(UserNameCompleter.class)
    String user;

    @Option(name = "--ttl", description = "Lifetime: 90s, 15m (default), 1h, 1h30m, at most 24h")
    String ttl;

    @Option(name = "--roles", description = "Narrower roles, comma separated (viewer, operator, admin); default: all "
            + "the user holds")
    @Completion(value = StringsCompleter.class, values = {"viewer", "operator", "admin", "viewer,operator"})
    String roles;

    @Option(name = "--revoke", description = "Revokes the token with this id (your own; an admin: anyone's)")
    String revoke;

    @Option(name = "--reason", description = "Why the token is revoked (kept in the ledger)")
    String reason;

    @Option(name = "--list", description = "Issued tokens: id, user, roles, expiry, state (yours; an admin: all)")
    boolean list;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    TokenAdmin tokens;

    @Reference
    Session session;

    @Override
    public Object execute() {
        var out = session.getConsole();
        if (tokens == null) {
            out.println("token service not running (feature gridprint-security; see data/log/karaf.log for its "
                    + "configuration error)");
            return null;
        }
        var me = ConsoleUser.current();
        if (list) {
            printList(visible(tokens.issued(), me), Clock.systemUTC().instant(), out, noFormat);
        } else if (revoke != null) {
            revoke(me, out);
        } else {
            issue(me, out);
        }
        return null;
    }

    private void issue(ConsoleUser me, PrintStream out) {
        var target = user == null || user.isBlank() ? me.name() : user.trim();
        if (target.isEmpty()) {
            throw new IllegalArgumentException("no user: this session has no JAAS user; give --user");
        }
        if (!target.equals(me.name()) && !me.admin()) {
            throw new IllegalArgumentException("--user " + target + ": only an admin may issue a token for another "
                    + "user");
        }
        var lifetime = ttl == null ? null : Durations.parse(ttl, "--ttl");
        var asked = new TreeSet<String>();
        if (roles != null) {
            for (var r : roles.split(",")) {
                if (!r.isBlank()) {
                    asked.add(GridprintRoles.check(r));
                }
            }
        }
        var issued = tokens.issue(target, lifetime, asked, me.source());
        printIssued(issued, Clock.systemUTC().instant(), out);
    }

    static void printIssued(IssuedToken issued, Instant now, PrintStream out) {
        out.println("Token " + issued.id() + " for " + issued.user() + ", roles " + String.join(", ",
                new TreeSet<>(issued.roles())) + ", expires " + issued.expires() + " (in "
                + Durations.format(java.time.Duration.between(now, issued.expires()).plusNanos(999_999_999)
                        .withNanos(0)) + ").");
        out.println("It is shown only this once; send it as 'Authorization: Bearer <token>'. Revoke it with "
                + "gridprint:token --revoke " + issued.id());
        out.println(issued.token());
    }

    private void revoke(ConsoleUser me, PrintStream out) {
        var record = tokens.issued().stream().filter(r -> r.id().equals(revoke.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("token id '" + revoke + "' was not issued by this "
                        + "instance (gridprint:token --list shows the ids)"));
        if (!record.user().equals(me.name()) && !me.admin()) {
            throw new IllegalArgumentException("token " + record.id() + " belongs to " + record.user()
                    + "; only an admin may revoke another user's token");
        }
        var done = tokens.revoke(record.id(), me.source(), reason == null ? "" : reason);
        out.println(done ? "token " + record.id() + " of " + record.user() + " revoked: it is refused from now on"
                : "token " + record.id() + " was revoked already");
    }

    private static List<IssuedRecord> visible(List<IssuedRecord> all, ConsoleUser me) {
        if (me.admin()) {
            return all;
        }
        var mine = new ArrayList<IssuedRecord>();
        for (var r : all) {
            if (r.user().equals(me.name())) {
                mine.add(r);
            }
        }
        return mine;
    }

    static void printList(List<IssuedRecord> records, Instant now, PrintStream out, boolean noFormat) {
        if (records.isEmpty()) {
            out.println("no token issued");
            return;
        }
        var table = new ShellTable();
        table.column("Id");
        table.column("User");
        table.column("Roles");
        table.column("Issued");
        table.column("Expires");
        table.column("State");
        table.column("Issued by");
        for (var r : records) {
            var state = r.revocation().map(v -> "revoked " + v.at() + " by " + v.by()
                    + (v.reason().isEmpty() ? "" : " (" + v.reason() + ")"))
                    .orElse(now.isBefore(r.expires()) ? "active" : "expired");
            table.addRow().addContent(r.id(), r.user(), String.join(",", new TreeSet<>(r.roles())), r.issuedAt(),
                    r.expires(), state, r.issuedBy());
        }
        table.print(out, !noFormat);
    }
}
