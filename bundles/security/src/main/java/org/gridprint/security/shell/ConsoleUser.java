package org.gridprint.security.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** Who runs a console command: the JAAS subject Karaf runs the session as (SSH login, or the local console's user). */
record ConsoleUser(String name, Set<String> roles) {

    @SuppressWarnings("removal")
    static ConsoleUser current() {
        var subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return new ConsoleUser("", Set.of());
        }
        var name = subject.getPrincipals(UserPrincipal.class).stream().map(Principal::getName).findFirst().orElse("");
        var roles = new TreeSet<String>();
        for (var r : subject.getPrincipals(RolePrincipal.class)) {
            roles.add(r.getName());
        }
        return new ConsoleUser(name, roles);
    }

    boolean admin() {
        return roles.contains("admin");
    }

    String source() {
        return "console:" + (name.isEmpty() ? "?" : name);
    }
}
