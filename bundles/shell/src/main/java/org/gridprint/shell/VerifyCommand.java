package org.gridprint.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.VerificationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Service
@Command(scope = "gridprint", name = "verify",
        description = "Recomputes every ledger batch hash and the chain from the stored rows")
public class VerifyCommand implements Action {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyCommand.class);

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
        var report = ledger.verify();
        var text = VerifyText.describe(report);
        out.println(text);
        if (report instanceof VerificationReport.Broken) {
            LOG.error("gridprint:verify: {}", text);
        } else {
            LOG.info("gridprint:verify: {}", text);
        }
        return null;
    }
}
