package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.HeldSpan;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers, the flush and many writers at once (issue 11): readers never reach the writer's connection, appends
 * never wait for a verify, a scan or a flush, and concurrent batches share durable commits. No assertion on time:
 * the blocking parties are held on latches while the others are shown to complete.
 */
class ConcurrencyTest {

    @TempDir
    Path dir;

    /** One meter's readings at 1 s from T0: {@code count} readings, value = index. */
    private static List<Reading> series(String meter, int from, int count) {
        var out = new ArrayList<Reading>(count);
        for (int i = from; i < from + count; i++) {
            out.add(new Reading(meter, E, T0.plusSeconds(i), i, Quality.GOOD, "test/src"));
        }
        return out;
    }

    private static Reading at(String meter, int second, double value) {
        return new Reading(meter, E, T0.plusSeconds(second), value, Quality.GOOD, "test/src");
    }

    /** Loads 5,000 readings of m0 into blocks (and 100 more into the memtable). */
    private static void loadLongSeries(DerbyStore store) {
        for (int i = 0; i < 5_000; i += 500) {
            store.append("test/src", series("m0", i, 500));
        }
        store.flush();
        store.append("test/src", series("m0", 5_000, 100));
    }

    /** The Ctrl-C-during-export defect: an interrupted reader closed the store's one connection. */
    @Test
    void ctrlCDuringExportAReaderInterruptedInTheMiddleOfAScanLeavesAppendsWorking() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 100)) {
            loadLongSeries(store);
            var failure = new AtomicReference<Throwable>();
            var passed = new long[1];
            var reader = new Thread(() -> {
                try {
                    store.scan("m0", E, T0, T0.plusSeconds(10_000), r -> {
                        if (++passed[0] == 150) {
                            Thread.currentThread().interrupt(); // as Ctrl-C does to the console's command thread
                        }
                        return true;
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            reader.join();
            assertNotNull(failure.get(), "the interrupted scan ends with an exception");
            assertTrue(failure.get().getMessage().contains("interrupted"), failure.get().getMessage());
            assertTrue(passed[0] < 5_100, "the scan stopped early");

            // interrupted inside Derby: a query and a verify on a thread whose interrupt flag is set
            var queryFailure = new AtomicReference<Throwable>();
            var q = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    store.readings("m0", E, T0, T0.plusSeconds(10_000));
                    store.latestBefore("m0", E, T0.plusSeconds(2_000));
                    store.verify();
                } catch (Throwable t) {
                    queryFailure.set(t);
                }
            });
            q.start();
            q.join();

            var result = store.append("test/src", series("m1", 0, 3));
            assertTrue(result.outcomes().stream().allMatch(IngestOutcome.Accepted.class::isInstance));
            assertEquals(5_103, store.readingCount());
            assertEquals(5_100, store.readings("m0", E, T0, T0.plusSeconds(10_000)).size());
            assertEquals(new HeldSpan(T0, T0.plusSeconds(5_099)), store.heldSpan().orElseThrow());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            store.flush();
            assertInstanceOf(IngestOutcome.Accepted.class,
                    store.append("test/src", List.of(at("m1", 3, 3.0))).outcomes().get(0));
        }
    }

    /**
     * Readers interrupted at random moments, with a page cache so small that their reads do real file I/O (where
     * Derby sees the interrupt), while a writer appends: every append succeeds, the store never becomes unavailable.
     */
    @Test
    void readersInterruptedDuringFileIoNeverReachTheWriter() throws Exception {
        var options = new StoreOptions(40, 1_000_000, 960);
        try (var store = DerbyStore.open(dir, Fixtures.CLOCK, options)) {
            for (int m = 0; m < 20; m++) {
                for (int i = 0; i < 6_000; i += 2_000) {
                    store.append("test/src", series("s" + m, i, 2_000));
                }
            }
            store.flush();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            var readers = new ArrayList<Thread>();
            var readerErrors = new java.util.concurrent.atomic.AtomicInteger();
            var brokenVerifies = new java.util.concurrent.atomic.AtomicInteger();
            for (int r = 0; r < 3; r++) {
                int seed = r;
                var t = new Thread(() -> {
                    var random = new java.util.Random(seed);
                    while (!stop.get()) {
                        try {
                            var meter = "s" + random.nextInt(20);
                            switch (random.nextInt(3)) {
                                case 0 -> store.scan(meter, E, T0, T0.plusSeconds(6_000), x -> true);
                                case 1 -> store.latestBefore(meter, E, T0.plusSeconds(random.nextInt(6_000)));
                                default -> {
                                    if (!(store.verify() instanceof VerificationReport.Intact)) {
                                        brokenVerifies.incrementAndGet();
                                    }
                                }
                            }
                        } catch (RuntimeException e) {
                            readerErrors.incrementAndGet();
                        }
                        Thread.interrupted(); // clear a late interrupt before the next read
                    }
                });
                readers.add(t);
                t.start();
            }
            var random = new java.util.Random(7);
            for (int i = 0; i < 300; i++) {
                var r = store.append("test/src", List.of(at("w", i, i)));
                assertTrue(r.ledgerEntry().isPresent(), "append " + i);
                var victim = readers.get(random.nextInt(readers.size()));
                victim.interrupt();
            }
            stop.set(true);
            for (var t : readers) {
                t.interrupt();
                t.join();
            }
            assertTrue(store.available());
            assertEquals(0, brokenVerifies.get(), "a verify that ran alongside the appends found the ledger intact");
            assertEquals(0, store.recoveries(), "no reader's interrupt reached the writer or the flusher");
            assertEquals(300, store.readings("w", E, T0, T0.plusSeconds(300)).size());
            store.flush();
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            // seen here: "Connection closed by unknown interrupt." from Derby on reader connections, never on the writer's
            assertTrue(readerErrors.get() <= store.session().readers.discarded(),
                    "every failed or interrupted read dropped its connection");
        }
    }

    /**
     * Scans while flushes merge late readings into existing blocks and split them (blocks move under the scan): every
     * reading stored before a scan started is passed exactly once, in time order; a verify run meanwhile is intact.
     */
    @Test
    void scansStayCompleteAndOrderedWhileFlushesRewriteBlocks() throws Exception {
        try (var store = Fixtures.open(dir, 25, 6)) {
            for (int s = 0; s < 1_200; s += 2) {
                store.append("test/src", List.of(at("m", s, s)));
            }
            store.flush();
            var odd = new ArrayList<Integer>();
            for (int s = 1; s < 1_200; s += 2) {
                odd.add(s);
            }
            java.util.Collections.shuffle(odd, new java.util.Random(3));
            var writer = CompletableFuture.runAsync(() -> {
                for (int s : odd) { // late readings: merged into existing blocks by the background flushes
                    store.append("test/src", List.of(at("m", s, s)));
                }
            });
            int scans = 0;
            while (!writer.isDone() || scans < 3) {
                var seen = new ArrayList<Long>();
                store.scan("m", E, T0, T0.plusSeconds(1_200), r -> seen.add(r.timestamp().getEpochSecond()
                        - T0.getEpochSecond()));
                for (int i = 1; i < seen.size(); i++) {
                    assertTrue(seen.get(i) > seen.get(i - 1), "strictly ascending, no repeat: " + seen);
                }
                var set = new java.util.HashSet<>(seen);
                for (long e = 0; e < 1_200; e += 2) {
                    assertTrue(set.contains(e), "reading " + e + " stored before the scan is missing (scan " + scans
                            + ")");
                }
                assertInstanceOf(VerificationReport.Intact.class, store.verify(), "verify alongside appends and flushes");
                scans++;
            }
            writer.get();
            assertEquals(1_200, store.readings("m", E, T0, T0.plusSeconds(1_200)).size());
            store.flush();
            assertEquals(1_200, store.readings("m", E, T0, T0.plusSeconds(1_200)).size());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    /** A verify held in the middle (its chunk blocked on a latch) does not hold up appends from other threads. */
    @Test
    void anAppendDoesNotWaitForARunningVerify() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 100)) {
            loadLongSeries(store);
            var entered = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            store.beforeVerify = () -> {
                entered.countDown();
                awaitQuietly(release);
            };
            var verify = CompletableFuture.supplyAsync(store::verify);
            entered.await();
            long commitsBefore = store.commits();
            for (int i = 0; i < 20; i++) {
                var r = store.append("test/src", List.of(at("m1", i, i)));
                assertTrue(r.ledgerEntry().isPresent(), "committed while the verify is held");
            }
            assertEquals(commitsBefore + 20, store.commits());
            assertFalse(verify.isDone(), "the verify is still held");
            release.countDown();
            assertInstanceOf(VerificationReport.Intact.class, verify.get());
            store.beforeVerify = () -> { };
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    /** A long scan whose sink is blocked does not hold up appends; the scan then sees a consistent series. */
    @Test
    void anAppendDoesNotWaitForALongScan() throws Exception {
        try (var store = Fixtures.open(dir, 1_000_000, 100)) {
            loadLongSeries(store);
            var entered = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var seen = new ArrayList<Reading>();
            var scan = CompletableFuture.supplyAsync(() -> store.scan("m0", E, T0, T0.plusSeconds(20_000), r -> {
                seen.add(r);
                if (seen.size() == 10) {
                    entered.countDown();
                    awaitQuietly(release);
                }
                return true;
            }));
            entered.await();
            for (int i = 0; i < 20; i++) {
                assertTrue(store.append("test/src", series("m0", 5_100 + 10 * i, 10)).ledgerEntry().isPresent());
            }
            store.flush(); // and a flush completes while the scan holds its cursor
            assertFalse(scan.isDone());
            release.countDown();
            long n = scan.get();
            assertEquals(n, seen.size());
            assertTrue(n >= 5_100, "at least what was stored when the scan started: " + n);
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(T0.plusSeconds(i), seen.get(i).timestamp(), "in time order, no gap, no repeat");
            }
        }
    }

    /** An append never runs a flush: with the flush held inside its transaction, appends complete and commit. */
    @Test
    void anAppendNeverRunsAFlush() throws Exception {
        try (var store = Fixtures.open(dir, 30, 8)) {
            var entered = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            store.session().flusher.beforeCommit = () -> {
                entered.countDown();
                awaitQuietly(release);
            };
            int second = 0;
            for (; second < 15; second++) {
                store.append("test/src", List.of(at("m0", second, second), at("m1", second, -second)));
            }
            entered.await(); // 30 readings: the size trigger fired and the flush is now held before its commit
            int heldAt = second;
            for (int i = 0; i < 100; i++, second++) {
                var r = store.append("test/src", List.of(at("m0", second, second), at("m1", second, -second)));
                assertTrue(r.outcomes().stream().allMatch(IngestOutcome.Accepted.class::isInstance));
            }
            // readings being flushed (frozen) are still known: a resubmission is a duplicate, another value a conflict
            var again = store.append("test/src", List.of(at("m0", 0, 0), at("m0", 1, 99.0)));
            assertInstanceOf(IngestOutcome.Duplicate.class, again.outcomes().get(0));
            assertInstanceOf(IngestOutcome.Conflict.class, again.outcomes().get(1));
            assertEquals(2L * second, store.readingCount());
            assertEquals(second, store.readings("m0", E, T0, T0.plusSeconds(second)).size());
            assertTrue(heldAt > 0);
            release.countDown();
            store.session().flusher.beforeCommit = () -> { };
            store.flush();
            assertEquals(0, store.memtableSize());
            assertEquals(second, store.readings("m1", E, T0, T0.plusSeconds(second)).size());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    /**
     * Group commit: batches that arrive while the writer is busy are stored in one durable commit, each acknowledged
     * only after it; every acknowledged batch survives a crash.
     */
    @Test
    void concurrentBatchesShareOneCommitAndAcknowledgedBatchesSurviveACrash() throws Exception {
        int threads = 16;
        var store = Fixtures.open(dir, 1_000_000, 100);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var started = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var paused = store.pauseWriter(started, release);
            started.await();
            var results = new ArrayList<CompletableFuture<StoreResult>>();
            for (int t = 0; t < threads; t++) {
                var meter = "d" + t;
                results.add(CompletableFuture.supplyAsync(() -> store.append("dev/" + meter,
                        List.of(at(meter, 0, 1.0), at(meter, 1, 2.0), at(meter, 2, 3.0))), pool));
            }
            for (int i = 0; i < 100_000 && store.queued() < threads; i++) {
                Thread.sleep(1); // waiting for the submitters to queue (bounded), not measuring time
            }
            assertEquals(threads, store.queued(), "every batch waits behind the paused writer");
            assertFalse(results.get(0).isDone(), "not acknowledged before its commit");
            long before = store.commits();
            release.countDown();
            paused.get();
            var ids = new java.util.TreeSet<Long>();
            for (var r : results) {
                ids.add(r.get().ledgerEntry().orElseThrow().batchId());
            }
            assertEquals(threads, ids.size(), "one ledger entry per batch");
            assertEquals(before + 1, store.commits(), threads + " batches, one durable commit");

            // many writers without a pause: fewer commits than batches is likely but not asserted; all stored
            var more = new ArrayList<CompletableFuture<StoreResult>>();
            for (int t = 0; t < threads; t++) {
                var meter = "d" + t;
                more.add(CompletableFuture.supplyAsync(() -> {
                    StoreResult last = null;
                    for (int s = 3; s < 60; s += 3) {
                        last = store.append("dev/" + meter, List.of(at(meter, s, s), at(meter, s + 1, s + 1),
                                at(meter, s + 2, s + 2)));
                    }
                    return last;
                }, pool));
            }
            for (var m : more) {
                assertTrue(m.get().ledgerEntry().isPresent());
            }
            store.abandon();
        } finally {
            pool.shutdown();
            store.abandon();
        }
        try (var reopened = Fixtures.open(dir, 1_000_000, 100)) {
            assertEquals(threads * 60L, reopened.readingCount(), "every acknowledged reading survived the crash");
            for (int t = 0; t < threads; t++) {
                assertEquals(60, reopened.readings("d" + t, E, T0, T0.plusSeconds(60)).size());
            }
            assertInstanceOf(VerificationReport.Intact.class, reopened.verify());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
