package org.gridprint.shell.allocation;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.allocation.TenantStatementService;

/** Completes the ids and sites of the configured data centers. */
@Service
public class DataCenterCompleter implements Completer {

    @Reference(optional = true)
    TenantStatementService statements;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var ids = new TreeSet<String>();
        if (statements != null) {
            statements.dataCenters().forEach(d -> {
                ids.add(d.id());
                ids.add(d.siteId());
            });
        }
        ids.remove("");
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
