package org.gridprint.http.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.junit.jupiter.api.Test;

/** Group commit: requests queued behind a running submit go in together, each gets its own slice of outcomes. */
class IngestCoalescerTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** An ingest service following the contract (one outcome per reading, in order); the first call waits. */
    static final class SlowIngest implements IngestService {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final List<List<Reading>> batches = new ArrayList<>();
        volatile RuntimeException failure;

        @Override
        public IngestResult submit(String source, List<Reading> batch) {
            synchronized (batches) {
                batches.add(List.copyOf(batch));
            }
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            var outcomes = new ArrayList<IngestOutcome>();
            for (var r : batch) {
                outcomes.add(r.value() < 0 ? new IngestOutcome.Duplicate(r) : new IngestOutcome.Accepted(r));
            }
            return new IngestResult(outcomes, Optional.of(new LedgerEntry(batches.size(), T0, batch.size(), "0", "h")));
        }
    }

    static List<Reading> readings(String meter, double... values) {
        var out = new ArrayList<Reading>();
        for (int i = 0; i < values.length; i++) {
            out.add(Reading.good(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(i), values[i], "http/u"));
        }
        return out;
    }

    static void awaitQueued(IngestCoalescer c, int n) throws InterruptedException {
        for (int i = 0; i < 600 && c.queued("http/u") < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, c.queued("http/u"));
    }

    @Test
    void requestsQueuedBehindACommitGoInOneBatchAndGetTheirOwnOutcomes() throws Exception {
        var ingest = new SlowIngest();
        var coalescer = new IngestCoalescer(10_000);
        var a = CompletableFuture.supplyAsync(() -> coalescer.submit(ingest, "http/u", readings("a", 1, 2)));
        assertTrue(ingest.entered.await(30, TimeUnit.SECONDS));
        var b = CompletableFuture.supplyAsync(() -> coalescer.submit(ingest, "http/u", readings("b", 3, -4, 5)));
        var c = CompletableFuture.supplyAsync(() -> coalescer.submit(ingest, "http/u", readings("c", -6)));
        awaitQueued(coalescer, 2);
        ingest.release.countDown();

        assertEquals(2, a.get(30, TimeUnit.SECONDS).outcomes().size());
        var rb = b.get(30, TimeUnit.SECONDS);
        var rc = c.get(30, TimeUnit.SECONDS);
        assertEquals(2, ingest.batches.size(), "one batch for a, one for b and c together");
        assertEquals(4, ingest.batches.get(1).size());
        assertEquals(List.of("b", "b", "b"), rb.outcomes().stream().map(o -> o.reading().meterId()).toList());
        assertEquals(-4.0, rb.outcomes().get(1).reading().value(), 0);
        assertTrue(rb.outcomes().get(1) instanceof IngestOutcome.Duplicate);
        assertTrue(rb.ledgerEntry().isPresent(), "b stored readings in batch 2");
        assertEquals(2, rb.ledgerEntry().get().batchId());
        assertEquals(1, rc.outcomes().size());
        assertEquals("c", rc.outcomes().get(0).reading().meterId());
        assertTrue(rc.ledgerEntry().isEmpty(), "c stored nothing (a duplicate): no ledger entry of its own");
    }

    @Test
    void aFailedSubmitFailsEveryRequestOfItsGroup() throws Exception {
        var ingest = new SlowIngest();
        var coalescer = new IngestCoalescer(10_000);
        var a = CompletableFuture.supplyAsync(() -> coalescer.submit(ingest, "http/u", readings("a", 1)));
        assertTrue(ingest.entered.await(30, TimeUnit.SECONDS));
        var b = CompletableFuture.supplyAsync(() -> coalescer.submit(ingest, "http/u", readings("b", 2)));
        var c = CompletableFuture.supplyAsync(() -> coalescer.submit(ingest, "http/u", readings("c", 3)));
        awaitQueued(coalescer, 2);
        var failure = new IllegalStateException("store down");
        ingest.failure = failure;
        ingest.release.countDown();
        for (var f : List.of(a, b, c)) {
            var e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertSame(failure, e.getCause());
        }
        assertEquals(2, ingest.batches.size());
    }
}
