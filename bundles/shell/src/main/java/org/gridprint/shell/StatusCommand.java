package org.gridprint.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.IngestService;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.osgi.framework.BundleContext;

@Service
@Command(scope = "gridprint", name = "status",
        description = "One screen for the operator: ingest totals, readings stored, ledger head, quarantined "
                + "conflicts, devices by state and the devices that are not ONLINE")
public class StatusCommand implements Action {

    @Reference(optional = true)
    IngestService ingest;

    @Reference(optional = true)
    ReadingStore store;

    @Reference(optional = true)
    LedgerService ledger;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var status = new StatusText.Status(
                Probe.ask(ingest, Messages.NO_INGEST, IngestService::statistics),
                Probe.ask(store, Messages.NO_STORE, ReadingStore::readingCount),
                Probe.ask(ledger, Messages.NO_LEDGER, LedgerService::head),
                Probe.ask(store, Messages.NO_STORE, s -> s.quarantine(StatusText.QUARANTINE_PROBE).size()),
                Probe.ask(bundleContext, "no bundle context", Devices::all));
        var out = session.getConsole();
        for (var line : StatusText.lines(status, Instant.now())) {
            out.println(line);
        }
        return null;
    }
}
