package org.gridprint.shell.allocation;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/** Completes the sites that have allocation rules. */
@Service
public class AllocateSiteCompleter implements Completer {

    @Reference(optional = true)
    ConfigurationAdmin configurationAdmin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(AllocateConfigs.ruleSites(configurationAdmin)).complete(session, commandLine,
                candidates);
    }
}
