package org.gridprint.shell.allocation;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.allocation.MeterTree;

/** Completes the sites of the meter tree (sites with declared or virtual meters). */
@Service
public class AllocationSiteCompleter implements Completer {

    @Reference(optional = true)
    MeterTree tree;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var sites = tree == null ? List.<String>of() : tree.sites();
        return new StringsCompleter(sites).complete(session, commandLine, candidates);
    }
}
