package org.gridprint.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.Quantity;

/** Completes quantity names (ACTIVE_ENERGY_IMPORT, ...). */
@Service
public class QuantityCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var delegate = new StringsCompleter();
        for (var q : Quantity.values()) {
            delegate.getStrings().add(q.name());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
