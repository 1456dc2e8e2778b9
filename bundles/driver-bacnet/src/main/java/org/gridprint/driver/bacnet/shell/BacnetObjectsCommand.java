package org.gridprint.driver.bacnet.shell;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.driver.bacnet.BacnetDriver;
import org.gridprint.driver.bacnet.BacnetFailure;

@Service
@Command(scope = "gridprint", name = "bacnet-objects",
        description = "A BACnet device's objects with name, units (and whether Gridprint stores them) and present "
                + "value; --write proposes a device configuration for them in etc/")
public class BacnetObjectsCommand implements Action {

    @Argument(index = 0, name = "device", required = true, description = "Device instance (gridprint:bacnet-discover)")
    int instance;

    @Option(name = "--stack", aliases = "-s", description = "Stack id (default: the only stack)")
    String stack;

    @Option(name = "--address", aliases = "-a", description = "host:port of the device (default: found by Who-Is)")
    String address;

    @Option(name = "--limit", description = "At most this many objects (default 5000)")
    int limit = 5000;

    @Option(name = "--write", description = "Write etc/org.gridprint.driver.bacnet-<id>.cfg for the objects found "
            + "(never replaces a file); needs --id and --meter")
    boolean write;

    @Option(name = "--id", description = "With --write: the device id")
    String deviceId;

    @Option(name = "--meter", description = "With --write: the meter id the points feed")
    String meter;

    @Reference(optional = true)
    BacnetDriver driver;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (driver == null) {
            out.println("the BACnet driver is not running (feature gridprint-driver-bacnet)");
            return null;
        }
        try {
            var id = Stacks.pick(driver, stack);
            if (write) {
                if (deviceId == null || meter == null) {
                    out.println("bacnet-objects: --write needs --id <device id> and --meter <meter id>");
                    return null;
                }
                var etc = System.getProperty("karaf.etc", "etc");
                var file = driver.writeConfig(id, instance, Optional.ofNullable(address), deviceId, meter, Path.of(etc),
                        limit);
                out.println("wrote " + file + ": review it (quantities, meter), then it is picked up as it is");
                return null;
            }
            var objects = driver.objects(id, instance, Optional.ofNullable(address), limit);
            out.println(objects.size() + " object(s) of device " + instance);
            out.println(String.format("%-26s %-28s %-22s %-7s %-16s %s", "OBJECT", "NAME", "UNITS", "UNIT", "VALUE", "NOTE"));
            for (var o : objects) {
                out.println(String.format("%-26s %-28s %-22s %-7s %-16s %s", o.object(), o.name(), o.units(),
                        o.unitSymbol(), o.presentValue(), o.note()));
            }
        } catch (IllegalArgumentException | BacnetFailure e) {
            out.println("bacnet-objects: " + e.getMessage());
        }
        return null;
    }
}
