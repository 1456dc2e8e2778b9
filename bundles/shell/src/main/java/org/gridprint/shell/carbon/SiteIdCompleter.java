package org.gridprint.shell.carbon;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.carbon.IntensityService;

/** Completes site ids: the sites of the declared meters and of the intensity providers. */
@Service
public class SiteIdCompleter implements Completer {

    @Reference(optional = true)
    MeterRegistry registry;

    @Reference(optional = true)
    IntensityService intensity;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var ids = new TreeSet<String>();
        if (registry != null) {
            registry.meters().forEach(m -> ids.add(m.siteId()));
        }
        if (intensity != null) {
            intensity.providers("").forEach(p -> ids.add(p.siteId()));
        }
        ids.remove("");
        var delegate = new StringsCompleter(ids);
        return delegate.complete(session, commandLine, candidates);
    }
}
