package org.gridprint.shell;

import java.time.Instant;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;

@Service
@Command(scope = "gridprint", name = "devices",
        description = "Every field device: driver, state, last success, last error and readings submitted; "
                + "with a device id, that device in full (whole error message, its meters)")
public class DevicesCommand implements Action {

    @Argument(index = 0, name = "device", required = false,
            description = "A device id: show it in full instead of the table")
    String deviceId;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var now = Instant.now();
        if (deviceId != null) {
            var found = Devices.all(bundleContext).stream().filter(h -> h.deviceId().equals(deviceId)).findFirst();
            if (found.isEmpty()) {
                out.println("no device '" + deviceId + "'; gridprint:devices lists them");
                return null;
            }
            var h = found.get();
            out.println("Device:        " + h.deviceId() + " (" + h.driver() + ")");
            out.println("State:         " + h.state());
            out.println("Last success:  " + since(h.lastSuccess(), now));
            out.println("Last error:    " + since(h.lastError(), now));
            out.println("Error message: " + h.lastErrorMessage().orElse("-"));
            out.println("Readings:      " + h.readingsSubmitted());
            out.println("Meters:        " + (h.meterIds().isEmpty() ? "-" : String.join(", ", h.meterIds())));
            return null;
        }
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
                    since(h.lastSuccess(), now),
                    since(h.lastError(), now),
                    h.lastErrorMessage().map(m -> Texts.cell(m, 80)).orElse("-"), h.meterIds().size(),
                    h.readingsSubmitted());
        }
        table.print(out);
        return null;
    }

    private static String since(Optional<Instant> time, Instant now) {
        return time.map(t -> Texts.timeAgo(t, now)).orElse("-");
    }
}
