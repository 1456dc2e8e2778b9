package org.gridprint.shell;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.driver.ModbusCommissioning;

@Service
@Command(scope = "gridprint", name = "bridges",
        description = "Modbus bridges (TCP, serial RTU, RTU over TCP, UDP endpoints): state, connection, last success, "
                + "last error, requests/s over the last minute, error counts by kind, devices on each")
public class BridgesCommand implements Action {

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
        var table = new ShellTable();
        table.column("Bridge");
        table.column("Endpoint");
        table.column("State");
        table.column("Connected");
        table.column("Last success");
        table.column("Last error");
        table.column(new Col("Req/s").alignRight());
        table.column("Errors");
        table.column("Devices");
        table.column(new Col("Error message").maxSize(80));
        table.emptyTableText("no bridges (no org.gridprint.driver.modbus.bridge configuration and no device)");
        for (var b : modbus.bridgeStatus()) {
            var h = b.health();
            table.addRow().addContent(b.id(), b.endpoint(), b.configured() ? h.state().name() : "NOT_CONFIGURED",
                    b.connected() ? "yes" : "no", h.lastSuccess().map(t -> Texts.timeAgo(t, now)).orElse("-"),
                    h.lastError().map(t -> Texts.timeAgo(t, now)).orElse("-"),
                    String.format(java.util.Locale.ROOT, "%.1f", h.requestsPerSecond()), counts(h.errorCounts()),
                    b.devices().isEmpty() ? "-" : String.join(",", b.devices()),
                    h.lastErrorMessage().map(m -> Texts.cell(m, 80)).orElse("-"));
        }
        table.print(out, !noFormat);
        return null;
    }

    static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
