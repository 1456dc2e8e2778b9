package org.gridprint.store.postgres;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Alarm;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
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
 * The reading ledger, emission store and meter table in a PostgreSQL server: the DS component (PID
 * {@value #PID}, configuration required) and the service facade. One writer thread with group commit owns the
 * writer's connection (see {@link Writer}); queries, scans and verify run on pooled reader connections (HikariCP).
 * The server may be unreachable at start or go away later: the component stays up, appends are refused with the
 * reason until the writer is connected again, and one STORE_UNAVAILABLE alarm is raised and cleared.
 *
 * <p>Without OSGi: {@link #open(PostgresOptions, Clock, AlarmSink)} and {@link #close()}.
 */
@Designate(ocd = Config.class)
@Component(configurationPid = PostgresStore.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = { ReadingStore.class, LedgerService.class, EmissionStore.class, StoreAdmin.class,
                EmissionWindowStore.class, RecordRegister.class, IntensityStore.class })
public class PostgresStore implements ReadingStore, LedgerService, EmissionStore, StoreAdmin, EmissionWindowStore,
        RecordRegister, IntensityStore, AutoCloseable {

    public static final String PID = "org.gridprint.store.postgres";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private PostgresOptions options;
    private String where;
    private Pools pools;
    private Anchors anchors;
    private Availability availability;
    private Writer writer;
    private Readers readers;
    private Verifier verifier;
    private WindowReads windowReads;
    private WindowTotals windowTotals;
    private RegisterReads registerReads;
    private IntensityTable intensity;
    private boolean open;

    /** For Declarative Services; use {@link #open(PostgresOptions, Clock, AlarmSink)} without OSGi. */
    public PostgresStore() {
    }

    /**
     * Starts the store: the anchor directory, the pool, the writer (one connection attempt here, then its thread).
     * An unreachable server does not fail this: the store reports unavailable and keeps trying.
     */
    public static PostgresStore open(PostgresOptions options, Clock clock, AlarmSink alarms) {
        var store = new PostgresStore();
        store.start(options, clock, alarms);
        return store;
    }

    @Activate
    void activate(Config config) {
        start(PostgresOptions.of(config), Clock.systemUTC(), this::postAlarm);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    private void postAlarm(Alarm alarm) {
        var ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        }
    }

    private synchronized void start(PostgresOptions opts, Clock clk, AlarmSink alarms) {
        if (open) {
            throw new IllegalStateException("PostgreSQL store is already open");
        }
        this.options = opts;
        this.where = ServerAddress.hostPortDatabase(opts.url());
        anchors = Anchors.open(opts.anchorDirectory().toAbsolutePath(), clk);
        try {
            pools = Pools.create(opts);
            availability = new Availability(where, clk, alarms);
            readers = new Readers(pools.readers(), opts.schema(), opts.masking(), where);
            verifier = new Verifier(readers, opts.schema(), anchors, clk);
            windowReads = new WindowReads(readers, opts.schema());
            windowTotals = new WindowTotals(readers, opts.schema(), opts.poolSize() >= 2);
            registerReads = new RegisterReads(readers, opts.schema());
            intensity = new IntensityTable(readers, opts.schema());
            writer = new Writer(pools.writer(), opts, clk, availability, anchors, where);
            writer.start();
        } catch (RuntimeException e) {
            if (pools != null) {
                pools.close();
            }
            anchors.close();
            throw e;
        }
        open = true;
        var head = writer.head();
        LOG.info("PostgreSQL store {} schema {} started ({}): head entry {}, {} readings; head log {}", where,
                opts.schema(), availability.available() ? "connected" : "not connected yet, retrying",
                head.map(h -> String.valueOf(h.batchId())).orElse("-"), writer.readingCount(),
                anchors.headLogFile());
    }

    /** Commits what is queued, anchors the head, closes the writer and the pool. */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        availability.closing();
        writer.close();
        windowTotals.close();
        pools.close();
        anchors.close();
        LOG.info("PostgreSQL store {} schema {} closed", where, options.schema());
    }

    /** Stops as a crash would: no final anchor of the head. For tests. */
    synchronized void abandon() {
        if (!open) {
            return;
        }
        open = false;
        availability.closing();
        writer.close(false);
        windowTotals.close();
        pools.close();
        anchors.close();
    }

    /** Where the head log and the checkpoint file are. */
    public Path anchorDirectory() {
        return anchors.directory();
    }

    /** Durable commits so far (one per group of batches). */
    public long commits() {
        return writer.commits();
    }

    /** Batches waiting for the writer (for tests). */
    int queued() {
        return writer.queued();
    }

    public boolean available() {
        return availability.available();
    }

    // ---------------------------------------------------------------- ReadingStore

    @Override
    public StoreResult append(String source, List<Reading> readings) {
        if (readings.isEmpty()) {
            return new StoreResult(List.of(), Optional.empty());
        }
        BatchCheck.check(source, readings);
        return writer.append(source, canonicalNaN(readings));
    }

    /** NaN is stored as the one canonical NaN (PostgreSQL keeps no NaN payload), so it hashes the same on reading. */
    private static List<Reading> canonicalNaN(List<Reading> readings) {
        List<Reading> out = null;
        for (int i = 0; i < readings.size(); i++) {
            var r = readings.get(i);
            if (Double.isNaN(r.value())
                    && Double.doubleToRawLongBits(r.value()) != Double.doubleToRawLongBits(Double.NaN)) {
                if (out == null) {
                    out = new ArrayList<>(readings);
                }
                out.set(i, new Reading(r.meterId(), r.quantity(), r.timestamp(), Double.NaN, r.quality(),
                        r.source()));
            }
        }
        return out == null ? List.copyOf(readings) : out;
    }

    /** Queued for the writer (it never waits for the server); see {@link Writer#registerMeter}. */
    @Override
    public void registerMeter(Meter meter) {
        writer.registerMeter(meter);
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        return readers.readings(meterId, quantity, from, to);
    }

    @Override
    public long scan(String meterId, Quantity quantity, Instant from, Instant to, ReadingSink sink) {
        return readers.scan(meterId, quantity, from, to, sink);
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        return readers.latestBefore(meterId, quantity, before);
    }

    @Override
    public Optional<Reading> latest(String meterId, Quantity quantity) {
        return readers.latest(meterId, quantity);
    }

    @Override
    public List<QuarantinedReading> quarantine(int limit) {
        return readers.quarantine(limit);
    }

    @Override
    public long readingCount() {
        return writer.readingCount();
    }

    @Override
    public Optional<HeldSpan> heldSpan() {
        return readers.heldSpan();
    }

    // ---------------------------------------------------------------- LedgerService

    @Override
    public Optional<LedgerEntry> head() {
        return writer.head();
    }

    @Override
    public VerificationReport verify() {
        return verify(VerifyScope.FULL);
    }

    @Override
    public VerificationReport verify(VerifyScope scope) {
        return verifier.verify(scope);
    }

    // ---------------------------------------------------------------- EmissionStore

    @Override
    public int store(List<EmissionRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        return writer.storeEmissions(records);
    }

    @Override
    public List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
        return readers.emissions(meterIds, from, to);
    }

    @Override
    public Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
        return readers.lastIntervalEnd(meterId, method);
    }

    // ---------------------------------------------------------------- EmissionWindowStore

    @Override
    public WindowWriteResult storeWindows(List<EmissionWindow> windows, String reason) {
        var why = CarbonCheck.reason(reason);
        CarbonCheck.windows(windows, why);
        if (windows.isEmpty()) {
            return new WindowWriteResult(0, 0, 0, Optional.empty());
        }
        return writer.storeWindows(windows, why);
    }

    @Override
    public List<EmissionWindow> windows(WindowQuery query) {
        return windowReads.windows(query);
    }

    @Override
    public long scanWindows(WindowQuery query, WindowSink sink) {
        return windowReads.scan(query, sink);
    }

    @Override
    public Optional<EmissionWindow> window(WindowKey key) {
        return windowReads.window(key);
    }

    @Override
    public Optional<EmissionWindow> lastWindow(String meterId, Quantity quantity, Scope scope,
            AccountingMethod method) {
        return windowReads.lastWindow(meterId, quantity, scope, method);
    }

    @Override
    public List<WindowVersion> history(WindowKey key) {
        return windowReads.history(key);
    }

    @Override
    public List<WindowTotal> totals(TotalsQuery query) {
        return windowTotals.totals(query);
    }

    @Override
    public long windowCount() {
        return windowReads.count();
    }

    // ---------------------------------------------------------------- RecordRegister

    @Override
    public RegisterRecord put(String register, String key, String text, String reason) {
        var why = CarbonCheck.reason(reason);
        CarbonCheck.record(register, key, text, why);
        return writer.put(register, key, text, why, -1).orElseThrow();
    }

    @Override
    public Optional<RegisterRecord> putIfVersion(String register, String key, String text, String reason,
            int expectedVersion) {
        var why = CarbonCheck.reason(reason);
        CarbonCheck.record(register, key, text, why);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("register " + register + " key " + key + ": expected version "
                    + expectedVersion + " must be >= 0 (0: the key must be new)");
        }
        return writer.put(register, key, text, why, expectedVersion);
    }

    @Override
    public Optional<RegisterRecord> get(String register, String key) {
        return registerReads.get(register, key);
    }

    @Override
    public Optional<RegisterRecord> byRef(long ref) {
        return registerReads.byRef(ref);
    }

    @Override
    public List<RegisterRecord> list(String register) {
        return registerReads.list(register);
    }

    @Override
    public List<RegisterRecord> history(String register, String key) {
        return registerReads.history(register, key);
    }

    // ---------------------------------------------------------------- IntensityStore

    @Override
    public int storeIntensity(List<IntensityPoint> points) {
        if (points.isEmpty()) {
            return 0;
        }
        return intensity.store(points);
    }

    @Override
    public List<IntensityPoint> intensity(String provider, String region, IntensitySignal signal, Instant from,
            Instant to) {
        return intensity.intensity(provider, region, signal, from, to);
    }

    @Override
    public List<IntensityPoint> forecast(String provider, String region, IntensitySignal signal, Instant from,
            Instant to) {
        return intensity.forecast(provider, region, signal, from, to);
    }

    @Override
    public Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal) {
        return intensity.latest(provider, region, signal);
    }

    // ---------------------------------------------------------------- StoreAdmin

    @Override
    public StoreStatus status() {
        var location = ServerAddress.withoutQuery(options.url()) + " schema " + options.schema();
        var backend = "PostgreSQL";
        long bytes = -1;
        long series = -1;
        Optional<LedgerEntry> checkpoint = Optional.empty();
        if (availability.available()) {
            try {
                backend = "PostgreSQL " + readers.serverVersion();
                bytes = readers.bytesOnDisk();
                series = readers.seriesCount();
                checkpoint = verifier.checkpoint();
            } catch (IllegalStateException e) {
                LOG.debug("status: {}", e.getMessage());
            }
        }
        var last = verifier.last();
        return new StoreStatus(backend, location, availability.available(), availability.lastError(), bytes,
                writer.readingCount(), series, 0, Optional.empty(), writer.head(), checkpoint,
                last.map(Verifier.LastVerify::at), last.map(Verifier.LastVerify::intact));
    }

    @Override
    public Path backup(Path targetDirectory) {
        throw new UnsupportedOperationException("the PostgreSQL store is backed up with the server's own tools: "
                + "pg_dump -Fc -n " + options.schema() + " (logical, online) or pg_basebackup (physical), and "
                + "with a copy of the head log " + anchors.headLogFile() + "; see the README of "
                + "bundles/store-postgres");
    }
}
