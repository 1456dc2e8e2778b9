package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.CLOCK;
import static org.gridprint.store.derby.Fixtures.poll;
import static org.gridprint.store.derby.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.gridprint.api.Reading;
import org.gridprint.api.edge.OutboxEntry;
import org.gridprint.api.edge.OutboxPolicy;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge outbox kept by the Derby store: same transaction as the batch, acknowledgement, both full policies. */
class OutboxStoreTest {

    @TempDir
    Path dir;

    private DerbyStore open(long capacity, OutboxPolicy policy) {
        return DerbyStore.open(dir, CLOCK, StoreOptions.defaults(), OutboxSettings.of(capacity, policy));
    }

    @Test
    void everyCommittedBatchIsQueuedAndSurvivesACrash() {
        List<Reading> first = poll(3, 1);
        List<Reading> second = poll(3, 2);
        try (var store = open(1000, OutboxPolicy.REFUSE_NEW)) {
            store.append("test/src", first);
            store.append("test/src", second);
            // a batch of duplicates only is not a ledger entry and queues nothing
            store.append("test/src", first);
            store.append("test/src", List.of(reading("m0", 1, 10.0), reading("m9", 3, 5.0)));
            store.abandon(); // as a crash: no flush, no close
        }
        try (var store = open(1000, OutboxPolicy.REFUSE_NEW)) {
            var entries = store.peek(0, 1000);
            assertEquals(3, entries.size());
            assertEquals(first, entries.get(0).readings());
            assertEquals(second, entries.get(1).readings());
            assertEquals(List.of(reading("m9", 3, 5.0)), entries.get(2).readings(), "only what the batch accepted");
            assertTrue(entries.get(0).id() < entries.get(1).id() && entries.get(1).id() < entries.get(2).id());
            assertEquals(store.head().orElseThrow().batchId(), entries.get(2).id(), "entry id = ledger batch id");
            var st = store.outboxStatus();
            assertEquals(7, st.readings());
            assertEquals(3, st.entries());
            assertEquals(CLOCK.instant(), st.oldest().orElseThrow());

            // peek stops at maxReadings (whole entries, at least one) and continues after a given id
            assertEquals(1, store.peek(0, 2).size());
            assertEquals(2, store.peek(0, 6).size());
            assertEquals(List.of(entries.get(2)), store.peek(entries.get(1).id(), 1000).stream()
                    .map(e -> new OutboxEntry(e.id(), e.queuedAt(), e.readings())).toList());

            assertEquals(2, store.acknowledge(entries.get(0).id(), entries.get(1).id()));
            assertEquals(0, store.acknowledge(entries.get(0).id(), entries.get(1).id()), "a repeated ack is harmless");
            assertEquals(1, store.outboxStatus().readings());
        }
        try (var store = open(1000, OutboxPolicy.REFUSE_NEW)) {
            assertEquals(1, store.peek(0, 1000).size(), "the acknowledgement was durable");
            assertEquals(1, store.outboxStatus().readings());
            assertTrue(store.verify() instanceof VerificationReport.Intact, "the outbox is outside the ledger");
        }
    }

    @Test
    void refuseNewRefusesTheBatchThatDoesNotFitAndTakesItAfterTheAck() {
        try (var store = open(10, OutboxPolicy.REFUSE_NEW)) {
            store.append("test/src", poll(6, 1));
            var e = assertThrows(IllegalStateException.class, () -> store.append("test/src", poll(6, 2)));
            assertTrue(e.getMessage().contains("outbox is full (6 of 10 readings queued, policy refuse-new)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the driver keeps them"), e.getMessage());
            assertEquals(6, store.readingCount(), "the refused batch was not stored");
            // duplicates need no room: the same batch again is taken (nothing new)
            assertEquals(6, store.append("test/src", poll(6, 1)).outcomes().size());
            // a batch of 4 still fits exactly
            store.append("test/src", poll(4, 3));
            assertEquals(10, store.outboxStatus().readings());
            assertEquals(1, store.outboxStatus().refusedBatches());
            var first = store.peek(0, 100).get(0);
            store.acknowledge(first.id(), first.id());
            store.append("test/src", poll(6, 2));
            assertEquals(16, store.readingCount());
            assertEquals(10, store.outboxStatus().readings());
        }
    }

    @Test
    void refuseNewInsideOneGroupRefusesOnlyTheBatchThatDoesNotFit() throws Exception {
        try (var store = open(5, OutboxPolicy.REFUSE_NEW)) {
            var started = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            store.pauseWriter(started, release);
            started.await();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                var a = pool.submit(() -> store.append("test/a", poll(3, 1)));
                Thread.sleep(100);
                var b = pool.submit(() -> store.append("test/b", poll(3, 2)));
                Thread.sleep(100);
                var c = pool.submit(() -> store.append("test/c", poll(2, 3)));
                Thread.sleep(100);
                release.countDown();
                assertEquals(3, a.get().outcomes().size());
                var failure = assertThrows(java.util.concurrent.ExecutionException.class, b::get);
                assertTrue(failure.getCause().getMessage().contains("outbox is full"), failure.getCause().getMessage());
                assertEquals(2, c.get().outcomes().size());
                assertEquals(5, store.readingCount());
                assertEquals(5, store.outboxStatus().readings());
                assertFalse(store.readings("m0", Fixtures.E, Fixtures.T0, Fixtures.T0.plusSeconds(3600)).stream()
                        .anyMatch(r -> r.timestamp().equals(Fixtures.T0.plusSeconds(120))), "b's reading not stored");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void dropOldestDropsWholeOldEntriesCountsAndRecordsThem() {
        try (var store = open(10, OutboxPolicy.DROP_OLDEST)) {
            store.append("test/src", poll(4, 1));
            store.append("test/src", poll(4, 2));
            store.append("test/src", poll(4, 3)); // 12 > 10: the oldest entry (4 readings) goes
            var entries = store.peek(0, 100);
            assertEquals(2, entries.size());
            assertEquals(poll(4, 2), entries.get(0).readings());
            assertEquals(8, store.outboxStatus().readings());
            assertEquals(4, store.outboxStatus().droppedReadings());
            assertEquals(12, store.readingCount(), "dropping from the outbox never touches the stored readings");
            var record = store.get("outbox", "dropped").orElseThrow();
            assertTrue(record.text().contains("droppedReadings=4"), record.text());
            assertTrue(store.verify() instanceof VerificationReport.Intact);
        }
        try (var store = open(10, OutboxPolicy.DROP_OLDEST)) {
            assertEquals(4, store.outboxStatus().droppedReadings(), "the drop count is durable");
        }
    }

    @Test
    void withoutCapacityNothingIsQueued() {
        try (var store = Fixtures.open(dir)) {
            store.append("test/src", poll(3, 1));
            assertFalse(store.outboxStatus().enabled());
            assertTrue(store.peek(0, 100).isEmpty());
        }
    }
}
