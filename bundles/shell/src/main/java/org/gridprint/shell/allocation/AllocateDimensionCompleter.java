package org.gridprint.shell.allocation;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/** Completes the dimensions allocation rules split by (department, tenant, tag keys). */
@Service
public class AllocateDimensionCompleter implements Completer {

    @Reference(optional = true)
    ConfigurationAdmin configurationAdmin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var dims = new java.util.TreeSet<>(AllocateConfigs.ruleDimensions(configurationAdmin, null));
        dims.add("department");
        dims.add("tenant");
        return new StringsCompleter(dims).complete(session, commandLine, candidates);
    }
}
