package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.ledger.Reasons;
import org.junit.jupiter.api.Test;

/** Outcomes of appends: accepted, duplicate, conflict (quarantined), in-batch rules, replays, late data. */
public abstract class IdempotencyContract extends StoreContractBase {

    @Test
    void acceptedThenDuplicateThenConflict() {
        var first = append(reading("a", 0, 1.0));
        assertInstanceOf(IngestOutcome.Accepted.class, first.outcomes().get(0));
        assertEquals(1, first.ledgerEntry().orElseThrow().batchId());

        var again = append(reading("a", 0, 1.0));
        assertInstanceOf(IngestOutcome.Duplicate.class, again.outcomes().get(0));
        assertTrue(again.ledgerEntry().isEmpty(), "a batch of only duplicates writes no entry");
        assertEquals(1, ledger().head().orElseThrow().batchId());

        var other = reading("a", 0, 2.0);
        var conflict = append(other);
        var c = assertInstanceOf(IngestOutcome.Conflict.class, conflict.outcomes().get(0));
        assertEquals(1.0, c.storedValue());
        assertEquals(Reasons.conflict(other, 1.0), c.reason());
        assertEquals(2, conflict.ledgerEntry().orElseThrow().batchId(), "a batch that quarantines gets an entry");
        assertValues(store().readings("a", E, T0, T0.plusSeconds(1)), 1.0);
        assertEquals(1, store().readingCount());
    }

    @Test
    void quarantineHoldsTheConflictWithItsStoredValueAndReason() {
        append(reading("a", 0, 1.0), reading("b", 0, 5.0));
        var bad = new Reading("a", E, T0, 1.5, Quality.SUSPECT, "other/src");
        append(bad, reading("b", 0, 6.0));
        var q = store().quarantine(10);
        assertEquals(2, q.size());
        var byMeter = q.stream().filter(x -> x.reading().meterId().equals("a")).findFirst().orElseThrow();
        assertEquals(bad, byMeter.reading());
        assertEquals(1.0, byMeter.storedValue());
        assertEquals(Reasons.conflict(bad, 1.0), byMeter.reason());
        assertEquals(1, store().quarantine(1).size());
        assertIntact(ledger().verify());
    }

