package org.gridprint.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.driver.ModbusCommissioning;

@Service
@Command(scope = "gridprint", name = "modbus-read",
        description = "One-off read of a unit's registers on a bridge, like mbpoll: raw words and decoded values. Runs "
                + "on the bridge like any poll (one transaction at a time)")
public class ModbusReadCommand implements Action {

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge id (gridprint:bridges)")
    @Completion(BridgeIdCompleter.class)
    String bridge;

    @Argument(index = 1, name = "unit", required = true, description = "Unit id 1..247")
    int unit;

    @Argument(index = 2, name = "address", required = true, description = "0-based address of the first register")
    int address;

    @Option(name = "--function", aliases = "-f", description = "coil, discrete, holding (default) or input")
    @Completion(value = StringsCompleter.class, values = {"coil", "discrete", "holding", "input"})
    String function = "holding";

    @Option(name = "--type", aliases = "-t", description = "int16, uint16 (default), int32, uint32, int64, uint64, "
            + "float32, float64")
    @Completion(value = StringsCompleter.class, values = {"int16", "uint16", "int32", "uint32", "int64", "uint64",
            "float32", "float64"})
    String type = "uint16";

    @Option(name = "--order", aliases = "-o", description = "ABCD (default), CDAB, BADC, DCBA")
    @Completion(value = StringsCompleter.class, values = {"ABCD", "CDAB", "BADC", "DCBA"})
    String order = "ABCD";

    @Option(name = "--count", aliases = "-c", description = "Number of values (default 1)")
    int count = 1;

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
        try {
            var values = modbus.read(bridge, unit, function, address, count, type, order);
            var table = new ShellTable();
            table.column("Address");
            table.column("Raw");
            table.column(type);
            for (var v : values) {
                table.addRow().addContent(v.address(), v.raw(), v.decoded());
            }
            table.print(out, !noFormat);
        } catch (IllegalArgumentException e) {
            out.println("modbus-read: " + e.getMessage());
        } catch (Exception e) {
            out.println("modbus-read failed: " + e.getMessage());
        }
        return null;
    }
}
