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

/** Completes the tenants of the configured data centers (IT meters, tenant tags, servers, offsets). */
@Service
public class DataCenterTenantCompleter implements Completer {

    @Reference(optional = true)
    TenantStatementService statements;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var tenants = new TreeSet<String>();
        if (statements != null) {
            statements.dataCenters().forEach(d -> tenants.addAll(d.tenants()));
        }
        return new StringsCompleter(tenants).complete(session, commandLine, candidates);
    }
}
