package org.gridprint.shell;

import org.gridprint.api.store.VerificationReport;

/** The one-line verdict of {@code gridprint:verify}. */
public final class VerifyText {

    private VerifyText() {
    }

    public static String describe(VerificationReport report) {
        if (report instanceof VerificationReport.Intact intact) {
            var head = intact.head().map(h -> "head #" + h.batchId() + " " + h.hash()).orElse("head: none (empty ledger)");
            return "ledger intact: " + intact.batchesChecked() + " batches, " + intact.readingsChecked() + " readings, "
                    + head;
        }
        var broken = (VerificationReport.Broken) report;
        return "LEDGER BROKEN at batch #" + broken.batchId() + ": " + broken.row().orElse("(row not identified)")
                + " — " + broken.reason() + " (checked " + broken.batchesChecked() + " batches, "
                + broken.readingsChecked() + " readings)";
    }
}
