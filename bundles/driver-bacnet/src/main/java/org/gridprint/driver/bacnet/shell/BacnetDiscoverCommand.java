package org.gridprint.driver.bacnet.shell;

import java.time.Duration;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.driver.bacnet.BacnetDriver;
import org.gridprint.driver.bacnet.BacnetFailure;

@Service
@Command(scope = "gridprint", name = "bacnet-discover",
        description = "Who-Is on a BACnet stack: the devices that answer I-Am within --wait, with address, name, "
                + "model, maximum APDU and segmentation")
public class BacnetDiscoverCommand implements Action {

    @Option(name = "--stack", aliases = "-s", description = "Stack id (default: the only stack)")
    String stack;

    @Option(name = "--low", description = "Lowest device instance (default 0)")
    int low;

    @Option(name = "--high", description = "Highest device instance (default 4194303)")
    int high = 4_194_303;

    @Option(name = "--address", aliases = "-a", description = "Send the Who-Is to host:port instead of the broadcast address")
    String address;

    @Option(name = "--wait", aliases = "-w", description = "Milliseconds to collect I-Ams (default 3000)")
    int waitMillis = 3000;

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
            var found = driver.discover(id, low, high, Optional.ofNullable(address), Duration.ofMillis(waitMillis));
            out.println(found.size() + " device(s) answered on stack " + id + " (instances " + low + ".." + high + ")");
            out.println(String.format("%-9s %-22s %-28s %-20s %6s %s", "INSTANCE", "ADDRESS", "NAME", "MODEL", "APDU",
                    "SEGMENTATION"));
            for (var f : found) {
                out.println(String.format("%-9d %-22s %-28s %-20s %6d %s", f.instance(), f.address(), f.name(),
                        f.model(), f.maxApdu(), f.segmentation()));
            }
        } catch (IllegalArgumentException | BacnetFailure e) {
            out.println("bacnet-discover: " + e.getMessage());
        }
        return null;
    }
}
