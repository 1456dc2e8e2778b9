package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many writers submitting small batches at once, readers (scans, queries, verify) running beside them, and readers
 * that are interrupted: every reading is stored exactly once, entry ids have no gaps, the ledger verifies, and no
 * reader can break the writer. Loops are bounded; nothing asserts on time.
 */
public abstract class ConcurrencyContract extends StoreContractBase {

    protected static final int WRITERS = 8;
    protected static final int BATCHES_PER_WRITER = 40;
    private static final long TIMEOUT_MINUTES = 5;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** Writer w's batch b: 3 meters of its own at second b, each batch resubmitting the previous one's first reading. */
    private static List<Reading> batch(int w, int b) {
        var out = new ArrayList<Reading>(4);
        for (int m = 0; m < 3; m++) {
            out.add(reading("w" + w + "/m" + m, b, w * 1000.0 + b * 10 + m));
        }
        if (b > 0) {
            out.add(reading("w" + w + "/m0", b - 1, w * 1000.0 + (b - 1) * 10));
        }
        return out;
    }

    private List<Future<List<Long>>> startWriters(CountDownLatch start) {
        var futures = new ArrayList<Future<List<Long>>>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                start.await();
                var ids = new ArrayList<Long>();
                for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                    var result = store().append("writer/" + writer, batch(writer, b));
                    for (int i = 0; i < 3; i++) {
                        assertInstanceOf(IngestOutcome.Accepted.class, result.outcomes().get(i));
                    }
                    if (b > 0) {
                        assertInstanceOf(IngestOutcome.Duplicate.class, result.outcomes().get(3));
                    }
                    ids.add(result.ledgerEntry().orElseThrow().batchId());
                }
                return ids;
            }));
        }
        return futures;
    }

    private void assertEveryReadingOnceAndNoGaps(List<Future<List<Long>>> writers) throws Exception {
        var ids = new ArrayList<Long>();
        for (var f : writers) {
            ids.addAll(f.get(TIMEOUT_MINUTES, TimeUnit.MINUTES));
        }
        Collections.sort(ids);
        long total = (long) WRITERS * BATCHES_PER_WRITER;
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), ids, "entry ids without gaps or repeats");
        assertEquals(total * 3, store().readingCount());
        for (int w = 0; w < WRITERS; w++) {
            for (int m = 0; m < 3; m++) {
                var rs = store().readings("w" + w + "/m" + m, E, T0, T0.plusSeconds(BATCHES_PER_WRITER));
                assertEquals(BATCHES_PER_WRITER, rs.size());
                for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                    assertEquals(w * 1000.0 + b * 10 + m, rs.get(b).value());
                }
            }
        }
        assertEquals(total, assertIntact(ledger().verify()).batchesChecked());
    }

    @Test
    void concurrentWritersStoreEveryReadingOnce() throws Exception {
        var start = new CountDownLatch(1);
        var writers = startWriters(start);
        start.countDown();
        assertEveryReadingOnceAndNoGaps(writers);
    }

    @Test
    void readersRunBesideWritersWithoutHarm() throws Exception {
        var start = new CountDownLatch(1);
        var writers = startWriters(start);
        var done = new AtomicBoolean();
        var problems = new ConcurrentLinkedQueue<String>();
        var readers = new ArrayList<Future<?>>();
        readers.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 10_000 && !done.get(); i++) {
                var report = ledger().verify();
                if (report instanceof VerificationReport.Broken b) {
                    problems.add("verify during ingest: " + b.findings());
                }
            }
            return null;
        }));
        readers.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 100_000 && !done.get(); i++) {
                var last = new double[] {-1};
                store().scan("w" + (i % WRITERS) + "/m1", E, T0, T0.plusSeconds(BATCHES_PER_WRITER), r -> {
                    if (r.value() <= last[0]) {
                        problems.add("scan out of order: " + r);
                    }
                    last[0] = r.value();
                    return true;
                });
                store().latest("w0/m2", E);
            }
            return null;
        }));
        start.countDown();
        try {
            assertEveryReadingOnceAndNoGaps(writers);
        } finally {
            done.set(true);
        }
        for (var r : readers) {
            r.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        }
        assertTrue(problems.isEmpty(), problems::toString);
    }

    @Test
    void anInterruptedReaderLeavesAppendsWorking() throws Exception {
        for (int s = 0; s < 200; s++) {
            appendAccepted(poll(5, s));
        }
        harness.settle();
        for (int s = 200; s < 300; s++) {
            appendAccepted(poll(5, s));
        }
        for (int round = 0; round < 3; round++) {
            var running = new CountDownLatch(1);
            var stop = new AtomicBoolean();
            boolean scanning = round % 2 == 0;
            Future<?> reader = pool.submit(() -> {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    try {
                        if (scanning) {
                            store().scan("m" + (i % 5), E, T0, T0.plusSeconds(300), r -> {
                                running.countDown();
                                return true;
                            });
                        } else {
                            running.countDown();
                            ledger().verify();
                        }
                    } catch (RuntimeException expected) {
                        // an interrupted read may end with an exception; the store must not care
                    }
                }
                return null;
            });
            assertTrue(running.await(TIMEOUT_MINUTES, TimeUnit.MINUTES));
            reader.cancel(true); // interrupts the reader thread wherever it is
            stop.set(true);
            var next = append(poll(5, 1000 + round));
            assertTrue(next.outcomes().stream().allMatch(o -> o instanceof IngestOutcome.Accepted), next::toString);
        }
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(303, ledger().head().orElseThrow().batchId());
        assertEquals(303 * 5, store().readingCount());
        assertIntact(ledger().verify());
    }
}
