package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.junit.jupiter.api.Test;

/** What was acknowledged survives clean reopens and crashes; the ledger goes on from its head. */
public abstract class DurabilityContract extends StoreContractBase {

    @Test
    void aCrashLosesNothingAcknowledged() throws Exception {
        for (int s = 0; s < 25; s++) {
            appendAccepted(poll(5, s));
            if (s == 10) {
                harness.settle();
            }
        }
        append(reading("m0", 3, -1.0)); // a conflict: entry 26
        var head = ledger().head().orElseThrow();
        assertEquals(26, head.batchId());
        harness.crashAndReopen();
        assertEquals(head, ledger().head().orElseThrow());
        assertEquals(125, store().readingCount());
        for (int m = 0; m < 5; m++) {
            var rs = store().readings("m" + m, E, T0, T0.plusSeconds(25));
            assertEquals(25, rs.size());
            assertEquals(24 * 10.0 + m, rs.get(24).value());
        }
        assertEquals(1, store().quarantine(10).size());
        assertTrue(poll(5, 7).stream().allMatch(r -> append(r).outcomes().get(0) instanceof IngestOutcome.Duplicate));
        assertEquals(27, appendAccepted(poll(5, 25)));
        assertIntact(ledger().verify());
    }

    @Test
    void aCleanReopenKeepsEverythingAndTheChainGoesOn() throws Exception {
        appendAccepted(poll(3, 0));
        emissionStore().store(List.of(emission("m0", 0, 1.0), emission("m1", 0, 2.0)));
        harness.reopen();
        assertEquals(2, ledger().head().orElseThrow().batchId());
        assertEquals(2, emissionStore().emissions(List.of(), T0, T0.plusSeconds(7200)).size());
        var next = append(poll(3, 1)).ledgerEntry().orElseThrow();
        assertEquals(3, next.batchId());
        harness.crashAndReopen();
        assertEquals(next, ledger().head().orElseThrow());
        assertInstanceOf(IngestOutcome.Duplicate.class, append(reading("m2", 1, 12.0)).outcomes().get(0));
        assertEquals(6, store().readingCount());
        assertIntact(ledger().verify());
    }
}
