package org.gridprint.security.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.security.users.UserAccount;
import org.gridprint.security.users.UserDirectory;

/** Completes the names of the realm's users. */
@Service
public class UserNameCompleter implements Completer {

    @Reference(optional = true)
    UserDirectory users;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var strings = new StringsCompleter();
        if (users != null) {
            try {
                for (UserAccount u : users.users()) {
                    strings.getStrings().add(u.name());
                }
            } catch (RuntimeException e) {
                // no realm: nothing to complete
            }
        }
        return strings.complete(session, commandLine, candidates);
    }
}
