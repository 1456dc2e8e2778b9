package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer thread: group commit (batches waiting together share one transaction and one commit, each caller
 * acknowledged after it), an interrupted caller never reaches the writer's connection, one store per schema.
 * The writer is held deterministically by a table lock taken on a connection of the test's own.
 */
class WriterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private PostgresHarness harness;
    private PostgresStore store;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        harness = new PostgresHarness(getClass(), dir);
        harness.open();
        store = harness.store();
    }

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        harness.close();
    }

    private static List<Reading> poll(String meter, int second) {
        return List.of(new Reading(meter, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(second), second, Quality.GOOD,
                "test/" + meter), new Reading(meter, Quantity.ACTIVE_POWER, T0.plusSeconds(second), 2.5, Quality.GOOD,
                "test/" + meter));
    }

    /** A transaction holding an exclusive lock on the ledger table: the writer waits at its entry insert. */
    private Connection lockLedger() throws Exception {
        var server = TestServer.server();
        var p = new Properties();
        p.setProperty("user", server.user());
        p.setProperty("password", server.password());
        var c = new org.postgresql.Driver().connect(harness.options().url(), p);
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("LOCK TABLE " + harness.options().schema() + ".ledger_entry IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    /** Whether a session waits for a lock on the store's ledger table (the writer, held by {@code lock}). */
    private boolean writerWaitsForLock(Connection lock) {
        try (var st = lock.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT "
                + "granted AND relation = '" + harness.options().schema() + ".ledger_entry'::regclass")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void batchesWaitingTogetherShareOneCommitAndEachIsAcknowledgedAfterIt() throws Exception {
        store.append("warm-up", poll("warm", 0));
        long commitsBefore = store.commits();
        int batches = 24;
        var results = new ArrayList<Future<StoreResult>>();
        try (var lock = lockLedger()) {
            // the first batch takes the writer, which waits for the lock; the others queue behind it
            results.add(pool.submit(() -> store.append("test/d0", poll("d0", 1))));
            Waits.until(() -> writerWaitsForLock(lock), () -> "the writer waits for the ledger lock");
            for (int i = 1; i < batches; i++) {
                int meter = i;
                results.add(pool.submit(() -> store.append("test/d" + meter, poll("d" + meter, 1))));
            }
            Waits.until(() -> store.queued() == batches - 1, () -> "queued " + store.queued());
            assertTrue(results.stream().noneMatch(Future::isDone), "nothing is acknowledged before its commit");
            lock.commit();
        }
        var ids = new HashSet<Long>();
        for (var r : results) {
            var result = r.get(1, TimeUnit.MINUTES);
            result.outcomes().forEach(o -> assertInstanceOf(IngestOutcome.Accepted.class, o));
            ids.add(result.ledgerEntry().orElseThrow().batchId());
        }
        assertEquals(batches, ids.size());
        assertEquals(2, store.commits() - commitsBefore, "the first batch alone, then the 23 that waited in one");
        assertEquals(2 + batches * 2L, store.readingCount());
        assertInstanceOf(VerificationReport.Intact.class, store.verify());
    }

    @Test
    void batchesOfOneGroupSeeEachOthersReadings() throws Exception {
        var k = new Reading("k", Quantity.ACTIVE_ENERGY_IMPORT, T0, 1.0, Quality.GOOD, "test/k");
        var k2 = new Reading("k", Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(1), 5.0, Quality.GOOD, "test/k");
        var kOther = new Reading("k", Quantity.ACTIVE_ENERGY_IMPORT, T0, 2.0, Quality.GOOD, "test/k");
        var queued = List.of(List.of(k), List.of(k, k2), List.of(kOther, k2));
        var results = new ArrayList<Future<StoreResult>>();
        long commitsBefore = store.commits();
        try (var lock = lockLedger()) {
            var first = pool.submit(() -> store.append("test/x", poll("x", 1)));
            Waits.until(() -> writerWaitsForLock(lock), () -> "the writer waits for the ledger lock");
            for (var batch : queued) {
                int before = store.queued();
                results.add(pool.submit(() -> store.append("test/k", batch)));
                Waits.until(() -> store.queued() == before + 1, () -> "queued " + store.queued());
            }
            lock.commit();
            assertEquals(1, first.get(1, TimeUnit.MINUTES).ledgerEntry().orElseThrow().batchId());
        }
        var r1 = results.get(0).get(1, TimeUnit.MINUTES);
        var r2 = results.get(1).get(1, TimeUnit.MINUTES);
        var r3 = results.get(2).get(1, TimeUnit.MINUTES);
        assertInstanceOf(IngestOutcome.Accepted.class, r1.outcomes().get(0));
        assertEquals(2, r1.ledgerEntry().orElseThrow().batchId());
        assertInstanceOf(IngestOutcome.Duplicate.class, r2.outcomes().get(0), "accepted by the batch before");
        assertInstanceOf(IngestOutcome.Accepted.class, r2.outcomes().get(1));
        assertEquals(3, r2.ledgerEntry().orElseThrow().batchId());
        var conflict = assertInstanceOf(IngestOutcome.Conflict.class, r3.outcomes().get(0));
        assertEquals(1.0, conflict.storedValue());
        assertInstanceOf(IngestOutcome.Duplicate.class, r3.outcomes().get(1));
        assertEquals(4, r3.ledgerEntry().orElseThrow().batchId(), "a batch that quarantines gets an entry");
        assertEquals(2, store.commits() - commitsBefore);
        assertEquals(List.of(1.0, 5.0), store.readings("k", Quantity.ACTIVE_ENERGY_IMPORT, T0, T0.plusSeconds(9))
                .stream().map(Reading::value).toList());
        assertEquals(1, store.quarantine(10).size());
        assertInstanceOf(VerificationReport.Intact.class, store.verify());
    }

    @Test
    void anInterruptedCallerGetsAnErrorButTheWriterCommitsAndGoesOn() throws Exception {
        var thrown = new AtomicReference<Throwable>();
        Future<?> caller;
        try (var lock = lockLedger()) {
            caller = pool.submit(() -> {
                try {
                    store.append("test/x", poll("x", 7));
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            });
            Waits.until(() -> writerWaitsForLock(lock), () -> "the writer waits for the ledger lock");
            caller.cancel(true);
            Waits.until(() -> thrown.get() != null, () -> "the interrupted caller returned");
            lock.commit();
        }
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertTrue(thrown.get().getMessage().contains("interrupted while waiting for the commit"),
                thrown.get().getMessage());
        // the writer was never interrupted: the batch was committed and the store takes the next one
        var again = store.append("test/x", poll("x", 7));
        assertTrue(again.outcomes().stream().allMatch(o -> o instanceof IngestOutcome.Duplicate), again::toString);
        var next = store.append("test/x", poll("x", 8));
        assertTrue(next.outcomes().stream().allMatch(o -> o instanceof IngestOutcome.Accepted));
        assertEquals(2, next.ledgerEntry().orElseThrow().batchId());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aSecondStoreOnTheSameSchemaIsRefusedNamingIt() {
        var second = PostgresStore.open(harness.options(), java.time.Clock.systemUTC(), AlarmSink.NONE);
        try {
            assertFalse(second.available());
            var status = second.status();
            assertTrue(status.lastError().orElseThrow().contains("another Gridprint store is already writing schema "
                    + harness.options().schema()), status.lastError()::toString);
            var e = assertThrows(IllegalStateException.class, () -> second.append("x", poll("y", 1)));
            assertTrue(e.getMessage().contains("another Gridprint store"), e.getMessage());
        } finally {
            second.close();
        }
        assertTrue(store.append("test/y", poll("y", 1)).ledgerEntry().isPresent(), "the first store still writes");
    }

    @Test
    void aBatchTheStoreCannotHoldFailsAloneNamingTheReading() {
        var bad = new Reading("m\0x", Quantity.ACTIVE_POWER, T0, 1, Quality.GOOD, "s");
        var e = assertThrows(IllegalStateException.class, () -> store.append("test/bad", List.of(bad)));
        assertTrue(e.getMessage().contains("reading #0"), e.getMessage());
        var far = new Reading("m", Quantity.ACTIVE_POWER, Instant.MAX, 1, Quality.GOOD, "s");
        e = assertThrows(IllegalStateException.class, () -> store.append("test/bad", List.of(poll("ok", 1).get(0),
                far)));
        assertTrue(e.getMessage().contains("reading #1") && e.getMessage().contains("epoch-millisecond range"),
                e.getMessage());
        assertTrue(store.head().isEmpty(), "nothing was stored");
        assertEquals(1, store.append("test/ok", poll("ok", 1)).ledgerEntry().orElseThrow().batchId());
    }
}
