package org.gridprint.shell;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.MeterPattern;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.store.ReadingStore;
import org.osgi.framework.BundleContext;

@Service
@Command(scope = "gridprint", name = "meters",
        description = "Declared meters: the device feeding each, its state, the last reading, its age and the last error")
public class MetersCommand implements Action {

    @Argument(index = 0, name = "glob", required = false,
            description = "Only meters whose id matches this glob (* any characters, ? one), e.g. hq/b1/*")
    @Completion(MeterIdCompleter.class)
    String glob;

    @Reference(optional = true)
    MeterRegistry registry;

    @Reference(optional = true)
    ReadingStore store;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (registry == null) {
            out.println(Messages.NO_REGISTRY);
            return null;
        }
        if (store == null) {
            out.println(Messages.NO_STORE + " Last readings are not shown.");
        }
        var filter = MeterPattern.anyOf(glob == null ? List.of() : List.of(glob));
        var now = Instant.now();
        var rows = MeterRows.build(registry.meters(), filter, Devices.all(bundleContext),
                store == null ? null : store::latest, now);
        var table = new ShellTable();
        table.column("Meter");
        table.column("Site");
        table.column("Device");
        table.column("State");
        table.column("Last reading");
        table.column(new Col("Value").alignRight());
        table.column(new Col("Age").alignRight());
        table.column(new Col("Last error").maxSize(80));
        table.emptyTableText(glob == null ? "no meters declared (add etc/org.gridprint.meter-<name>.cfg)"
                : "no declared meter matches " + glob);
        for (var r : rows) {
            table.addRow().addContent(r.meterId(), r.site(), r.device(), r.state(), r.quantity(), r.value(), r.age(),
                    r.lastError());
        }
        table.print(out);
        return null;
    }
}
