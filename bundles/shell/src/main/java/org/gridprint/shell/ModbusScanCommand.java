package org.gridprint.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.driver.ModbusCommissioning;

@Service
@Command(scope = "gridprint", name = "modbus-scan",
        description = "Which unit ids answer on a bridge: one one-register read per unit in --from..--to (1..247); a unit "
                + "answering with an exception is there. Each absent unit costs the bridge's timeout; Ctrl-C stops")
public class ModbusScanCommand implements Action {

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge id (gridprint:bridges)")
    @Completion(BridgeIdCompleter.class)
    String bridge;

    @Option(name = "--from", description = "First unit id (default 1)")
    int from = 1;

    @Option(name = "--to", description = "Last unit id (default 32)")
    int to = 32;

    @Option(name = "--function", aliases = "-f", description = "holding (default) or input")
    String function = "holding";

    @Option(name = "--address", aliases = "-a", description = "0-based address probed (default 0)")
    int address;

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
            var found = modbus.scan(bridge, from, to, function, address);
            out.println("units " + from + ".." + to + " on bridge " + bridge + ": " + found.size() + " answer");
            found.forEach(out::println);
        } catch (IllegalArgumentException e) {
            out.println("modbus-scan: " + e.getMessage());
        } catch (Exception e) {
            out.println("modbus-scan failed: " + e.getMessage());
        }
        return null;
    }
}
