package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;

class VerifyTextTest {

    @Test
    void intact() {
        var head = new LedgerEntry(42, Instant.EPOCH, 3, "0".repeat(64), "ab".repeat(32));
        assertEquals("ledger intact: 42 batches, 126000 readings, head #42 " + "ab".repeat(32),
                VerifyText.describe(new VerificationReport.Intact(42, 126_000, Optional.of(head))));
        assertEquals("ledger intact: 0 batches, 0 readings, head: none (empty ledger)",
                VerifyText.describe(new VerificationReport.Intact(0, 0, Optional.empty())));
    }

    @Test
    void brokenKeepsTheWordTheBatchAndTheRow() {
        var row = "hq/ahu-1 ACTIVE_ENERGY_IMPORT 2026-11-25T10:00:00Z value 1234.5";
        var text = VerifyText.describe(new VerificationReport.Broken(7, 7000, 7, Optional.of(row),
                "stored hash 3fa1 but rows recompute to 9c12"));
        assertTrue(text.startsWith("LEDGER BROKEN at batch #7: " + row + " — stored hash 3fa1"), text);
        assertTrue(text.contains("BROKEN") && text.contains("#7") && text.contains(row));
        var noRow = VerifyText.describe(new VerificationReport.Broken(3, 10, 3, Optional.empty(), "chain link broken"));
        assertTrue(noRow.contains("LEDGER BROKEN at batch #3") && noRow.contains("chain link broken"), noRow);
    }
}
