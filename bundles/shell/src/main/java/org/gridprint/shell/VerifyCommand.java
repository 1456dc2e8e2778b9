package org.gridprint.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Service
@Command(scope = "gridprint", name = "verify",
        description = "Recomputes the ledger from the stored rows: the batches after the last checkpoint (--full: every"
                + " batch), and prints every finding")
public class VerifyCommand implements Action {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyCommand.class);

    @Option(name = "--full", description = "Re-check every batch from the first (default: from the last checkpoint)")
    boolean full;

    @Option(name = "--no-format", description = "Print the findings without table borders (for scripts)")
    boolean noFormat;

    @Reference(optional = true)
    LedgerService ledger;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (ledger == null) {
            out.println(Messages.NO_LEDGER);
            return null;
        }
        var scope = full ? VerifyScope.FULL : VerifyScope.INCREMENTAL;
        var report = ledger.verify(scope);
        var line = VerifyText.describe(report);
        if (report instanceof VerificationReport.Intact intact) {
            out.println(line);
            out.println(VerifyText.range(intact, scope));
            LOG.info("gridprint:verify: {}", line);
            return null;
        }
        var broken = (VerificationReport.Broken) report;
        LOG.error("gridprint:verify: {}", line);
        out.println(line);
        out.println(VerifyText.brokenSummary(broken, scope));
        var table = new ShellTable();
        table.column(new Col("Batch").alignRight());
        table.column(new Col("Row").maxSize(60).wrap()); // wrapped, never cut: a finding is read in full
        table.column(new Col("Reason").maxSize(90).wrap());
        for (var f : broken.findings()) {
            table.addRow().addContent(f.batchId() == 0 ? "-" : "#" + f.batchId(), f.row().orElse("-"), f.reason());
        }
        table.print(out, !noFormat);
        VerifyText.notListed(broken).ifPresent(out::println);
        out.println("Ledger " + VerifyText.head(ledger.head()));
        return null;
    }
}
