package org.gridprint.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.driver.ModbusCommissioning;

@Service
@Command(scope = "gridprint", name = "modbus-devices",
        description = "Modbus devices: bridge, unit, profile, points, requests per cycle, state, requests/s, error "
                + "counts, learned bad register ranges (exception 02/03) and active alarms; with an id, one in full")
public class ModbusDevicesCommand implements Action {

    @Argument(index = 0, name = "device", required = false, description = "A device id: show it in full")
    @Completion(ModbusDeviceIdCompleter.class)
    String deviceId;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    ModbusCommissioning modbus;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (modbus == null) {
            out.println("the Modbus driver is not running (feature gridprint-modbus)");
            return null;
        }
        var now = Instant.now();
        if (deviceId != null) {
            var d = modbus.deviceStatus().stream().filter(x -> x.id().equals(deviceId)).findFirst().orElse(null);
            if (d == null) {
                out.println("no Modbus device '" + deviceId + "'; gridprint:modbus-devices lists them");
                return null;
            }
            var h = d.health();
            out.println("Device:        " + d.id() + " (unit " + d.unitId() + " on bridge " + d.bridge() + ")");
            out.println("Profile:       " + d.profile() + ", " + d.points() + " points in " + d.requestsPerCycle()
                    + " request(s) per cycle");
            out.println("State:         " + h.state());
            out.println("Last success:  " + h.lastSuccess().map(t -> Texts.timeAgo(t, now)).orElse("-"));
            out.println("Last error:    " + h.lastError().map(t -> Texts.timeAgo(t, now)).orElse("-"));
            out.println("Error message: " + h.lastErrorMessage().orElse("-"));
            out.println("Requests:      " + h.requests() + " (" + h.failedRequests() + " failed: "
                    + BridgesCommand.counts(h.errorCounts()) + ")");
            out.println("Bad ranges:    " + (d.badRanges().isEmpty() ? "-" : String.join("; ", d.badRanges())));
            for (var a : d.alarms()) {
                out.println("Alarm:         " + a.kind() + " since " + Texts.timeAgo(a.since(), now) + " (x" + a.count()
                        + "): " + a.message());
            }
            return null;
        }
        var table = new ShellTable();
        table.column("Device");
        table.column("Bridge");
        table.column(new Col("Unit").alignRight());
        table.column("Profile");
        table.column(new Col("Points").alignRight());
        table.column(new Col("Req/cycle").alignRight());
        table.column("State");
        table.column("Last success");
        table.column(new Col("Req/s").alignRight());
        table.column("Errors");
        table.column("Bad ranges");
        table.column(new Col("Alarms").alignRight());
        table.emptyTableText("no Modbus devices configured");
        for (var d : modbus.deviceStatus()) {
            var h = d.health();
            table.addRow().addContent(d.id(), d.bridge(), d.unitId(), d.profile(), d.points(), d.requestsPerCycle(),
                    h.state().name(), h.lastSuccess().map(t -> Texts.timeAgo(t, now)).orElse("-"),
                    String.format(java.util.Locale.ROOT, "%.1f", h.requestsPerSecond()),
                    BridgesCommand.counts(h.errorCounts()), d.badRanges().isEmpty() ? "-" : d.badRanges().size()
                            + " (" + Texts.cell(String.join("; ", d.badRanges()), 60) + ")",
                    d.alarms().size());
        }
        table.print(out, !noFormat);
        return null;
    }
}
