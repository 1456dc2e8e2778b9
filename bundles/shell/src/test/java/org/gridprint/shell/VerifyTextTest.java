package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.junit.jupiter.api.Test;

class VerifyTextTest {

    private static final LedgerEntry HEAD = new LedgerEntry(42, Instant.EPOCH, 3, "0".repeat(64), "ab".repeat(32));

    @Test
    void intact() {
        assertEquals("ledger intact: 42 batches, 126000 readings, head #42 " + "ab".repeat(32),
                VerifyText.describe(new VerificationReport.Intact(42, 126_000, Optional.of(HEAD))));
        assertEquals("ledger intact: 0 batches, 0 readings, head: none (empty ledger)",
                VerifyText.describe(new VerificationReport.Intact(0, 0, Optional.empty())));
    }

    @Test
    void theRangeCheckedSaysFromWhereAndHow() {
        assertEquals("checked batches #1..#42 (full)",
                VerifyText.range(new VerificationReport.Intact(42, 10, Optional.of(HEAD)), VerifyScope.FULL));
        assertEquals("checked batches #37..#42 (incremental, from the checkpoint; --full re-checks every batch)",
                VerifyText.range(new VerificationReport.Intact(6, 10, Optional.of(HEAD), 37), VerifyScope.INCREMENTAL));
        assertTrue(VerifyText.range(new VerificationReport.Intact(0, 0, Optional.of(HEAD), 43), VerifyScope.INCREMENTAL)
                .startsWith("checked no new batch: nothing was committed after the checkpoint #42"));
        assertEquals("checked batches #1..#42 (every batch: there was no checkpoint yet)",
                VerifyText.range(new VerificationReport.Intact(42, 10, Optional.of(HEAD)), VerifyScope.INCREMENTAL));
        assertEquals("checked nothing: the ledger is empty",
                VerifyText.range(new VerificationReport.Intact(0, 0, Optional.empty()), VerifyScope.FULL));
    }

    @Test
    void brokenKeepsTheWordTheBatchAndTheRow() {
        var row = "hq/ahu-1 ACTIVE_ENERGY_IMPORT 2026-11-25T10:00:00Z value 1234.5";
        var text = VerifyText.describe(new VerificationReport.Broken(7, 7000, 7, Optional.of(row),
                "stored hash 3fa1 but rows recompute to 9c12"));
        assertTrue(text.startsWith("LEDGER BROKEN at batch #7: " + row + " — stored hash 3fa1"), text);
        assertTrue(!text.contains("more findings"), text);
        var noRow = VerifyText.describe(new VerificationReport.Broken(3, 10, 3, Optional.empty(), "chain link broken"));
        assertTrue(noRow.contains("LEDGER BROKEN at batch #3") && noRow.contains("chain link broken"), noRow);
    }

    @Test
    void aReportWithMoreFindingsThanListedSaysHowManyMore() {
        var findings = new ArrayList<VerificationReport.Finding>();
        for (var k = 1; k <= 150; k++) {
            findings.add(new VerificationReport.Finding(k, Optional.of("row " + k), "changed"));
        }
        var broken = new VerificationReport.Broken(500, 5000, findings, 500);

        assertEquals(100, broken.findings().size());
        assertEquals("500 findings (full verify, 500 batches and 5000 readings checked):",
                VerifyText.brokenSummary(broken, VerifyScope.FULL));
        assertEquals(Optional.of("… and 400 more findings"), VerifyText.notListed(broken));
        assertTrue(VerifyText.describe(broken).endsWith("; 499 more findings)"), VerifyText.describe(broken));
        var one = new VerificationReport.Broken(1, 1, 1, Optional.empty(), "x");
        assertEquals(Optional.empty(), VerifyText.notListed(one));
        assertTrue(VerifyText.brokenSummary(one, VerifyScope.INCREMENTAL).startsWith("1 finding (incremental verify, "));
    }
}
