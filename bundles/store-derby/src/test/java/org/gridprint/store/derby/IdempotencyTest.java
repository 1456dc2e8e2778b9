package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.poll;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyTest {

    @TempDir
    Path dir;

    @Test
    void acceptsThenCountsDuplicatesAndQuarantinesConflicts() {
        try (var store = Fixtures.open(dir)) {
            var first = store.append("test/src", List.of(reading("a", 1, 100.0)));
            assertInstanceOf(IngestOutcome.Accepted.class, first.outcomes().get(0));
            assertTrue(first.ledgerEntry().isPresent());

            var again = store.append("test/src", List.of(reading("a", 1, 100.0)));
            assertInstanceOf(IngestOutcome.Duplicate.class, again.outcomes().get(0));
            assertTrue(again.ledgerEntry().isEmpty(), "a batch without accepted readings gets no ledger entry");

            var other = store.append("test/src", List.of(reading("a", 1, 101.5)));
            var conflict = assertInstanceOf(IngestOutcome.Conflict.class, other.outcomes().get(0));
            assertEquals(100.0, conflict.storedValue());
            assertTrue(conflict.reason().contains("a ") && conflict.reason().contains("100.0"), conflict.reason());

            assertEquals(1, store.readingCount());
            assertEquals(100.0, store.latest("a", E).orElseThrow().value(), "the stored value is never overwritten");
            var q = store.quarantine(10);
            assertEquals(1, q.size());
            assertEquals(101.5, q.get(0).reading().value());
            assertEquals(100.0, q.get(0).storedValue());
            assertEquals(conflict.reason(), q.get(0).reason());
            assertEquals(Fixtures.CLOCK.instant(), q.get(0).receivedAt());
        }
    }

    @Test
    void handlesDuplicatesAndConflictsInsideOneBatch() {
        try (var store = Fixtures.open(dir)) {
            var result = store.append("test/src", List.of(reading("a", 5, 1.0), reading("b", 5, 2.0),
                    reading("a", 5, 1.0), reading("a", 5, 9.0), reading("a", 4, 0.5), reading("a", 4, 0.5)));
            var o = result.outcomes();
            assertInstanceOf(IngestOutcome.Accepted.class, o.get(0));
            assertInstanceOf(IngestOutcome.Accepted.class, o.get(1));
            assertInstanceOf(IngestOutcome.Duplicate.class, o.get(2));
            assertEquals(1.0, assertInstanceOf(IngestOutcome.Conflict.class, o.get(3)).storedValue());
            assertInstanceOf(IngestOutcome.Accepted.class, o.get(4), "older timestamp, new key");
            assertInstanceOf(IngestOutcome.Duplicate.class, o.get(5));
            assertEquals(3, result.ledgerEntry().orElseThrow().readingCount());
            assertEquals(3, store.readingCount());
            assertEquals(1, store.quarantine(10).size());
        }
    }

    @Test
    void replayingTheSameBatchesChangesNothing() {
        try (var store = Fixtures.open(dir, 250, 64)) {
            for (int minute = 0; minute < 20; minute++) {
                var r = store.append("test/src", poll(50, minute));
                assertEquals(50, r.outcomes().stream().filter(IngestOutcome.Accepted.class::isInstance).count());
            }
            var head = store.head().orElseThrow();
            long count = store.readingCount();
            assertEquals(1000, count);
            for (int minute = 0; minute < 20; minute++) {
                var r = store.append("test/src", poll(50, minute));
                assertTrue(r.outcomes().stream().allMatch(IngestOutcome.Duplicate.class::isInstance),
                        "minute " + minute + ": " + r.outcomes().get(0));
                assertTrue(r.ledgerEntry().isEmpty());
            }
            assertEquals(count, store.readingCount());
            assertEquals(head, store.head().orElseThrow());
            assertTrue(store.quarantine(10).isEmpty());
            assertEquals(20, store.readings("m7", E, Fixtures.T0, Fixtures.T0.plusSeconds(3600)).size());
            assertInstanceOf(org.gridprint.api.store.VerificationReport.Intact.class, store.verify());
        }
    }
}
