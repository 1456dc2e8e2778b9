package org.gridprint.shell;

import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;

/** The verdict of {@code gridprint:verify}, and the one line it logs. */
public final class VerifyText {

    private VerifyText() {
    }

    /**
     * One line: {@code ledger intact: 42 batches, 126000 readings, head #42 <hash>}, or {@code LEDGER BROKEN at
     * batch #7: <row> — <reason> (checked ...)} naming the first finding, and how many more there are.
     */
    public static String describe(VerificationReport report) {
        if (report instanceof VerificationReport.Intact intact) {
            return "ledger intact: " + intact.batchesChecked() + " batches, " + intact.readingsChecked() + " readings, "
                    + head(intact.head());
        }
        var broken = (VerificationReport.Broken) report;
        var more = broken.findingCount() - 1;
        return "LEDGER BROKEN at batch #" + broken.batchId() + ": " + broken.row().orElse("(row not identified)")
                + " — " + broken.reason() + " (checked " + broken.batchesChecked() + " batches, "
                + broken.readingsChecked() + " readings" + (more > 0 ? "; " + more + " more findings" : "") + ")";
    }

    /**
     * What was checked: {@code checked batches #37..#42 (incremental, from the checkpoint; --full re-checks every
     * batch)}, {@code checked batches #1..#42 (full)}, or that nothing was new since the checkpoint.
     */
    public static String range(VerificationReport.Intact intact, VerifyScope scope) {
        var last = intact.head().map(LedgerEntry::batchId).orElse(0L);
        if (last == 0) {
            return "checked nothing: the ledger is empty";
        }
        var how = scope == VerifyScope.FULL ? "(full)"
                : intact.fromBatch() <= 1 ? "(every batch: there was no checkpoint yet)"
                : "(incremental, from the checkpoint; --full re-checks every batch)";
        if (intact.fromBatch() > last) {
            return "checked no new batch: nothing was committed after the checkpoint #" + last + " " + how;
        }
        return "checked batches #" + intact.fromBatch() + ".." + "#" + last + " " + how;
    }

    /** "head #42 <hash>", or that the ledger is empty. */
    public static String head(Optional<LedgerEntry> head) {
        return head.map(h -> "head #" + h.batchId() + " " + h.hash()).orElse("head: none (empty ledger)");
    }

    /** The line above the findings table of a broken report. */
    public static String brokenSummary(VerificationReport.Broken broken, VerifyScope scope) {
        return broken.findingCount() + (broken.findingCount() == 1 ? " finding" : " findings") + " ("
                + (scope == VerifyScope.FULL ? "full" : "incremental") + " verify, " + broken.batchesChecked()
                + " batches and " + broken.readingsChecked() + " readings checked):";
    }

    /** "… and 412 more findings", when the report lists fewer than it counted; empty otherwise. */
    public static Optional<String> notListed(VerificationReport.Broken broken) {
        var more = broken.findingCount() - broken.findings().size();
        return more > 0 ? Optional.of("… and " + more + " more findings") : Optional.empty();
    }
}
