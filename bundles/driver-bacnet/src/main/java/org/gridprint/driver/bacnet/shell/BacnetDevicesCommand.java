package org.gridprint.driver.bacnet.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.driver.bacnet.BacnetDriver;

@Service
@Command(scope = "gridprint", name = "bacnet-devices",
        description = "BACnet stacks and devices: state, requests/s, error counts, batch size, COV, refused points, alarms")
public class BacnetDevicesCommand implements Action {

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
        for (var s : driver.stacks()) {
            out.println(s.settings().describe() + ": " + (s.isOpen() ? "open" : "closed") + "; "
                    + s.foreignRegistration() + "; COV notifications " + s.covNotifications());
        }
        for (var d : driver.devices()) {
            var h = d.stats();
            out.println(d.id() + " " + d.settings().map(x -> x.describe()).orElse("-") + ": " + h.state()
                    + ", " + h.requests() + " requests (" + h.failedRequests() + " failed " + h.errorCounts() + "), "
                    + "batch " + d.batchSize() + ", COV " + d.covState()
                    + h.lastErrorMessage().map(m -> ", last error: " + m).orElse(""));
            d.refusedPoints().values().forEach(r -> out.println("  refused: " + r));
            d.activeAlarms().forEach(a -> out.println("  alarm " + a.kind() + ": " + a.message()));
        }
        return null;
    }
}
