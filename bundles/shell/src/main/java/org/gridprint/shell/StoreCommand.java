package org.gridprint.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.store.StoreAdmin;

@Service
@Command(scope = "gridprint", name = "store",
        description = "The store: backend, location, size on disk, readings, series, WAL depth, last flush, ledger "
                + "head, verify checkpoint and last verify")
public class StoreCommand implements Action {

    @Option(name = "--no-format", description = "Machine-readable key=value lines instead of the readable block")
    boolean noFormat;

    @Reference(optional = true)
    StoreAdmin admin;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (admin == null) {
            out.println(Messages.NO_STORE_ADMIN);
            return null;
        }
        var status = admin.status();
        for (var line : noFormat ? StoreText.keyValues(status) : StoreText.lines(status, Instant.now())) {
            out.println(line);
        }
        return null;
    }
}
