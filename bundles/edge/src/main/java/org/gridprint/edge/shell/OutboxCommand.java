package org.gridprint.edge.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.edge.Outbox;
import org.gridprint.api.edge.OutboxStatus;
import org.gridprint.edge.EdgeForwarder;
import org.gridprint.edge.ForwardStatus;
import org.osgi.framework.BundleContext;

/** {@code gridprint:outbox}: the edge outbox and its forwarder, one field per line. Role viewer. */
@Service
@Command(scope = "gridprint", name = "outbox", description = "Edge outbox: depth, oldest item age, last "
        + "acknowledgement (time, sequence), forward rate, in flight, capacity, policy, dropped and refused counts")
public class OutboxCommand implements Action {

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() {
        var out = session.getConsole();
        var fref = bundleContext.getServiceReference(EdgeForwarder.class);
        if (fref != null) {
            var f = bundleContext.getService(fref);
            try {
                if (f != null) {
                    print(f.status(), Instant.now(), out, noFormat);
                    return null;
                }
            } finally {
                bundleContext.ungetService(fref);
            }
        }
        var oref = bundleContext.getServiceReference(Outbox.class);
        if (oref == null) {
            out.println("no outbox: the store does not offer one (set outboxCapacity in etc/org.gridprint.store.derby"
                    + ".cfg; see docs/edge.md)");
            return null;
        }
        var o = bundleContext.getService(oref);
        try {
            print(null, o.outboxStatus(), Instant.now(), out, noFormat);
        } finally {
            bundleContext.ungetService(oref);
        }
        return null;
    }

    /** The table of a running forwarder and its outbox. */
    public static void print(ForwardStatus s, Instant now, PrintStream out, boolean noFormat) {
        print(s, s.outbox(), now, out, noFormat);
    }

    static void print(ForwardStatus f, OutboxStatus o, Instant now, PrintStream out, boolean noFormat) {
        var table = new ShellTable();
        table.column("Field");
        table.column("Value");
        if (!o.enabled()) {
            table.addRow().addContent("Outbox", "off (outboxCapacity 0 in org.gridprint.store.derby)");
        }
        table.addRow().addContent("Depth", o.readings() + " readings in " + o.entries() + " entries");
        table.addRow().addContent("Oldest item age", o.oldest().map(t -> age(Duration.between(t, now))).orElse("-"));
        table.addRow().addContent("Capacity", o.capacity() + " readings");
        table.addRow().addContent("Policy", o.policy().configName());
        table.addRow().addContent("Dropped", o.droppedReadings() + " readings");
        table.addRow().addContent("Refused", o.refusedBatches() + " batches");
        if (f == null) {
            table.addRow().addContent("Forwarder", "not configured (etc/org.gridprint.edge.cfg)");
        } else {
            table.addRow().addContent("Edge", f.edgeId());
            table.addRow().addContent("Central broker", f.serverUri() + (f.connected() ? " (connected)" : " (DOWN)")
                    + ", " + f.connectAttempts() + " connection attempts");
            table.addRow().addContent("Last ack", f.lastAck().map(t -> t + " (" + age(Duration.between(t, now))
                    + " ago), sequence " + f.lastAckSequence()).orElse("-"));
            table.addRow().addContent("Forward rate", String.format(Locale.ROOT, "%.1f readings/s", f.forwardRate()));
            table.addRow().addContent("In flight", f.inFlight() + " batches");
            table.addRow().addContent("Sent", f.sentBatches() + " batches (" + f.resentBatches() + " sent again)");
            table.addRow().addContent("Acknowledged", f.acknowledged() + " readings (central: " + f.centralDuplicates()
                    + " duplicates, " + f.centralRefused() + " refused)");
            table.addRow().addContent("Last error", f.lastError() == null || f.lastError().isEmpty() ? "-"
                    : f.lastError());
        }
        table.print(out, !noFormat);
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
