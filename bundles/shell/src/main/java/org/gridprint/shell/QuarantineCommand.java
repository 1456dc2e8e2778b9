package org.gridprint.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.store.ReadingStore;

@Service
@Command(scope = "gridprint", name = "quarantine",
        description = "Quarantined conflicts (a different value arrived for a stored key), newest first")
public class QuarantineCommand implements Action {

    @Option(name = "--limit", aliases = "-n", description = "Show at most N (default 20)")
    int limit = 20;

    @Reference(optional = true)
    ReadingStore store;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        TrailingOptions.positiveLimit(limit);
        if (store == null) {
            out.println(Messages.NO_STORE);
            return null;
        }
        var table = new ShellTable();
        table.column(new Col("Id").alignRight());
        table.column("Received");
        table.column("Meter");
        table.column("Quantity");
        table.column("Time");
        table.column(new Col("Stored").alignRight());
        table.column(new Col("Received value").alignRight());
        table.column("Source");
        table.column(new Col("Reason").maxSize(60));
        table.emptyTableText("no quarantined readings");
        for (var q : store.quarantine(limit)) {
            var r = q.reading();
            table.addRow().addContent(q.id(), Texts.time(q.receivedAt()), r.meterId(), r.quantity().name(),
                    Texts.time(r.timestamp()), Texts.number(q.storedValue(), 6), Texts.number(r.value(), 6),
                    r.source(), Texts.cell(q.reason(), 60));
        }
        table.print(out);
        return null;
    }
}
