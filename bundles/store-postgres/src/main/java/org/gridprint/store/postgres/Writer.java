package org.gridprint.store.postgres;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.api.store.WindowWriteResult;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread owns the writer's connection, assigns entry ids and extends the hash chain. Callers
 * queue their batch and wait; the thread takes every batch waiting (up to {@code maxGroupBatches}) into one
 * transaction and one durable commit (group commit) and only then acknowledges each caller. A caller's interrupt
 * never reaches the writer's connection. When the connection is lost, the group fails (nothing of it was
 * acknowledged), appends are refused at once, and the thread reconnects with capped back-off.
 */
final class Writer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    private static final long FIRST_RETRY_MILLIS = 500;

    private sealed interface Job permits AppendJob, EmissionJob, WindowJob, RegisterJob, Wake, Stop {
    }

    private record WindowJob(List<EmissionWindow> windows, String reason, CompletableFuture<WindowWriteResult> done)
            implements Job {
    }

    /** A register put; {@code expectedVersion} -1 for a plain put. */
    private record RegisterJob(String register, String key, String text, String reason, int expectedVersion,
            CompletableFuture<Optional<RegisterRecord>> done) implements Job {
    }

    /** Wakes the writer to write pending meter metadata. */
    private record Wake() implements Job {
    }

    private record AppendJob(String source, List<Reading> readings, CompletableFuture<StoreResult> done)
            implements Job {
    }

    private record EmissionJob(List<EmissionRecord> records, CompletableFuture<Integer> done) implements Job {
    }

    private record Stop() implements Job {
    }

    private final DataSource ds;
    private final PostgresOptions options;
    private final Clock clock;
    private final Availability availability;
    private final Anchors anchors;
    private final Masking masking;
    private final String where;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    /** Meter metadata not written yet, newest per meter id (kept while the server is away). */
    private final ConcurrentHashMap<String, Meter> pendingMeters = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean anchorOnClose = true;
    private volatile Head published = Head.EMPTY;
    private volatile long commits;
    private WriterSession session;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long nextAttemptNanos;
    private long lastAnchorNanos;
    private long anchoredId = -1;

    Writer(DataSource ds, PostgresOptions options, Clock clock, Availability availability, Anchors anchors,
            String where) {
        this.ds = ds;
        this.options = options;
        this.clock = clock;
        this.availability = availability;
        this.anchors = anchors;
        this.masking = options.masking();
        this.where = where;
        this.thread = new Thread(this::run, "gridprint-postgres-writer");
        thread.setDaemon(true);
    }

    /** Tries the first connection here (so a reachable server is ready when this returns), then starts the thread. */
    void start() {
        connect();
        thread.start();
    }

    Optional<LedgerEntry> head() {
        return published.entry();
    }

    long readingCount() {
        return published.readings();
    }

    /** Jobs waiting for the writer thread (for tests). */
    int queued() {
        return queue.size();
    }

    /** Durable commits so far (one per group). */
    long commits() {
        return commits;
    }

    StoreResult append(String source, List<Reading> readings) {
        var done = new CompletableFuture<StoreResult>();
        submit(new AppendJob(source, readings, done), done);
        return await(done, "the batch of " + readings.size() + " readings from " + source);
    }

    int storeEmissions(List<EmissionRecord> records) {
        var done = new CompletableFuture<Integer>();
        submit(new EmissionJob(List.copyOf(records), done), done);
        return await(done, records.size() + " emission records");
    }

    WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
        var done = new CompletableFuture<WindowWriteResult>();
        submit(new WindowJob(List.copyOf(windows), reason, done), done);
        return await(done, windows.size() + " emission windows");
    }

    Optional<RegisterRecord> put(String register, String key, String text, String reason, int expectedVersion) {
        var done = new CompletableFuture<Optional<RegisterRecord>>();
        submit(new RegisterJob(register, key, text, reason, expectedVersion, done), done);
        return await(done, "register " + register + " key " + key);
    }

    /**
     * Records meter metadata without waiting: the writer upserts it before its next batches, and keeps it while the
     * server is away (metadata is not ledgered; nobody waits for it).
     */
    void registerMeter(Meter meter) {
        pendingMeters.put(meter.id(), meter);
        queue.add(new Wake());
    }

    private void submit(Job job, CompletableFuture<?> done) {
        if (!availability.available() || closing) {
            throw new IllegalStateException(availability.refusal());
        }
        queue.add(job);
    }

    private <T> T await(CompletableFuture<T> done, String what) {
        try {
            while (true) {
                try {
                    return done.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    if (!thread.isAlive()) {
                        throw new IllegalStateException("PostgreSQL store: the writer thread has ended; " + what
                                + " was not stored");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PostgreSQL store: interrupted while waiting for the commit of " + what
                    + "; it may still be stored (submitting it again is safe: duplicates are counted, not stored)");
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(masking.describe(cause), cause);
        }
    }

    // ------------------------------------------------------------------ the writer thread

    private void run() {
        try {
            while (true) {
                if (session == null && !closing && System.nanoTime() - nextAttemptNanos >= 0) {
                    connect();
                }
                long wait = session == null
                        ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime()))
                        : options.anchorInterval().toMillis();
                Job first = queue.poll(wait, TimeUnit.MILLISECONDS);
                writeMeters();
                if (first == null) {
                    idle();
                    continue;
                }
                if (first instanceof Stop) {
                    break;
                }
                if (first instanceof Wake) {
                    continue;
                }
                var group = new ArrayList<Job>();
                group.add(first);
                boolean stop = false;
                while (group.size() < options.maxGroupBatches()) {
                    var next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next instanceof Stop) {
                        stop = true;
                        break;
                    }
                    if (!(next instanceof Wake)) {
                        group.add(next);
                    }
                }
                runGroup(group);
                if (stop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            LOG.warn("PostgreSQL store writer interrupted; it stops");
        } finally {
            for (Job j; (j = queue.poll()) != null;) {
                fail(j, new IllegalStateException(availability.refusal()));
            }
            if (session != null) {
                writeMeters();
            }
            if (session != null) {
                if (anchorOnClose) {
                    maybeAnchor(true);
                }
                session.close();
                session = null;
            }
        }
    }

    /** Nothing to write for an anchor interval: anchor the head, and find out now whether the server went away. */
    private void idle() {
        if (session != null && !session.valid()) {
            lose(new SQLException("the writer's connection no longer answers a validity check", "08006"));
            return;
        }
        maybeAnchor(false);
    }

    /** Upserts the pending meter metadata; kept for later when the connection is lost, dropped (logged) when refused. */
    private void writeMeters() {
        if (session == null || pendingMeters.isEmpty()) {
            return;
        }
        var batch = List.copyOf(pendingMeters.values());
        try {
            session.upsertMeters(batch, clock.millis());
            batch.forEach(m -> pendingMeters.remove(m.id(), m));
        } catch (SQLException | RuntimeException e) {
            if (Failures.connectionLost(e) || !session.valid()) {
                lose(e);
            } else {
                batch.forEach(m -> pendingMeters.remove(m.id(), m));
                LOG.error("PostgreSQL store: metadata of meters {} was not stored: {}",
                        batch.stream().map(Meter::id).toList(), masking.describe(e));
            }
        }
    }

    /** One connection attempt; on failure the store is (still) unavailable and the next attempt is scheduled. */
    private void connect() {
        try {
            session = WriterSession.open(ds, options.schema(), clock, where);
            published = session.head();
            retryMillis = FIRST_RETRY_MILLIS;
            availability.restored();
            maybeAnchor(true);
        } catch (SQLException | RuntimeException e) {
            session = null;
            availability.lost(Failures.connectionLost(e) || Failures.isLogin(e), Failures.reason(e, masking));
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryMillis);
            retryMillis = Math.min(retryMillis * 2, options.maxRetry().toMillis());
        }
    }

    private void runGroup(List<Job> group) {
        if (session == null) {
            group.forEach(j -> fail(j, new IllegalStateException(availability.refusal())));
            return;
        }
        var before = session.head();
        var results = new ArrayList<Object>(group.size());
        try {
            var all = new ArrayList<Reading>();
            for (var j : group) {
                if (j instanceof AppendJob a) {
                    all.addAll(a.readings());
                }
            }
            session.prepareCatalog(all);
            for (var j : group) {
                if (j instanceof WindowJob w) {
                    session.prepareWindows(w.windows());
                }
            }
            long now = clock.millis();
            var batches = new ArrayList<ReadingAppend.Batch>();
            for (var j : group) {
                if (j instanceof AppendJob a) {
                    batches.add(new ReadingAppend.Batch(a.source(), a.readings()));
                } else if (j instanceof EmissionJob e) {
                    // consecutive batches go in together; an emission job takes the next entry id after them
                    results.addAll(appendAll(batches, now));
                    results.add(session.storeEmissions(e.records(), now));
                } else if (j instanceof WindowJob w) {
                    results.addAll(appendAll(batches, now));
                    results.add(session.storeWindows(w.windows(), w.reason(), now));
                } else if (j instanceof RegisterJob r) {
                    results.addAll(appendAll(batches, now));
                    results.add(session.put(r.register(), r.key(), r.text(), r.reason(), r.expectedVersion(), now));
                }
            }
            results.addAll(appendAll(batches, now));
            session.commit();
        } catch (SQLException | RuntimeException e) {
            session.rollbackQuietly();
            session.restore(before);
            if (Failures.connectionLost(e) || !session.valid()) {
                lose(e);
                group.forEach(j -> fail(j, new IllegalStateException(availability.refusal()
                        + "; this batch was not acknowledged (the drivers keep it)")));
            } else if (group.size() > 1) {
                // one batch broke the group's transaction: commit the others on their own
                for (var j : group) {
                    runGroup(List.of(j));
                }
            } else {
                fail(group.get(0), new IllegalStateException("PostgreSQL store: " + describe(group.get(0))
                        + " was not stored: " + masking.describe(e)));
            }
            return;
        }
        commits++;
        published = session.head();
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
        }
        maybeAnchor(false);
    }

    /** Appends the batches collected so far and empties the list. */
    private List<StoreResult> appendAll(List<ReadingAppend.Batch> batches, long now) throws SQLException {
        if (batches.isEmpty()) {
            return List.of();
        }
        var out = session.append(batches, now);
        batches.clear();
        return out;
    }

    private void lose(Exception e) {
        session.close();
        session = null;
        availability.lost(Failures.reason(e, masking));
        retryMillis = FIRST_RETRY_MILLIS;
        nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryMillis);
        retryMillis = Math.min(retryMillis * 2, options.maxRetry().toMillis());
    }

    private void maybeAnchor(boolean force) {
        var entry = published.entry();
        if (session == null || entry.isEmpty() || entry.get().batchId() == anchoredId) {
            return;
        }
        if (!force && System.nanoTime() - lastAnchorNanos < options.anchorInterval().toNanos()) {
            return;
        }
        if (anchors.anchor(entry.get())) {
            anchoredId = entry.get().batchId();
            lastAnchorNanos = System.nanoTime();
        }
    }

    private static String describe(Job j) {
        if (j instanceof AppendJob a) {
            return "the batch of " + a.readings().size() + " readings from " + a.source();
        }
        if (j instanceof EmissionJob e) {
            return e.records().size() + " emission records";
        }
        if (j instanceof WindowJob w) {
            return w.windows().size() + " emission windows";
        }
        if (j instanceof RegisterJob r) {
            return "register " + r.register() + " key " + r.key();
        }
        return j.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static void complete(Job j, Object result) {
        if (j instanceof AppendJob a) {
            a.done().complete((StoreResult) result);
        } else if (j instanceof EmissionJob e) {
            e.done().complete((Integer) result);
        } else if (j instanceof WindowJob w) {
            w.done().complete((WindowWriteResult) result);
        } else if (j instanceof RegisterJob r) {
            r.done().complete((Optional<RegisterRecord>) result);
        }
    }

    private static void fail(Job j, RuntimeException e) {
        if (j instanceof AppendJob a) {
            a.done().completeExceptionally(e);
        } else if (j instanceof EmissionJob m) {
            m.done().completeExceptionally(e);
        } else if (j instanceof WindowJob w) {
            w.done().completeExceptionally(e);
        } else if (j instanceof RegisterJob r) {
            r.done().completeExceptionally(e);
        }
    }

    /** Commits what is queued, anchors the head and closes the connection. */
    @Override
    public void close() {
        close(true);
    }

    /** Like {@link #close()}; without the final anchor when {@code anchorHead} is false (a crash, for tests). */
    void close(boolean anchorHead) {
        anchorOnClose = anchorHead;
        closing = true;
        queue.add(new Stop());
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("PostgreSQL store writer did not stop within 60 s");
        }
    }
}
