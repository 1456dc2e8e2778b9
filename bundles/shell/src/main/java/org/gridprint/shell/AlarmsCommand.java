package org.gridprint.shell;

import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "gridprint", name = "alarms",
        description = "Active alarm conditions and recent alarm events from every bundle (since this console's bundle "
                + "started), filterable by meter, device and kind")
public class AlarmsCommand implements Action {

    @Option(name = "--meter", description = "Only alarms naming this meter id")
    @Completion(MeterIdCompleter.class)
    String meter;

    @Option(name = "--device", description = "Only alarms of this device id")
    @Completion(ModbusDeviceIdCompleter.class)
    String device;

    @Option(name = "--kind", description = "Only this kind (CONFIG_ERROR, DEVICE_ERROR, STALE, NEGATIVE_VALUE, ...)")
    @Completion(value = org.apache.karaf.shell.support.completers.StringsCompleter.class, values = {"CONFLICT",
            "INVALID_READING", "DEVICE_ERROR", "CONFIG_ERROR", "COUNTER_RESET", "NEGATIVE_VALUE", "STALE",
            "LEDGER_BROKEN", "STORE_UNAVAILABLE", "SUSPECT_INTERVAL", "PROVIDER_UNAVAILABLE"})
    String kind;

    @Option(name = "--recent", description = "Recent events (newest first) instead of the active conditions")
    boolean recent;

    @Option(name = "--limit", description = "At most this many rows (default 50)")
    int limit = 50;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    AlarmLog log;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (log == null) {
            out.println("alarm log not running (bundle org.gridprint.shell's AlarmLog component)");
            return null;
        }
        var now = Instant.now();
        var table = new ShellTable();
        table.column("Since/At");
        table.column("Kind");
        table.column("State");
        table.column("Device");
        table.column("Meters");
        table.column(new Col("Count").alignRight());
        table.column(new Col("Message").maxSize(100));
        table.emptyTableText(recent ? "no alarm events since the console started" : "no active alarm conditions");
        int rows = 0;
        for (var e : recent ? log.recent() : log.active()) {
            if ((meter != null && !e.meterIds().contains(meter)) || (device != null && !ofDevice(e, device))
                    || (kind != null && !kind.toUpperCase(Locale.ROOT).equals(e.kind()))) {
                continue;
            }
            if (rows++ >= Math.max(1, limit)) {
                break;
            }
            table.addRow().addContent(Texts.timeAgo(e.timestamp(), now), e.kind(),
                    e.state().isEmpty() ? "EVENT" : e.state(), e.deviceId().isEmpty() ? "-" : e.deviceId(),
                    e.meterIds().isEmpty() ? "-" : String.join(",", e.meterIds()),
                    e.count() == 0 ? "" : String.valueOf(e.count()), Texts.cell(e.message(), 100));
        }
        table.print(out, !noFormat);
        return null;
    }

    /**
     * The device id of the alarm, or its source ({@code modbus/<id>}, {@code modbus-bridge/<id>}): a bridge's own
     * alarms carry no device id, and {@code --device gw} should still find them.
     */
    static boolean ofDevice(AlarmLog.Entry e, String device) {
        return device.equals(e.deviceId()) || device.equals(e.source()) || e.source().endsWith("/" + device);
    }
}
