package org.gridprint.mqtt.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.mqtt.LinkStatus;
import org.gridprint.mqtt.MqttBroker;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/** {@code gridprint:mqtt-status}: every configured broker connection, its link and its counts. Never a secret. */
@Service
@Command(scope = "gridprint", name = "mqtt-status",
        description = "MQTT broker connections: server, connected, reconnects, last error, queued/published/dropped"
                + " publications, messages received, readings accepted, items refused")
public class MqttStatusCommand implements Action {

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws InvalidSyntaxException {
        var statuses = new ArrayList<LinkStatus>();
        for (var ref : bundleContext.getServiceReferences(MqttBroker.class, null)) {
            var broker = bundleContext.getService(ref);
            if (broker != null) {
                try {
                    statuses.add(broker.status());
                } finally {
                    bundleContext.ungetService(ref);
                }
            }
        }
        print(statuses, session.getConsole(), noFormat);
        return null;
    }

    /** The table of the given connections, by id; a line saying how to configure one when there is none. */
    static void print(List<LinkStatus> statuses, PrintStream out, boolean noFormat) {
        if (statuses.isEmpty()) {
            out.println("no MQTT broker configured (etc/org.gridprint.mqtt.broker-<name>.cfg; see"
                    + " config/org.gridprint.mqtt.broker-example.cfg.disabled)");
            return;
        }
        var table = new ShellTable();
        table.column("Broker");
        table.column("Server");
        table.column("Link");
        table.column("Connects").alignRight();
        table.column("Failures in a row").alignRight();
        table.column("Queued").alignRight();
        table.column("Published").alignRight();
        table.column("Dropped").alignRight();
        table.column("Messages").alignRight();
        table.column("Readings").alignRight();
        table.column("Items refused").alignRight();
        table.column("Last error");
        var sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(LinkStatus::id));
        for (var s : sorted) {
            table.addRow().addContent(s.id(), s.serverUri(), s.connected() ? "connected" : "DOWN", s.connects(),
                    s.failuresInARow(), s.queuedPublications(), s.published(), s.droppedPublications(), s.messages(),
                    s.readingsAccepted(), s.itemsRefused(),
                    s.lastError() == null || s.lastError().isEmpty() ? "-" : s.lastError());
        }
        table.print(out, !noFormat);
    }
}
