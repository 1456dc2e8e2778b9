package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading ledger, emission store and meter table in an embedded Apache Derby database: the DS component, its
 * lifecycle and the service facade (one writer: every public method is synchronized).
 *
 * <p>Storage: every committed batch is one BATCH row (the ledger entry) and WAL rows of its accepted readings;
 * accepted readings are kept per series in memory and flushed, many per row, into READING_BLOCK rows.
 * See README.md for tables, byte layouts and the canonical hash encoding.
 *
 * <p>Without OSGi: {@link #open(Path, Clock, StoreOptions)} and {@link #close()}.
 */
@Designate(ocd = Config.class)
@Component(configurationPid = DerbyStore.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = { ReadingStore.class, LedgerService.class, EmissionStore.class })
public class DerbyStore implements ReadingStore, LedgerService, EmissionStore, AutoCloseable {

    public static final String PID = "org.gridprint.store.derby";
    private static final Logger LOG = LoggerFactory.getLogger(DerbyStore.class);

    private Path dir;
    private Clock clock;
    private StoreOptions options;
    private boolean open;

    private StoreConnection db;
    private SeriesCatalog catalog;
    private final Memtable memtable = new Memtable();
    private BatchLedger ledger;
    private Flusher flusher;
    private Appender appender;
    private ReadingQueries queries;
    private QuarantineTable quarantine;
    private EmissionLedger emissionLedger;
    private HeadAnchor anchor;
    private VerifyCheckpoints checkpoints;
    private Retention retention;
    private final Verification.Last lastVerify = new Verification.Last();
    private int retentionDays;
    private long nextRetentionAt;

    /** For Declarative Services; use {@link #open(Path, Clock, StoreOptions)} without OSGi. */
    public DerbyStore() {
    }

    /** Opens (creating or migrating) the store in {@code dir}; the database is {@code dir/db}. */
    public static DerbyStore open(Path dir, Clock clock, StoreOptions options) {
        var store = new DerbyStore();
        store.start(dir, clock, options);
        return store;
    }

    @Activate
    void activate(Config config) {
        var options = new StoreOptions(config.pageCacheSize(), config.flushThreshold(), config.maxBlockReadings(),
                config.anchorIntervalSeconds() * 1000);
        retentionDays = config.retentionDays();
        start(directoryOf(config.directory()), Clock.systemUTC(), options);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    static Path directoryOf(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        var karafData = System.getProperty("karaf.data");
        return karafData != null && !karafData.isBlank() ? Path.of(karafData, "gridprint") : Path.of("data", "gridprint");
    }

    private synchronized void start(Path directory, Clock clk, StoreOptions opts) {
        if (open) {
            throw new IllegalStateException("Derby store " + dir + " is already open");
        }
        this.dir = directory.toAbsolutePath();
        this.clock = clk;
        this.options = opts;
        try {
            db = StoreConnection.open(dir, opts);
            open = true;
            int version = Schema.migrate(db.connection());
            int replayed = wireAndLoad();
            anchor = Verification.openAnchor(dir, clk, opts, ledger.head());
            checkpoints = new VerifyCheckpoints(dir);
            LOG.info("Derby store {} open: schema {}, {} readings in {} series, head batch {}, {} batches replayed "
                    + "from the write-ahead log", dir, version, storedReadings(), catalog.all().size(),
                    ledger.head() == null ? "-" : ledger.head().batchId(), replayed);
        } catch (SQLException | RuntimeException e) {
            if (open) {
                shutdown();
            }
            throw new IllegalStateException("Derby store " + dir + " (PID " + PID + ") could not be opened: "
                    + e.getMessage(), e);
        }
    }

    /** Builds the parts on the open connection and loads their state; returns the batches replayed from the WAL. */
    private int wireAndLoad() throws SQLException {
        catalog = new SeriesCatalog(db);
        var blocks = new BlockTable(db);
        quarantine = new QuarantineTable(db);
        ledger = new BatchLedger(db, clock, catalog, quarantine);
        emissionLedger = new EmissionLedger(db, ledger);
        flusher = new Flusher(db, clock, options, catalog, memtable, blocks, new FlushTable(db), ledger);
        appender = new Appender(db, clock, catalog, new BatchClassifier(catalog, blocks), ledger, quarantine, memtable);
        queries = new ReadingQueries(db, catalog, blocks);

        flusher.load();
        catalog.load();
        blocks.load();
        BlockStateCheck.onOpen(catalog, blocks, dir);
        ledger.load();
        retention = new Retention(db, catalog, ledger);
        retention.load();
        int replayed = ledger.replay(flusher.flushedBatchId(), catalog, memtable);
        db.commit();
        return replayed;
    }

    /** Flushes the memtable and shuts the database down (releasing its lock). */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        try {
            flusher.flush();
        } catch (RuntimeException e) {
            LOG.error("Derby store {}: flush on close failed, the readings stay in the write-ahead log and are "
                    + "replayed at the next open: {}", dir, e.getMessage(), e);
        }
        if (anchor != null) {
            anchor.anchor(ledger.head());
        }
        shutdown();
        LOG.info("Derby store {} closed", dir);
    }

    /** Closes without flushing, as after a crash: the next open replays the write-ahead log. For tests. */
    synchronized void abandon() {
        if (open) {
            shutdown();
        }
    }

    /** Anchors the ledger head in the head log now (for tests; the store anchors by itself). */
    synchronized void anchorHead() {
        ensureOpen();
        if (anchor != null) {
            anchor.anchor(ledger.head());
        }
    }

    private void shutdown() {
        Verification.closeQuietly(anchor);
        anchor = null;
        db.close();
        open = false;
        if (catalog != null) {
            catalog.clear();
        }
    }

    public synchronized Path directory() {
        return dir;
    }

    /** Readings held in memory (and in the write-ahead log), not yet in block rows. */
    public synchronized int memtableSize() {
        return memtable.size();
    }

    /** Writes the memtable into block rows now. */
    public synchronized void flush() {
        ensureOpen();
        flusher.flush();
    }

    /**
     * Retention: rolls the raw readings before {@code cutoff} up into hourly windows under a ROLLUP entry (flushing
     * first); returns that entry, empty when nothing could be pruned. See README.md, "Retention".
     */
    public synchronized Optional<LedgerEntry> rollUp(Instant cutoff) {
        ensureOpen();
        flusher.flush();
        var entry = retention.rollUp(cutoff.toEpochMilli(), flusher.flushedBatchId());
        if (anchor != null && entry.isPresent()) {
            anchor.committed(ledger.head());
        }
        return entry;
    }

    /** The configured retention, at most once a day, from an append; a failure is logged and retried a day later. */
    private void retainDaily() {
        long now = clock.millis();
        nextRetentionAt = now + 86_400_000L;
        try {
            rollUp(Instant.ofEpochMilli(now - retentionDays * 86_400_000L));
        } catch (RuntimeException e) {
            LOG.error("Derby store {}: retention of readings older than {} days failed, retried in a day: {}", dir,
                    retentionDays, e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- ReadingStore

    @Override
    public synchronized StoreResult append(String source, List<Reading> readings) {
        ensureOpen();
        if (readings.isEmpty()) {
            return new StoreResult(List.of(), Optional.empty());
        }
        var result = appender.append(source, readings);
        if (anchor != null && result.ledgerEntry().isPresent()) {
            anchor.committed(ledger.head());
        }
        if (retentionDays > 0 && clock.millis() >= nextRetentionAt) {
            retainDaily();
        }
        if (memtable.size() >= options.flushThreshold()) {
            try {
                flusher.flush();
            } catch (RuntimeException e) {
                LOG.error("Derby store {}: flush failed; readings stay in the write-ahead log: {}", dir, e.getMessage(),
                        e);
            }
        }
        return result;
    }

    @Override
    public synchronized List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        ensureOpen();
        return queries.readings(meterId, quantity, from, to);
    }

    @Override
    public synchronized Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        ensureOpen();
        return queries.latestBefore(meterId, quantity, before.toEpochMilli());
    }

    @Override
    public synchronized Optional<Reading> latest(String meterId, Quantity quantity) {
        ensureOpen();
        return queries.latestBefore(meterId, quantity, Long.MAX_VALUE);
    }

    @Override
    public synchronized List<QuarantinedReading> quarantine(int limit) {
        ensureOpen();
        if (limit <= 0) {
            return List.of();
        }
        return db.transaction("reading the quarantine", () -> quarantine.latest(limit));
    }

    @Override
    public synchronized long readingCount() {
        ensureOpen();
        return storedReadings();
    }

    /** The readings in block rows (per series) plus those in the memtable. */
    private long storedReadings() {
        long n = memtable.size();
        for (var s : catalog.all()) {
            n += s.blockReadings;
        }
        return n;
    }

    @Override
    public synchronized void registerMeter(Meter meter) {
        ensureOpen();
        db.transaction("registering meter " + meter.id(), () -> {
            MeterTable.upsert(db.connection(), meter, clock.millis());
            return null;
        });
    }

    // ---------------------------------------------------------------- LedgerService

    @Override
    public synchronized Optional<LedgerEntry> head() {
        ensureOpen();
        return Optional.ofNullable(ledger.head());
    }

    @Override
    public synchronized VerificationReport verify() {
        return verify(VerifyScope.FULL);
    }

    @Override
    public synchronized VerificationReport verify(VerifyScope scope) {
        ensureOpen();
        return Verification.run(db, checkpoints, anchor, clock, scope, lastVerify);
    }

    /** The verify checkpoint and the last verify of this instance (for StoreAdmin.status()). */
    public synchronized VerifyStatus verifyStatus() {
        ensureOpen();
        var checkpoint = db.transaction("reading the verify checkpoint",
                () -> VerifyCheckpoints.entry(db.connection()));
        return new VerifyStatus(checkpoint, Optional.ofNullable(lastVerify.at),
                Optional.ofNullable(lastVerify.intact));
    }

    // ---------------------------------------------------------------- EmissionStore

    @Override
    public synchronized int store(List<EmissionRecord> records) {
        ensureOpen();
        int stored = emissionLedger.store(records);
        if (anchor != null && stored > 0) {
            anchor.committed(ledger.head());
        }
        return stored;
    }

    @Override
    public synchronized List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
        ensureOpen();
        return db.transaction("querying emissions", () -> EmissionTable.query(db.connection(), meterIds, from, to));
    }

    @Override
    public synchronized Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
        ensureOpen();
        return db.transaction("querying the last emission interval of " + meterId,
                () -> EmissionTable.lastIntervalEnd(db.connection(), meterId, method));
    }

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("Derby store " + (dir == null ? "" : dir + " ") + "is not open");
        }
    }
}
