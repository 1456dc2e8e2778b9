package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.edge.Outbox;
import org.gridprint.api.edge.OutboxEntry;
import org.gridprint.api.edge.OutboxPolicy;
import org.gridprint.api.edge.OutboxStatus;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.IntensityStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowSink;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.api.store.WindowVersion;
import org.gridprint.api.store.WindowWriteResult;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.HeldSpan;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingSink;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.StoreAdmin;
import org.gridprint.api.store.StoreStatus;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading ledger, emission store and meter table in an embedded Apache Derby database: the DS component, its
 * threads and the service facade.
 *
 * <p>Threads: one <b>writer</b> thread owns the writer's connection; {@link #append} hands the batch to it (a
 * bounded queue) and waits for the result; the writer takes every batch waiting (up to {@value #MAX_GROUP_BATCHES}
 * batches or {@value #MAX_GROUP_READINGS} readings), stores them in ONE transaction (group commit) and then completes
 * every caller: a batch is acknowledged only after its commit. A caller's thread never touches a connection, so
 * interrupting it cannot harm the store. One <b>flusher</b> thread with its own connection writes the memtable into
 * block rows when it reaches the flush threshold or every {@code flushIntervalSeconds}; it also starts the daily
 * retention (a task of the writer thread). Queries, scans and verify run on the calling thread with a <b>reader</b>
 * connection from a small pool; verify holds the read side of the flush lock around each chunk.
 *
 * <p>Ledger (format 2, docs/ledger-spec.md): every committed batch that accepted or quarantined a reading is one
 * READINGS entry written by the writer thread; {@link #store} writes an EMISSIONS entry on the writer thread, the
 * retention a ROLLUP entry. The head is anchored in {@code ledger-head.log} by the writer thread (at most once per
 * anchor interval), on close and after every recovery; a verify saves its checkpoint on its reader connection.
 *
 * <p>Recovery: when Derby fails under the writer or the flusher, the store becomes unavailable (batches are refused
 * with a clear text, the drivers keep them), one STORE_UNAVAILABLE alarm is raised, everything is closed and the
 * writer thread reopens the database with back-off (1 s doubling to 60 s), reloading the state; then the alarm
 * clears. See README.md for tables, byte layouts and the canonical hash encoding.
 *
 * <p>Without OSGi: {@link #open(Path, Clock, StoreOptions)} and {@link #close()}.
 */
@Designate(ocd = Config.class)
@Component(configurationPid = DerbyStore.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = { ReadingStore.class, LedgerService.class, EmissionStore.class, StoreAdmin.class,
                EmissionWindowStore.class, RecordRegister.class, IntensityStore.class, Outbox.class })
public class DerbyStore implements ReadingStore, LedgerService, EmissionStore, StoreAdmin, EmissionWindowStore,
        RecordRegister, IntensityStore, Outbox, AutoCloseable {

    public static final String PID = "org.gridprint.store.derby";
    static final int QUEUE_CAPACITY = 4096;
    static final int MAX_GROUP_BATCHES = 256;
    static final int MAX_GROUP_READINGS = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(DerbyStore.class);
    private static final Object KICK = new Object();
    private static final Object STOP = new Object();

    /** A flush asked for by {@link #flush()}. */
    private record FlushRequest(CompletableFuture<Integer> done) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private Path dir;
    private Clock clock;
    private StoreOptions options;
    private OutboxSettings outboxSettings = OutboxSettings.OFF;
    /** Drop-oldest episode: WARN once when the outbox starts dropping, INFO once when it is below capacity again. */
    private volatile boolean dropping;
    private StoreHealth health;
    /** The open database; null while unavailable (recovering) or closed. */
    private volatile Session session;
    /** The head of the last session, for status() while the store is unavailable. */
    private volatile LedgerEntry lastHead;
    /** The outbox of the last session, whose refusal count a reopened session carries on. */
    private volatile OutboxTable lastSessionOutbox;
    private volatile boolean open;
    /** Appends hold the read side while queueing; close takes the write side to stop the queue. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private BlockingQueue<WriteJob> queue;
    private BlockingQueue<Object> flushRequests;
    private Thread writerThread;
    private Thread flusherThread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    private final AtomicLong failedReopens = new AtomicLong();
    /** The head log (null when it cannot be opened): written by the writer thread, and by close after it stopped. */
    private HeadAnchor anchor;
    private VerifyCheckpoints checkpoints;
    private final Verification.Last lastVerify = new Verification.Last();
    private int retentionDays;
    /** When the flusher thread next queues the retention task (flusher thread only). */
    private long nextRetentionAt;
    volatile long retryInitialMillis = 1_000;
    volatile long retryMaxMillis = 60_000;
    /** Test hook: runs inside verify's guard, on the reader connection, before the ledger is read. */
    volatile Runnable beforeVerify = () -> { };
    // writer thread only
    private long backoff;
    /** Reopened after a failure, but nothing committed since: the alarm stays raised until a commit succeeds. */
    private boolean probation;
    private long nextAttemptNanos;

    /** For Declarative Services; use {@link #open(Path, Clock, StoreOptions)} without OSGi. */
    public DerbyStore() {
    }

    /** Opens (creating or migrating) the store in {@code dir}; the database is {@code dir/db}. */
    public static DerbyStore open(Path dir, Clock clock, StoreOptions options) {
        return open(dir, clock, options, AlarmSink.NONE);
    }

    /**
     * As {@link #open(Path, Clock, StoreOptions)} with an edge outbox: every committed batch's accepted readings are
     * queued in the same transaction ({@link Outbox}).
     */
    public static DerbyStore open(Path dir, Clock clock, StoreOptions options, OutboxSettings outbox) {
        var store = new DerbyStore();
        store.outboxSettings = outbox;
        store.start(dir, clock, options, AlarmSink.NONE);
        return store;
    }

    /** As {@link #open(Path, Clock, StoreOptions)}, with the alarms going to {@code alarms}. */
    static DerbyStore open(Path dir, Clock clock, StoreOptions options, AlarmSink alarms) {
        var store = new DerbyStore();
        store.start(dir, clock, options, alarms);
        return store;
    }

    @Activate
    void activate(Config config) {
        var opts = new StoreOptions(config.pageCacheSize(), config.flushThreshold(), config.maxBlockReadings(),
                config.flushIntervalSeconds(), config.anchorIntervalSeconds() * 1000);
        retentionDays = config.retentionDays();
        try {
            outboxSettings = OutboxSettings.of(config.outboxCapacity(), OutboxPolicy.parse(config.outboxPolicy()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": field 'outboxCapacity'/'outboxPolicy' is '"
                    + config.outboxCapacity() + "'/'" + config.outboxPolicy() + "'; " + e.getMessage()
                    + " (capacity 0 = no outbox, or >= 1 reading)", e);
        }
        start(directoryOf(config.directory()), Clock.systemUTC(), opts, this::postToEventAdmin);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    private void postToEventAdmin(org.gridprint.api.Alarm alarm) {
        var ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        }
    }

    static Path directoryOf(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        var karafData = System.getProperty("karaf.data");
        return karafData != null && !karafData.isBlank() ? Path.of(karafData, "gridprint") : Path.of("data", "gridprint");
    }

    private void start(Path directory, Clock clk, StoreOptions opts, AlarmSink alarms) {
        gate.writeLock().lock();
        try {
            if (open) {
                throw new IllegalStateException("Derby store " + dir + " is already open");
            }
            this.dir = directory.toAbsolutePath();
            this.clock = clk;
            this.options = opts;
            Session s;
            try {
                s = Session.open(dir, clk, opts, outboxSettings);
            } catch (SQLException | RuntimeException e) {
                throw new IllegalStateException("Derby store " + dir + " (PID " + PID + ") could not be opened: "
                        + e.getMessage(), e);
            }
            health = new StoreHealth(dir, clk, alarms);
            anchor = Verification.openAnchor(dir, clk, opts, s.head());
            checkpoints = new VerifyCheckpoints(dir);
            queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
            flushRequests = new LinkedBlockingQueue<>();
            session = s;
            open = true;
            writerThread = new Thread(this::writerLoop, "gridprint-derby-writer " + dir.getFileName());
            writerThread.setDaemon(true);
            flusherThread = new Thread(this::flusherLoop, "gridprint-derby-flusher " + dir.getFileName());
            flusherThread.setDaemon(true);
            writerThread.start();
            flusherThread.start();
            LOG.info("Derby store {} open: schema {}, {} readings in {} series, head batch {}, {} batches replayed "
                    + "from the write-ahead log; flush at {} readings or every {} s", dir, s.schemaVersion,
                    s.storedReadings(), s.catalog.size(), s.head() == null ? "-" : s.head().batchId(), s.replayed,
                    opts.flushThreshold(), opts.flushIntervalSeconds());
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Writes the memtable into block rows and shuts the database down (releasing its lock). */
    @Override
    public void close() {
        stop(true);
    }

    /** Closes without flushing, as after a crash: the next open replays the write-ahead log. For tests. */
    void abandon() {
        stop(false);
    }

    private void stop(boolean flush) {
        gate.writeLock().lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            putUninterruptibly(queue, new WriteJob.Stop());
        } finally {
            gate.writeLock().unlock();
        }
        joinUninterruptibly(writerThread);
        var s = session;
        if (flush && s != null) {
            var done = new CompletableFuture<Integer>();
            putUninterruptibly(flushRequests, new FlushRequest(done));
            try {
                done.join();
            } catch (RuntimeException e) {
                LOG.error("Derby store {}: flush on close failed, the readings stay in the write-ahead log and are "
                        + "replayed at the next open: {}", dir, e.getMessage());
            }
        }
        putUninterruptibly(flushRequests, STOP);
        joinUninterruptibly(flusherThread);
        session = null;
        if (flush && s != null && anchor != null) {
            anchor.anchor(s.head()); // the writer has stopped: this thread is the head log's only user now
        }
        Verification.closeQuietly(anchor);
        anchor = null;
        if (s != null) {
            s.close(false);
        }
        LOG.info("Derby store {} closed", dir);
    }

    public Path directory() {
        return dir;
    }

    /** Readings held in memory (and in the write-ahead log), not yet in block rows. */
    public int memtableSize() {
        return available("reading the memtable size").memtable.size();
    }

    /** Writes the memtable into block rows now (on the flusher thread) and waits for it. */
    public void flush() {
        available("flushing");
        var done = new CompletableFuture<Integer>();
        putUninterruptibly(flushRequests, new FlushRequest(done));
        await(done, "the flush");
    }

    /** Anchors the ledger head in the head log now, on the writer thread (tests; the store anchors by itself). */
    void anchorHead() {
        runTask("anchoring the ledger head", s -> {
            if (anchor != null) {
                anchor.anchor(s.head());
            }
            return null;
        });
    }

    /**
     * Retention: rolls the flushed raw readings before {@code cutoff} up into hourly windows under a ROLLUP entry
     * (flushing first, on the flusher thread; the roll-up runs on the writer thread holding the flush lock); returns
     * that entry, empty when nothing could be pruned. See README.md, "Retention".
     */
    public Optional<LedgerEntry> rollUp(Instant cutoff) {
        flush();
        return runTask("rolling up the readings before " + cutoff, s -> rollUpOnWriter(s, cutoff));
    }

    /** Writer thread: the roll-up, with no flush running (write side of the flush lock). */
    private Optional<LedgerEntry> rollUpOnWriter(Session s, Instant cutoff) {
        s.flushLock.writeLock().lock();
        try {
            var entry = s.retention.rollUp(cutoff.toEpochMilli(), s.flusher.flushedBatchId());
            entry.ifPresent(e -> s.head(s.ledger.head()));
            return entry;
        } finally {
            s.flushLock.writeLock().unlock();
        }
    }

    /** Durable commits of appended batch groups since open (a group of several batches is one commit). */
    long commits() {
        return commits.get();
    }

    /** Times the store recovered from a Derby failure since open. */
    long recoveries() {
        return recoveries.get();
    }

    /** Jobs waiting for the writer thread. */
    int queued() {
        return queue.size();
    }

    /**
     * Test hook: queues a job that opens {@code started} on the writer thread and holds it until {@code release}
     * opens (so that batches submitted meanwhile wait in the queue and are then committed as one group). Returns when
     * the job is queued.
     */
    CompletableFuture<Void> pauseWriter(java.util.concurrent.CountDownLatch started,
            java.util.concurrent.CountDownLatch release) {
        var job = new WriteJob.Task<Void>("pausing the writer (test)", x -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, new CompletableFuture<>());
        enqueue(job, "pausing the writer");
        return job.result();
    }

    /** Reopen attempts that failed since open (the cause was not gone yet). */
    long failedReopens() {
        return failedReopens.get();
    }

    /** Whether the store takes batches now (false while it recovers from a Derby failure). */
    boolean available() {
        return open && session != null;
    }

    /** The current session (tests: hooks, counters); throws while unavailable. */
    Session session() {
        return available("inspecting the session");
    }

    // ---------------------------------------------------------------- ReadingStore

    @Override
    public StoreResult append(String source, List<Reading> readings) {
        if (readings.isEmpty()) {
            available("appending");
            return new StoreResult(List.of(), Optional.empty());
        }
        var job = new WriteJob.Append(source, readings, new CompletableFuture<>());
        enqueue(job, "a batch of " + readings.size() + " readings from " + source);
        return await(job.result(), "a batch of " + readings.size() + " readings from " + source);
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        var out = new ArrayList<Reading>();
        scan(meterId, quantity, from, to, out::add);
        return out;
    }

    @Override
    public long scan(String meterId, Quantity quantity, Instant from, Instant to, ReadingSink sink) {
        var s = available("scanning " + meterId + " " + quantity);
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        return s.readers.read("scanning readings of " + meterId + " " + quantity,
                db -> s.queries.scan(db, meterId, quantity, f, t, sink));
    }

    @Override
    public Optional<HeldSpan> heldSpan() {
        var s = available("reading the held span");
        return s.readers.read("reading the span of stored readings", s.queries::heldSpan);
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        var s = available("querying " + meterId);
        return s.readers.read("querying the latest reading of " + meterId + " " + quantity + " before " + before,
                db -> s.queries.latestBefore(db, meterId, quantity, before.toEpochMilli()));
    }

    @Override
    public Optional<Reading> latest(String meterId, Quantity quantity) {
        var s = available("querying " + meterId);
        return s.readers.read("querying the latest reading of " + meterId + " " + quantity,
                db -> s.queries.latestBefore(db, meterId, quantity, Long.MAX_VALUE));
    }

    @Override
    public List<QuarantinedReading> quarantine(int limit) {
        var s = available("reading the quarantine");
        if (limit <= 0) {
            return List.of();
        }
        return s.readers.read("reading the quarantine", db -> new QuarantineTable(db).latest(limit));
    }

    @Override
    public long readingCount() {
        return available("counting readings").storedReadings();
    }

    @Override
    public void registerMeter(Meter meter) {
        runTask("registering meter " + meter.id(), s -> {
            MeterTable.upsert(s.writer.connection(), meter, clock.millis());
            return null;
        });
    }

    // ---------------------------------------------------------------- LedgerService

    @Override
    public Optional<LedgerEntry> head() {
        return Optional.ofNullable(available("reading the ledger head").head());
    }

    @Override
    public VerificationReport verify() {
        return verify(VerifyScope.FULL);
    }

    /**
     * Verifies on a reader connection (never the writer's), each chunk under the read side of the flush lock, so
     * ingest goes on; INCREMENTAL starts after the trusted checkpoint. An intact result moves the checkpoint (saved on
     * the reader connection, off the append path). Every verify is recorded for {@link #verifyStatus()}.
     */
    @Override
    public VerificationReport verify(VerifyScope scope) {
        var s = available("verifying the ledger");
        var guard = s.verifyGuard();
        var headLog = anchor == null ? null : anchor.log();
        var outcome = s.readers.read("verifying the ledger", db -> {
            try {
                var cp = scope == VerifyScope.INCREMENTAL ? checkpoints.trusted(db.connection())
                        : Optional.<org.gridprint.ledger.Checkpoint>empty();
                db.commit();
                beforeVerify.run();
                return new LedgerVerifier(db.connection(), guard, headLog).verify(scope, cp, clock.millis());
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        outcome.checkpoint().ifPresent(c -> s.readers.read("saving the verify checkpoint", db -> {
            checkpoints.save(db, c);
            return null;
        }));
        var report = outcome.report();
        lastVerify.at = clock.instant();
        lastVerify.intact = report instanceof VerificationReport.Intact;
        if (report instanceof VerificationReport.Broken b) {
            LOG.error("Derby store {}: ledger broken: {} finding(s), the first at entry {}: {} {}", dir,
                    b.findingCount(), b.batchId(), b.reason(), b.row().orElse(""));
        } else {
            LOG.info("Derby store {}: ledger intact ({} verify of {} entries from entry {})", dir, scope,
                    report.batchesChecked(), ((VerificationReport.Intact) report).fromBatch());
        }
        return report;
    }

    /** The verify checkpoint and the last verify of this instance (for StoreAdmin.status()); on a reader connection. */
    public VerifyStatus verifyStatus() {
        var s = available("reading the verify checkpoint");
        var checkpoint = s.readers.read("reading the verify checkpoint", db -> VerifyCheckpoints.entry(db.connection()));
        return new VerifyStatus(checkpoint, Optional.ofNullable(lastVerify.at), Optional.ofNullable(lastVerify.intact));
    }

    // ---------------------------------------------------------------- StoreAdmin

    /**
     * The status: the in-memory facts of the current session, the rest on a reader connection (StoreStatusReader).
     * It answers while the store is unavailable (recovering): then without touching the database, with the cause.
     */
    @Override
    public StoreStatus status() {
        if (!open) {
            throw new IllegalStateException("Derby store " + (dir == null ? "" : dir + " ") + "is not open");
        }
        var s = session;
        var h = health;
        if (s == null) {
            var facts = new StoreStatusReader.Facts(-1, -1, Optional.ofNullable(lastHead), false, h.lastError());
            return StoreStatusReader.read(dir, facts, null, new VerifyStatus(Optional.empty(),
                    Optional.ofNullable(lastVerify.at), Optional.ofNullable(lastVerify.intact)));
        }
        var facts = new StoreStatusReader.Facts(s.storedReadings(), s.memtable.size(), Optional.ofNullable(s.head()),
                true, h.lastError());
        VerifyStatus verify;
        try {
            verify = verifyStatus();
        } catch (RuntimeException e) {
            verify = new VerifyStatus(Optional.empty(), Optional.ofNullable(lastVerify.at),
                    Optional.ofNullable(lastVerify.intact));
        }
        return StoreStatusReader.read(dir, facts, s, verify);
    }

    /**
     * An online backup (StoreBackup) on a connection of its own, never the writer's: ingest goes on meanwhile, and an
     * interrupted backup cannot touch the writer. Refused while the store is unavailable.
     */
    @Override
    public Path backup(Path targetDirectory) throws IOException {
        available("backing up");
        return StoreBackup.run(dir, targetDirectory, clock);
    }

    // ---------------------------------------------------------------- EmissionStore

    @Override
    public int store(List<EmissionRecord> records) {
        if (records.isEmpty()) {
            available("storing emission records");
            return 0;
        }
        // on the writer thread: the records and their EMISSIONS entry in one transaction, chained after the head
        return runTask("storing " + records.size() + " emission records", s -> {
            int stored = s.emissions.store(records);
            s.head(s.ledger.head());
            return stored;
        });
    }

    @Override
    public List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
        var s = available("querying emissions");
        return s.readers.read("querying emissions", db -> EmissionTable.query(db.connection(), meterIds, from, to));
    }

    @Override
    public Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
        var s = available("querying emissions");
        return s.readers.read("querying the last emission interval of " + meterId,
                db -> EmissionTable.lastIntervalEnd(db.connection(), meterId, method));
    }

    // ---------------------------------------------------------------- EmissionWindowStore (api 1.2.0)

    @Override
    public WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
        WindowWriter.checkDistinct(windows);
        if (windows.isEmpty()) {
            available("storing emission windows");
            return new WindowWriteResult(0, 0, 0, Optional.empty());
        }
        var copy = List.copyOf(windows);
        return runTask("storing " + copy.size() + " emission windows", s -> {
            var r = new WindowWriter(s.writer, s.ledger).store(copy, reason);
            s.head(s.ledger.head());
            return r;
        });
    }

    @Override
    public List<EmissionWindow> windows(WindowQuery query) {
        var out = new ArrayList<EmissionWindow>();
        scanWindows(query, out::add);
        return out;
    }

    @Override
    public long scanWindows(WindowQuery query, WindowSink sink) {
        var s = available("reading emission windows");
        return s.readers.read("reading emission windows", db -> WindowReads.scan(db.connection(), query, sink));
    }

    @Override
    public Optional<EmissionWindow> window(WindowKey key) {
        var s = available("reading an emission window");
        return s.readers.read("reading window " + WindowRows.describe(key), db -> WindowReads.window(db.connection(),
                key));
    }

    @Override
    public Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope,
            AccountingMethod method) {
        var s = available("reading the last emission window");
        return s.readers.read("reading the last window of " + meterId,
                db -> WindowReads.lastWindow(db.connection(), meterId, quantity, scope, method));
    }

    @Override
    public List<WindowVersion> history(WindowKey key) {
        var s = available("reading a window's history");
        return s.readers.read("reading the history of window " + WindowRows.describe(key),
                db -> WindowReads.history(db.connection(), key));
    }

    @Override
    public List<WindowTotal> totals(TotalsQuery query) {
        var s = available("computing emission totals");
        return s.readers.read("computing emission totals", db -> WindowTotals.totals(db.connection(), query));
    }

    @Override
    public long windowCount() {
        var s = available("counting emission windows");
        return s.readers.read("counting emission windows", db -> WindowReads.count(db.connection()));
    }

    // ---------------------------------------------------------------- RecordRegister (api 1.2.0)

    @Override
    public RegisterRecord put(String register, String key, String text, String reason) {
        RegisterTable.check(register, key, text);
        return runTask("storing register record " + register + "/" + key, s -> {
            var r = RegisterTable.put(s.writer, s.ledger, register, key, text, reason, -1);
            s.head(s.ledger.head());
            return r.record().orElseThrow();
        });
    }

    @Override
    public Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason,
            int expectedVersion) {
        RegisterTable.check(register, key, text);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("register " + register + " key " + key + ": expected version must be "
                    + ">= 0 (0: the key must be new), was " + expectedVersion);
        }
        return runTask("storing register record " + register + "/" + key, s -> {
            var r = RegisterTable.put(s.writer, s.ledger, register, key, text, reason, expectedVersion);
            s.head(s.ledger.head());
            return r.record();
        });
    }

    @Override
    public Optional<RegisterRecord> get(String register, String key) {
        var s = available("reading the register");
        return s.readers.read("reading register " + register, db -> RegisterTable.current(db.connection(), register,
                key));
    }

    @Override
    public Optional<RegisterRecord> byRef(long ref) {
        var s = available("reading the register");
        return s.readers.read("reading register ref " + ref, db -> RegisterTable.byRef(db.connection(), ref));
    }

    @Override
    public List<RegisterRecord> list(String register) {
        var s = available("reading the register");
        return s.readers.read("listing register " + register, db -> RegisterTable.list(db.connection(), register));
    }

    @Override
    public List<RegisterRecord> history(String register, String key) {
        var s = available("reading the register");
        return s.readers.read("reading register " + register, db -> RegisterTable.history(db.connection(), register,
                key));
    }

    // ---------------------------------------------------------------- IntensityStore (api 1.2.0)

    @Override
    public int storeIntensity(List<IntensityPoint> points) {
        points.forEach(IntensityTable::check);
        if (points.isEmpty()) {
            available("storing intensity values");
            return 0;
        }
        var copy = List.copyOf(points);
        return runTask("storing " + copy.size() + " intensity values",
                s -> IntensityTable.store(s.writer.connection(), copy));
    }

    @Override
    public List<IntensityPoint> intensity(String provider, String region, IntensitySignal signal, Instant from,
            Instant to) {
        var s = available("reading intensity values");
        return s.readers.read("reading intensity of " + region, db -> IntensityTable.best(db.connection(), provider,
                region, signal, from, to, false));
    }

    @Override
    public List<IntensityPoint> forecast(String provider, String region, IntensitySignal signal, Instant from,
            Instant to) {
        var s = available("reading intensity forecasts");
        return s.readers.read("reading intensity forecasts of " + region, db -> IntensityTable.best(db.connection(),
                provider, region, signal, from, to, true));
    }

    @Override
    public Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal) {
        var s = available("reading intensity values");
        return s.readers.read("reading the latest intensity of " + region, db -> IntensityTable.latest(
                db.connection(), provider, region, signal));
    }

    // ---------------------------------------------------------------- Outbox (api edge 1.0.0)

    @Override
    public List<OutboxEntry> peek(long afterId, int maxReadings) {
        if (maxReadings < 1) {
            throw new IllegalArgumentException("outbox peek: maxReadings must be >= 1, was " + maxReadings);
        }
        var s = available("reading the outbox");
        return s.readers.read("reading the outbox after entry " + afterId,
                db -> OutboxTable.peek(db.connection(), afterId, maxReadings));
    }

    @Override
    public int acknowledge(long firstId, long lastId) {
        if (firstId > lastId) {
            throw new IllegalArgumentException("outbox acknowledgement: first entry " + firstId + " is after the last "
                    + lastId);
        }
        return runTask("removing acknowledged outbox entries " + firstId + ".." + lastId, s -> {
            int n = s.outbox.acknowledge(firstId, lastId);
            if (dropping && s.outbox.depth() < outboxSettings.capacity()) {
                dropping = false;
                LOG.info("Derby store {}: the edge outbox is below its capacity again ({} of {} readings); {} "
                        + "readings were dropped in all", dir, s.outbox.depth(), outboxSettings.capacity(),
                        s.outbox.status().droppedReadings());
            }
            return n;
        });
    }

    @Override
    public OutboxStatus outboxStatus() {
        var s = session;
        if (s != null) {
            return s.outbox.status();
        }
        var last = lastSessionOutbox;
        if (last != null) {
            return last.status();
        }
        return new OutboxStatus(outboxSettings.enabled(), outboxSettings.capacity(), outboxSettings.policy(), 0, 0,
                Optional.empty(), 0, 0);
    }

    /** Writer thread, after a group's commit: the drops of drop-oldest logged once per episode and ledgered. */
    private void recordDrops(Session s) {
        var drops = s.outbox.takeGroupDrops();
        if (drops == null) {
            return;
        }
        var st = s.outbox.status();
        if (!dropping) {
            dropping = true;
            LOG.warn("Derby store {}: the edge outbox is full ({} readings, policy {}): the oldest queued readings "
                    + "are dropped (never forwarded) to make room; counted in gridprint:outbox and recorded in the "
                    + "register 'outbox', logged again only when it is below capacity", dir,
                    outboxSettings.capacity(), OutboxPolicy.DROP_OLDEST.configName());
        }
        var text = "capacity=" + outboxSettings.capacity() + "\npolicy=" + OutboxPolicy.DROP_OLDEST.configName()
                + "\ndroppedReadings=" + st.droppedReadings() + "\nlastDropped=" + drops[0] + "\nlastDroppedEntries="
                + drops[1] + ".." + drops[2] + "\n";
        try {
            RegisterTable.put(s.writer, s.ledger, "outbox", "dropped", text, "edge outbox full: " + drops[0]
                    + " readings of entries " + drops[1] + ".." + drops[2] + " dropped, never forwarded", -1);
            s.head(s.ledger.head());
        } catch (RuntimeException e) {
            LOG.error("Derby store {}: the outbox drop of {} readings could not be recorded in the register: {}", dir,
                    drops[0], e.getMessage());
        }
    }

    // ---------------------------------------------------------------- callers' side

    private <T> T runTask(String what, WriteJob.Work<T> work) {
        var job = new WriteJob.Task<>(what, work, new CompletableFuture<T>());
        enqueue(job, what);
        return await(job.result(), what);
    }

    private void enqueue(WriteJob job, String what) {
        gate.readLock().lock();
        try {
            available(what);
            try {
                queue.put(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Derby store " + dir + ": interrupted before " + what + " was queued; "
                        + "nothing of it was stored", e);
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    private <T> T await(CompletableFuture<T> result, String what) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Derby store " + dir + ": interrupted while waiting for the commit of "
                    + what + "; it may or may not have been stored (submitting it again is safe: storage is "
                    + "idempotent)", e);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** The current session, or an IllegalStateException saying the store is closed or unavailable. */
    private Session available(String what) {
        if (!open) {
            throw new IllegalStateException("Derby store " + (dir == null ? "" : dir + " ") + "is not open");
        }
        var s = session;
        if (s == null) {
            var h = health;
            if (what.startsWith("a batch")) {
                h.refused();
                throw new IllegalStateException(h.refusal());
            }
            throw new IllegalStateException("Derby store " + dir + " is unavailable: " + h.cause() + " (" + what
                    + " was not done; the store reopens by itself, try again later)");
        }
        return s;
    }

    // ---------------------------------------------------------------- the writer thread

    private void writerLoop() {
        var pending = new ArrayDeque<WriteJob>();
        backoff = retryInitialMillis;
        while (true) {
            if (pending.isEmpty()) {
                WriteJob first;
                if (session == null) {
                    long waitNanos = nextAttemptNanos - System.nanoTime();
                    if (waitNanos <= 0) {
                        reopen();
                        continue;
                    }
                    first = pollUninterruptibly(queue, waitNanos);
                    if (first == null) {
                        continue;
                    }
                } else {
                    long due = anchor == null ? -1 : anchor.dueInMillis(session.head());
                    if (due < 0) {
                        first = takeUninterruptibly(queue);
                    } else {
                        first = pollUninterruptibly(queue, TimeUnit.MILLISECONDS.toNanos(Math.max(1, due)));
                        if (first == null) {
                            anchorCommitted(session); // idle: the newest head is anchored within one interval
                            continue;
                        }
                    }
                }
                pending.add(first);
                queue.drainTo(pending, 2 * MAX_GROUP_BATCHES);
            }
            var job = pending.poll();
            if (job instanceof WriteJob.Stop) {
                for (var left : pending) {
                    refuse(left, new IllegalStateException("Derby store " + dir + " closed before the job ran; "
                            + "nothing of it was stored"));
                }
                return;
            }
            var s = session;
            if (job instanceof WriteJob.Recover r) {
                if (r.session() == s) {
                    fail(s, r.cause());
                } else {
                    // the flusher's failure often names the cause (disk full) of the lost connection the writer saw
                    health.refine(DerbyFailure.describe(r.cause()));
                }
                continue;
            }
            if (s == null) {
                health.refused();
                refuse(job, new IllegalStateException(health.refusal()));
                continue;
            }
            if (job instanceof WriteJob.Task<?> t) {
                runTask(s, t);
                anchorCommitted(session);
                continue;
            }
            var first = (WriteJob.Append) job;
            var group = new ArrayList<WriteJob.Append>();
            group.add(first);
            int readings = first.readings().size();
            while (group.size() < MAX_GROUP_BATCHES && pending.peek() instanceof WriteJob.Append next
                    && readings + next.readings().size() <= MAX_GROUP_READINGS) {
                pending.poll();
                group.add(next);
                readings += next.readings().size();
            }
            commitGroup(s, group);
            anchorCommitted(session);
        }
    }

    /** Writer thread: anchors the head when the anchor interval has passed since the last anchor. */
    private void anchorCommitted(Session s) {
        if (anchor != null && s != null) {
            anchor.committed(s.head());
        }
    }

    private void commitGroup(Session s, List<WriteJob.Append> group) {
        var batches = new ArrayList<Appender.Batch>(group.size());
        for (var a : group) {
            batches.add(new Appender.Batch(a.source(), a.readings()));
        }
        long before = s.appender.commits();
        try {
            var last = s.appender.append(batches);
            if (last != null) {
                s.head(last);
            }
        } catch (SQLException | RuntimeException e) {
            fail(s, e);
            for (var a : group) {
                health.refused();
                a.result().completeExceptionally(new IllegalStateException(health.refusal(), e));
            }
            return;
        }
        commits.addAndGet(s.appender.commits() - before);
        recordDrops(s);
        if (probation && s.appender.commits() > before) {
            probation = false;
            health.recovered("a batch was committed after the reopen");
        }
        for (int i = 0; i < group.size(); i++) {
            var b = batches.get(i);
            if (b.failure != null) {
                group.get(i).result().completeExceptionally(b.failure);
            } else {
                group.get(i).result().complete(b.result);
            }
        }
        if (s.memtable.active() >= options.flushThreshold() && flushRequests.isEmpty()) {
            flushRequests.offer(KICK);
        }
    }

    private <T> void runTask(Session s, WriteJob.Task<T> t) {
        try {
            var out = t.work().run(s);
            s.writer.commit();
            t.result().complete(out);
            if (probation) {
                probation = false;
                health.recovered("a write was committed after the reopen");
            }
        } catch (SQLException e) {
            s.writer.rollbackQuietly();
            if (DerbyFailure.isFatal(e) || s.writer.isClosed()) {
                fail(s, e);
                health.refused();
                t.result().completeExceptionally(new IllegalStateException(health.refusal(), e));
            } else {
                t.result().completeExceptionally(new IllegalStateException(t.what() + ": " + e.getMessage(), e));
            }
        } catch (RuntimeException e) {
            s.writer.rollbackQuietly();
            // a task's own transaction helper wraps SQLExceptions (StoreConnection.transaction): a fatal one still
            // starts recovery, as it does for appends
            if (e.getCause() instanceof SQLException sql && (DerbyFailure.isFatal(sql) || s.writer.isClosed())) {
                fail(s, sql);
                health.refused();
                t.result().completeExceptionally(new IllegalStateException(health.refusal(), e));
            } else {
                t.result().completeExceptionally(e);
            }
        }
    }

    private static void refuse(WriteJob job, RuntimeException e) {
        if (job instanceof WriteJob.Append a) {
            a.result().completeExceptionally(e);
        } else if (job instanceof WriteJob.Task<?> t) {
            t.result().completeExceptionally(e);
        }
    }

    /** Derby failed under {@code s}: unavailable, one alarm, close everything, reopen later (writer thread). */
    private void fail(Session s, Throwable cause) {
        if (session != s) {
            return;
        }
        lastHead = s.head();
        lastSessionOutbox = s.outbox;
        // the condition first, then no session: a caller that sees no session always counts its refusal after the
        // condition started (failed() resets the count) and names the cause
        health.failed(DerbyFailure.describe(cause));
        session = null;
        LOG.debug("Derby store {}: failure detail", dir, cause);
        try {
            s.close(true);
        } catch (RuntimeException e) {
            LOG.debug("Derby store {}: closing the failed session: {}", dir, e.toString());
        }
        // failing again right after a reopen (e.g. the disk is still full): keep backing off, no new alarm
        backoff = probation ? Math.min(retryMaxMillis, backoff * 2) : retryInitialMillis;
        nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
    }

    /** One reopen attempt (writer thread); on failure the next one is due after the doubled back-off. */
    private void reopen() {
        try {
            if (backoff > retryInitialMillis) {
                // a plain reopen did not work: the database may be booted in a broken state; shut it down first
                DerbyEngine.shutdownDatabase(dir);
            }
            var s = Session.open(dir, clock, options, outboxSettings);
            var previous = lastSessionOutbox;
            s.outbox.carryOver(previous);
            session = s;
            recoveries.incrementAndGet();
            probation = true;
            if (anchor != null) {
                anchor.anchor(s.head()); // the head the reopened database holds, anchored (writer thread)
            }
            LOG.debug("Derby store {}: reopened, {} batches replayed from the write-ahead log, head batch {}; the "
                    + "alarm clears at the first commit", dir, s.replayed, s.head() == null ? "-" : s.head().batchId());
            flushRequests.offer(KICK);
        } catch (SQLException | RuntimeException e) {
            failedReopens.incrementAndGet();
            LOG.debug("Derby store {}: reopen failed, next attempt in {} ms: {}", dir, backoff, e.toString());
            backoff = Math.min(retryMaxMillis, backoff * 2);
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        }
    }

    // ---------------------------------------------------------------- the flusher thread

    private void flusherLoop() {
        long interval = TimeUnit.SECONDS.toNanos(options.flushIntervalSeconds());
        long lastFlush = System.nanoTime();
        while (true) {
            long wait = Math.max(1, lastFlush + interval - System.nanoTime());
            var first = pollUninterruptibly(flushRequests, wait);
            var items = new ArrayList<Object>();
            if (first != null) {
                items.add(first);
            }
            flushRequests.drainTo(items);
            boolean stop = items.contains(STOP);
            var requests = new ArrayList<CompletableFuture<Integer>>();
            for (var item : items) {
                if (item instanceof FlushRequest r) {
                    requests.add(r.done());
                }
            }
            boolean timer = first == null;
            var s = session;
            if (s == null) {
                for (var r : requests) {
                    r.completeExceptionally(new IllegalStateException("Derby store " + dir + " is unavailable: "
                            + health.cause() + "; nothing was flushed"));
                }
            } else if (!requests.isEmpty() || (!timer && !stop) || (timer && s.memtable.size() > 0)) {
                try {
                    int n = 0;
                    do {
                        n += s.flusher.flush();
                    } while (s.memtable.active() >= options.flushThreshold() && session == s);
                    for (var r : requests) {
                        r.complete(n);
                    }
                } catch (RuntimeException e) {
                    for (var r : requests) {
                        r.completeExceptionally(e);
                    }
                    if (!stop && session == s) {
                        LOG.debug("Derby store {}: flush failed: {}", dir, e.toString());
                        putUninterruptibly(queue, new WriteJob.Recover(s, e));
                    }
                }
                lastFlush = System.nanoTime();
            }
            if (timer) {
                lastFlush = System.nanoTime();
            }
            if (stop) {
                return;
            }
            queueRetentionWhenDue();
        }
    }

    /**
     * Flusher thread: at most once a day, when a retention is configured, queues the roll-up of the readings older
     * than {@code retentionDays} as a task of the writer thread (never inside a caller's append). A failure is logged
     * and retried a day later.
     */
    private void queueRetentionWhenDue() {
        if (retentionDays <= 0 || session == null) {
            return;
        }
        long now = clock.millis();
        if (now < nextRetentionAt) {
            return;
        }
        nextRetentionAt = now + 86_400_000L;
        var cutoff = Instant.ofEpochMilli(now - retentionDays * 86_400_000L);
        var job = new WriteJob.Task<Optional<LedgerEntry>>("retention (readings before " + cutoff + ")",
                s -> rollUpOnWriter(s, cutoff), new CompletableFuture<>());
        job.result().whenComplete((entry, e) -> {
            if (e != null) {
                LOG.error("Derby store {}: retention of readings older than {} days failed, retried in a day: {}", dir,
                        retentionDays, e.getMessage());
            }
        });
        if (!queue.offer(job)) {
            nextRetentionAt = now + TimeUnit.MINUTES.toMillis(1); // the writer is busy: try again soon
        }
    }

    // ---------------------------------------------------------------- helpers: these threads are never interrupted
    // by the store, and they ignore interrupts from elsewhere (an interrupt must not reach a Derby connection)

    private static <T> void putUninterruptibly(BlockingQueue<T> q, T item) {
        boolean interrupted = false;
        while (true) {
            try {
                q.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T takeUninterruptibly(BlockingQueue<T> q) {
        while (true) {
            try {
                return q.take();
            } catch (InterruptedException e) {
                Thread.interrupted();
            }
        }
    }

    private static <T> T pollUninterruptibly(BlockingQueue<T> q, long nanos) {
        try {
            return q.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.interrupted();
            return null;
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