    @Test
    void zeroAndNegativeZeroAreDuplicatesEitherWay() {
        append(reading("a", 0, 0.0), reading("b", 0, -0.0));
        var out = append(reading("a", 0, -0.0), reading("b", 0, 0.0)).outcomes();
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(0));
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        var inBatch = append(reading("c", 0, 0.0), reading("c", 0, -0.0)).outcomes();
        assertInstanceOf(IngestOutcome.Accepted.class, inBatch.get(0));
        assertInstanceOf(IngestOutcome.Duplicate.class, inBatch.get(1));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(store().latest("b", E).orElseThrow().value()), "the first value is kept");
        assertEquals(0, store().quarantine(10).size());
    }

    @Test
    void nanIsADuplicateOfNanAndAConflictWithAnythingElse() throws Exception {
        append(reading("a", 0, Double.NaN));
        assertInstanceOf(IngestOutcome.Duplicate.class, append(reading("a", 0, Double.NaN)).outcomes().get(0));
        var c = assertInstanceOf(IngestOutcome.Conflict.class, append(reading("a", 0, 3.0)).outcomes().get(0));
        assertTrue(Double.isNaN(c.storedValue()));
        var q = store().quarantine(1).get(0);
        assertTrue(Double.isNaN(q.storedValue()));
        assertEquals(3.0, q.reading().value());
        harness.reopen();
        assertInstanceOf(IngestOutcome.Duplicate.class, append(reading("a", 0, Double.NaN)).outcomes().get(0));
        assertIntact(ledger().verify());
    }

    @Test
    void inBatchDuplicatesAndConflictsCompareWithTheFirst() {
        var out = append(reading("a", 0, 1.0), reading("a", 0, 1.0), reading("a", 0, 2.0), reading("b", 0, 7.0),
                reading("a", 0, 1.0)).outcomes();
        assertInstanceOf(IngestOutcome.Accepted.class, out.get(0));
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        assertEquals(1.0, assertInstanceOf(IngestOutcome.Conflict.class, out.get(2)).storedValue());
        assertInstanceOf(IngestOutcome.Accepted.class, out.get(3));
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(4));
        assertValues(store().readings("a", E, T0, T0.plusSeconds(1)), 1.0);
        assertEquals(1, store().quarantine(10).size());
    }

    @Test
    void inBatchReadingsOfAStoredKeyCompareWithTheStoredValue() {
        append(reading("a", 0, 5.0));
        var out = append(reading("a", 0, 6.0), reading("a", 0, 5.0), reading("a", 0, 6.0)).outcomes();
        assertEquals(5.0, assertInstanceOf(IngestOutcome.Conflict.class, out.get(0)).storedValue());
        assertInstanceOf(IngestOutcome.Duplicate.class, out.get(1));
        assertEquals(5.0, assertInstanceOf(IngestOutcome.Conflict.class, out.get(2)).storedValue());
    }

    @Test
    void replayingTheWholeHistoryGivesOnlyDuplicatesAndLeavesTheHead() throws Exception {
        var history = new ArrayList<List<Reading>>();
        var random = new Random(11);
        for (int b = 0; b < 30; b++) {
            var batch = new ArrayList<Reading>();
            for (int m = 0; m < 4; m++) {
                long second = b < 20 ? b : random.nextInt(20) * 2L + 1; // late and out-of-order after batch 20
                batch.add(reading("m" + m, second, second * 10.0 + m));
            }
            history.add(batch);
            append(batch);
        }
        harness.settle();
        var head = ledger().head().orElseThrow();
        long count = store().readingCount();
        Collections.shuffle(history, random);
        for (var batch : history) {
            var r = append(batch);
            assertTrue(r.outcomes().stream().allMatch(o -> o instanceof IngestOutcome.Duplicate), r.outcomes()::toString);
            assertTrue(r.ledgerEntry().isEmpty());
        }
        harness.reopen();
        for (var batch : history) {
            assertTrue(append(batch).outcomes().stream().allMatch(o -> o instanceof IngestOutcome.Duplicate));
        }
        assertEquals(head, ledger().head().orElseThrow());
        assertEquals(count, store().readingCount());
        assertIntact(ledger().verify());
    }

    @Test
    void lateAndOutOfOrderReadingsAreStoredInTimeOrder() throws Exception {
        for (long s = 10; s < 20; s++) {
            appendAccepted(List.of(reading("a", s, s)));
        }
        harness.settle();
        for (long s = 9; s >= 0; s--) {
            appendAccepted(List.of(reading("a", s, s)));
        }
        appendAccepted(List.of(reading("a", 25, 25), reading("a", 21, 21), reading("a", 23, 23)));
        var all = store().readings("a", E, T0, T0.plusSeconds(100));
        assertEquals(23, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).timestamp().isBefore(all.get(i).timestamp()), all::toString);
        }
        assertEquals(25.0, store().latest("a", E).orElseThrow().value());
        assertEquals(19.0, store().latestBefore("a", E, T0.plusSeconds(21)).orElseThrow().value());
        assertValues(store().readings("a", E, T0.plusSeconds(8), T0.plusSeconds(12)), 8, 9, 10, 11);
        assertInstanceOf(IngestOutcome.Duplicate.class, append(reading("a", 5, 5)).outcomes().get(0));
        assertInstanceOf(IngestOutcome.Conflict.class, append(reading("a", 15, 0.5)).outcomes().get(0));
        assertIntact(ledger().verify());
    }

    @Test
    void entryIdsRunWithoutGapsAcrossKinds() {
        assertEquals(1, appendAccepted(List.of(reading("a", 0, 1))));
        assertEquals(1, emissionStore().store(List.of(emission("a", 0, 2.5))));
        assertEquals(2, ledger().head().orElseThrow().batchId());
        assertEquals(0, emissionStore().store(List.of(emission("a", 0, 2.5))), "an emission record is stored once");
        assertEquals(2, ledger().head().orElseThrow().batchId(), "nothing new, no entry");
        assertEquals(3, appendAccepted(List.of(reading("a", 1, 2))));
        assertIntact(ledger().verify());
    }
}
