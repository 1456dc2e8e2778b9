package org.gridprint.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;

/** Completes declared meter ids from the MeterRegistry. */
@Service
public class MeterIdCompleter implements Completer {

    @Reference(optional = true)
    MeterRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var delegate = new StringsCompleter();
        if (registry != null) {
            registry.meters().stream().map(Meter::id).forEach(delegate.getStrings()::add);
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
