package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Tamper evidence: verify finds every change of a stored fact, names the entry and the row, reports every finding
 * (bounded, with a count), and the store keeps working after a break.
 */
public abstract class TamperContract extends StoreContractBase {

    /** Entries 1..10: one poll of 3 meters each (second = entry - 1); entry 11: a conflict; entry 12: emissions. */
    private void history() {
        for (int s = 0; s < 10; s++) {
            appendAccepted(poll(3, s));
        }
        append(reading("m1", 4, -7.0));
        emissionStore().store(List.of(emission("m0", 0, 5.0), emission("m1", 0, 6.0)));
        assertEquals(12, ledger().head().orElseThrow().batchId());
    }

    private static boolean names(VerificationReport.Finding f, String text) {
        return f.row().orElse("").contains(text) || f.reason().contains(text);
    }

    @Test
    void anUntouchedLedgerIsIntactAndVerifiesEveryEntry() throws Exception {
        history();
        var report = assertIntact(ledger().verify());
        assertEquals(12, report.batchesChecked());
        assertEquals(12, report.head().orElseThrow().batchId());
        harness.settle();
        assertIntact(ledger().verify(VerifyScope.FULL));
    }

    @Test
    void aChangedReadingIsNamedByEntryAndRowBeforeAndAfterSettling() throws Exception {
        history();
        harness.changeReadingValue(reading("m2", 3, 0).key(), 999.0);
        var broken = assertBroken(ledger().verify());
        assertEquals(List.of(4L), namedEntries(broken));
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().orElse("").contains("m2")), broken::toString);

        harness.settle();
        harness.changeReadingValue(reading("m0", 8, 0).key(), -1.0);
        broken = assertBroken(ledger().verify());
        assertEquals(List.of(4L, 9L), namedEntries(broken));
        assertTrue(broken.findings().stream().anyMatch(f -> f.batchId() == 9 && f.row().orElse("").contains("m0")),
                broken::toString);
    }

    @Test
    void tenTamperedReadingsGiveTenFindings() throws Exception {
        history();
        harness.settle();
        for (int s = 0; s < 10; s++) {
            harness.changeReadingValue(reading("m" + (s % 3), s, 0).key(), 1000.0 + s);
        }
        var broken = assertBroken(ledger().verify());
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), namedEntries(broken));
        var rows = broken.findings().stream().filter(f -> f.row().isPresent()).map(f -> f.batchId()).distinct().count();
        assertEquals(10, rows, "every changed reading is named by its row: " + broken.findings());
    }

    @Test
    void theEntryHeaderIsCovered() throws Exception {
        history();
        harness.changeCommitTime(3, ledger().head().orElseThrow().committedAt().toEpochMilli() + 1);
        harness.changeEntrySource(6, "someone/else");
        var broken = assertBroken(ledger().verify());
        assertEquals(List.of(3L, 6L), namedEntries(broken));
    }

    @Test
    void quarantineRowsAreCovered() throws Exception {
        history();
        harness.changeQuarantinedValue(reading("m1", 4, 0).key(), -8.0);
        assertEquals(List.of(11L), namedEntries(assertBroken(ledger().verify())));
    }

    @Test
    void emissionRecordsAreCovered() throws Exception {
        history();
        harness.scaleEmission("m1", T0, 10.0);
        assertEquals(List.of(12L), namedEntries(assertBroken(ledger().verify())));
    }

    @Test
    void deletingTheNewestEntryIsDetectedThroughTheHeadLog() throws Exception {
        for (int s = 0; s < 5; s++) {
            appendAccepted(poll(2, s));
        }
        harness.deleteNewestEntry();
        assertEquals(4, ledger().head().orElseThrow().batchId());
        var broken = assertBroken(ledger().verify());
        assertTrue(broken.findings().stream().anyMatch(f -> f.batchId() == 5 && names(f, "truncated")),
                broken::toString);
        assertBroken(ledger().verify(VerifyScope.INCREMENTAL));
    }

    @Test
    void restoringAnOlderCopyIsDetectedThroughTheHeadLog() throws Exception {
        for (int s = 0; s < 3; s++) {
            appendAccepted(poll(2, s));
        }
        var copy = harness.copyDatabase();
        for (int s = 3; s < 6; s++) {
            appendAccepted(poll(2, s));
        }
        harness.restoreDatabase(copy);
        assertEquals(3, ledger().head().orElseThrow().batchId());
        var broken = assertBroken(ledger().verify());
        assertTrue(broken.findings().stream().anyMatch(f -> names(f, "truncated or restored")), broken::toString);
    }

    @Test
    void aBrokenLedgerStillTakesAppendsAndReportsTheOldBreak() throws Exception {
        history();
        harness.changeReadingValue(reading("m0", 2, 0).key(), 55.0);
        harness.reopen();
        var next = appendAccepted(poll(3, 50));
        assertEquals(13, next);
        assertInstanceOf(IngestOutcome.Duplicate.class, append(reading("m1", 5, 51.0)).outcomes().get(0));
        var broken = assertBroken(ledger().verify());
        assertEquals(List.of(3L), namedEntries(broken));
        assertEquals(13, broken.batchesChecked());
    }

    @Test
    void editedBlockMetadataNeverLetsAReadingInTwice() throws Exception {
        history();
        harness.settle();
        var key = reading("m0", 5, 0).key();
        try {
            harness.narrowBlockRange(key);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort(e.getMessage());
        }
        long count = store().readingCount();
        var resubmitted = new ArrayList<IngestOutcome>();
        for (int s = 0; s < 10; s++) {
            try {
                resubmitted.addAll(append(poll(3, s)).outcomes());
            } catch (IllegalStateException refused) {
                assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
            }
        }
        assertFalse(resubmitted.stream().anyMatch(o -> o instanceof IngestOutcome.Accepted),
                "a resubmitted reading was accepted again: " + resubmitted);
        assertEquals(count, store().readingCount());
        assertBroken(ledger().verify());
    }

    @Test
    void incrementalVerifyStartsAfterTheCheckpointAndFullVerifyStillSeesEverything() throws Exception {
        history();
        assertIntact(ledger().verify(VerifyScope.FULL));
        for (int s = 20; s < 23; s++) {
            appendAccepted(poll(3, s));
        }
        var incremental = assertIntact(ledger().verify(VerifyScope.INCREMENTAL));
        assertEquals(13, incremental.fromBatch(), "starts after the checkpoint at entry 12");
        assertEquals(3, incremental.batchesChecked());
        harness.reopen();
        assertEquals(16, assertIntact(ledger().verify(VerifyScope.INCREMENTAL)).fromBatch());

        harness.changeReadingValue(reading("m1", 21, 0).key(), 0.5);
        harness.changeReadingValue(reading("m1", 1, 0).key(), 0.5);
        var full = assertBroken(ledger().verify(VerifyScope.FULL));
        assertEquals(List.of(2L, 14L), namedEntries(full));
    }

    @Test
    void aTamperedHistoryAfterTheCheckpointIsFoundIncrementally() throws Exception {
        history();
        assertIntact(ledger().verify(VerifyScope.FULL));
        for (int s = 20; s < 23; s++) {
            appendAccepted(poll(3, s));
        }
        harness.changeReadingValue(reading("m2", 22, 0).key(), 0.5);
        assertEquals(List.of(15L), namedEntries(assertBroken(ledger().verify(VerifyScope.INCREMENTAL))));
    }
}
