package org.gridprint.store.derby;

import java.io.IOException;
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
import org.gridprint.api.store.StoreAdmin;
import org.gridprint.api.store.StoreStatus;
import org.gridprint.api.store.VerificationReport;
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
        service = { ReadingStore.class, LedgerService.class, EmissionStore.class, StoreAdmin.class })
public class DerbyStore implements ReadingStore, LedgerService, EmissionStore, StoreAdmin, AutoCloseable {

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
    private final LastVerify lastVerify = new LastVerify();

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
        var options = new StoreOptions(config.pageCacheSize(), config.flushThreshold(), config.maxBlockReadings());
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
        ledger = new BatchLedger(db, clock);
        flusher = new Flusher(db, clock, options, catalog, memtable, blocks, new FlushTable(db), ledger);
        quarantine = new QuarantineTable(db);
        appender = new Appender(db, clock, catalog, new BatchClassifier(catalog, blocks), ledger, quarantine, memtable);
        queries = new ReadingQueries(db, catalog, blocks);

        flusher.load();
        catalog.load();
        blocks.load();
        ledger.load();
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
        shutdown();
        LOG.info("Derby store {} closed", dir);
    }

    /** Closes without flushing, as after a crash: the next open replays the write-ahead log. For tests. */
    synchronized void abandon() {
        if (open) {
            shutdown();
        }
    }

    private void shutdown() {
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

    // ---------------------------------------------------------------- ReadingStore

    @Override
    public synchronized StoreResult append(String source, List<Reading> readings) {
        ensureOpen();
        if (readings.isEmpty()) {
            return new StoreResult(List.of(), Optional.empty());
        }
        var result = appender.append(source, readings);
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
        ensureOpen();
        var report = db.transaction("verifying the ledger",
                () -> new LedgerVerifier(db.connection(), catalog, flusher.flushedBatchId()).verify());
        lastVerify.record(report, clock.instant());
        if (report instanceof VerificationReport.Broken b) {
            LOG.error("Derby store {}: ledger broken at batch {}: {} {}", dir, b.batchId(), b.reason(),
                    b.row().orElse(""));
        }
        return report;
    }

    // ---------------------------------------------------------------- StoreAdmin

    /** The status; the in-memory facts under the monitor, the rest on a reader connection (see StoreStatusReader). */
    @Override
    public StoreStatus status() {
        StoreStatusReader.Facts facts;
        Path d;
        synchronized (this) {
            ensureOpen();
            d = dir;
            facts = new StoreStatusReader.Facts(storedReadings(), memtable.size(), Optional.ofNullable(ledger.head()),
                    open, Optional.empty());
        }
        return StoreStatusReader.read(d, facts, lastVerify);
    }

    /** An online backup on a reader connection (see StoreBackup); not synchronized: ingest goes on meanwhile. */
    @Override
    public Path backup(Path targetDirectory) throws IOException {
        Path d;
        synchronized (this) {
            ensureOpen();
            d = dir;
        }
        return StoreBackup.run(d, targetDirectory, clock);
    }

    // ---------------------------------------------------------------- EmissionStore

    @Override
    public synchronized int store(List<EmissionRecord> records) {
        ensureOpen();
        return db.transaction("storing " + records.size() + " emission records",
                () -> EmissionTable.store(db.connection(), records));
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
