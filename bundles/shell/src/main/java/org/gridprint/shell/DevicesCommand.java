package org.gridprint.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;

@Service
@Command(scope = "gridprint", name = "devices",
        description = "Every field device: driver, state, last success, last error and readings submitted")
public class DevicesCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var now = Instant.now();
        var table = new ShellTable();
        table.column("Device");
        table.column("Driver");
        table.column("State");
        table.column("Last success");
        table.column("Last error");
        table.column(new Col("Error message").maxSize(80));
        table.column(new Col("Meters").alignRight());
        table.column(new Col("Readings").alignRight());
        table.emptyTableText("no devices (no driver bundle running, or no device configured)");
        for (var h : Devices.all(bundleContext)) {
            table.addRow().addContent(h.deviceId(), h.driver(), h.state().name(),
                    h.lastSuccess().map(t -> Texts.time(t) + " (" + Durations.age(t, now) + " ago)").orElse("-"),
                    h.lastError().map(t -> Texts.time(t) + " (" + Durations.age(t, now) + " ago)").orElse("-"),
                    h.lastErrorMessage().map(m -> Texts.cell(m, 80)).orElse("-"), h.meterIds().size(),
                    h.readingsSubmitted());
        }
        table.print(out);
        return null;
    }
}
