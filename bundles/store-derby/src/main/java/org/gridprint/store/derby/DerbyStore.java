package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.VerificationReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading ledger, emission store and meter table in an embedded Apache Derby database.
 *
 * <p>Storage: every committed batch is one BATCH row (the ledger entry and the write-ahead log of its accepted
 * readings); accepted readings are kept per series in memory and flushed, many per row, into READING_BLOCK rows.
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
    private static final Quality[] QUALITIES = Quality.values();
    private static final Quantity[] QUANTITIES = Quantity.values();

    private Path dir;
    private Clock clock;
    private StoreOptions options;
    private Connection conn;
    private boolean open;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private final Map<String, Series[]> seriesByMeter = new HashMap<>();
    private final List<Series> seriesById = new ArrayList<>();
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private final List<String> sourceNames = new ArrayList<>();

    private LedgerEntry head;
    private long nextBatchId = 1;
    private long flushedBatchId;
    private long flushNo;
    private long nextBlockId = 1;
    private long readingCount;
    private int memtableSize;
    private long classifyMark;

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
            conn = DerbyEngine.open(dir, opts);
            open = true;
            conn.setAutoCommit(false);
            conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            int version = Schema.migrate(conn);
            int replayed = load();
            LOG.info("Derby store {} open: schema {}, {} readings in {} series, head batch {}, {} batches replayed "
                    + "from the write-ahead log", dir, version, readingCount, seriesById.size(),
                    head == null ? "-" : head.batchId(), replayed);
        } catch (SQLException | RuntimeException e) {
            if (open) {
                shutdown();
            }
            throw new IllegalStateException("Derby store " + dir + " (PID " + PID + ") could not be opened: "
                    + e.getMessage(), e);
        }
    }

    /** Flushes the memtable and shuts the database down (releasing its lock). */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        try {
            flushInternal();
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
        for (var ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                LOG.debug("closing statement: {}", e.getMessage());
            }
        }
        statements.clear();
        try {
            conn.rollback();
            conn.close();
        } catch (SQLException e) {
            LOG.warn("Derby store {}: closing the connection: {}", dir, e.getMessage());
        }
        DerbyEngine.close(dir);
        open = false;
        seriesByMeter.clear();
        seriesById.clear();
        sourceIds.clear();
        sourceNames.clear();
    }

    public synchronized Path directory() {
        return dir;
    }

    /** Readings held in memory (and in the write-ahead log), not yet in block rows. */
    public synchronized int memtableSize() {
        return memtableSize;
    }

    // ---------------------------------------------------------------- loading

    private int load() throws SQLException {
        try (var st = conn.createStatement()) {
            try (var rs = st.executeQuery("SELECT FLUSHED_BATCH_ID, FLUSH_NO FROM STORE_STATE WHERE ID = 1")) {
                rs.next();
                flushedBatchId = rs.getLong(1);
                flushNo = rs.getLong(2);
            }
            try (var rs = st.executeQuery("SELECT SERIES_ID, METER_ID, QUANTITY, BLOCK_LAST_TS, BLOCK_READINGS FROM SERIES "
                    + "ORDER BY SERIES_ID")) {
                while (rs.next()) {
                    var s = new Series(rs.getInt(1), rs.getString(2), Quantity.valueOf(rs.getString(3)), rs.getLong(4),
                            rs.getLong(5));
                    if (s.id != seriesById.size()) {
                        throw new SQLException("SERIES ids are not dense: expected " + seriesById.size() + ", found " + s.id);
                    }
                    seriesById.add(s);
                    seriesByMeter.computeIfAbsent(s.meterId, k -> new Series[QUANTITIES.length])[s.quantity.ordinal()] = s;
                    readingCount += s.blockReadings;
                }
            }
            try (var rs = st.executeQuery("SELECT SOURCE_ID, NAME FROM SOURCE ORDER BY SOURCE_ID")) {
                while (rs.next()) {
                    if (rs.getInt(1) != sourceNames.size()) {
                        throw new SQLException("SOURCE ids are not dense at " + rs.getInt(1));
                    }
                    sourceNames.add(rs.getString(2));
                    sourceIds.put(rs.getString(2), rs.getInt(1));
                }
            }
            try (var rs = st.executeQuery("SELECT MAX(BLOCK_ID) FROM READING_BLOCK")) {
                rs.next();
                nextBlockId = rs.getLong(1) + 1;
            }
            try (var rs = st.executeQuery("SELECT BATCH_ID, COMMITTED_AT, READING_COUNT, PREV_HASH, HASH FROM BATCH "
                    + "ORDER BY BATCH_ID DESC FETCH FIRST 1 ROWS ONLY")) {
                head = rs.next() ? entry(rs) : null;
                nextBatchId = head == null ? 1 : head.batchId() + 1;
            }
        }
        int replayed = 0;
        long lastReplayed = 0;
        var ps = statement("SELECT BATCH_ID, PART, PAYLOAD FROM WAL ORDER BY BATCH_ID, PART");
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                long batchId = rs.getLong(1);
                if (batchId <= flushedBatchId) {
                    LOG.warn("Derby store {}: WAL row of batch {} is at or before the flush watermark {}; ignored",
                            dir, batchId, flushedBatchId);
                    continue;
                }
                for (var e : WalCodec.decode(rs.getBytes(3), batchId)) {
                    seriesById.get(e.seriesId()).memtable.insert(e.ts(), e.value(), e.quality(), batchId, e.sourceId());
                    memtableSize++;
                    readingCount++;
                }
                if (batchId != lastReplayed) {
                    replayed++;
                    lastReplayed = batchId;
                }
            }
        }
        conn.commit();
        return replayed;
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getLong("BATCH_ID"), Instant.ofEpochMilli(rs.getLong("COMMITTED_AT")),
                rs.getInt("READING_COUNT"), rs.getString("PREV_HASH"), rs.getString("HASH"));
    }

    // ---------------------------------------------------------------- append

    private record Pending(Series series, Reading reading, Canonical.Row row, int sourceId) {
    }

    private record Key(int series, long ts) {
    }

    @Override
    public synchronized StoreResult append(String source, List<Reading> readings) {
        ensureOpen();
        if (readings.isEmpty()) {
            return new StoreResult(List.of(), Optional.empty());
        }
        long mark = ++classifyMark;
        int seriesBefore = seriesById.size();
        int sourcesBefore = sourceNames.size();
        var outcomes = new IngestOutcome[readings.size()];
        var accepted = new ArrayList<Pending>(readings.size());
        var conflicts = new ArrayList<IngestOutcome.Conflict>();
        try {
            classify(readings, mark, outcomes, accepted, conflicts);
        } catch (RuntimeException e) {
            forgetNewSeriesAndSources(seriesBefore, sourcesBefore);
            throw new IllegalStateException("Derby store " + dir + ": batch of " + readings.size() + " readings from "
                    + source + " was not stored: " + e.getMessage(), e);
        }
        LedgerEntry entry = null;
        try {
            insertNewSeriesAndSources(seriesBefore, sourcesBefore);
            if (!accepted.isEmpty()) {
                entry = insertBatch(source, accepted);
            }
            if (!conflicts.isEmpty()) {
                insertQuarantine(conflicts);
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            forgetNewSeriesAndSources(seriesBefore, sourcesBefore);
            throw new IllegalStateException("Derby store " + dir + ": batch of " + readings.size() + " readings from "
                    + source + " was not stored: " + e.getMessage(), e);
        }
        if (entry != null) {
            for (var p : accepted) {
                var r = p.reading();
                p.series().memtable.insert(p.row().ts(), r.value(), (byte) r.quality().ordinal(), entry.batchId(),
                        p.sourceId());
            }
            memtableSize += accepted.size();
            readingCount += accepted.size();
            head = entry;
            nextBatchId = entry.batchId() + 1;
            LOG.debug("batch {} from {}: {} accepted, {} conflicts, hash {}", entry.batchId(), source, accepted.size(),
                    conflicts.size(), entry.hash());
        }
        for (var c : conflicts) {
            LOG.warn("Derby store: {}", c.reason());
        }
        if (memtableSize >= options.flushThreshold()) {
            try {
                flushInternal();
            } catch (RuntimeException e) {
                LOG.error("Derby store {}: flush failed; readings stay in the write-ahead log: {}", dir, e.getMessage(), e);
            }
        }
        return new StoreResult(List.of(outcomes), Optional.ofNullable(entry));
    }

    private void classify(List<Reading> readings, long mark, IngestOutcome[] outcomes, List<Pending> accepted,
            List<IngestOutcome.Conflict> conflicts) {
        Map<Key, Double> inBatch = null;
        for (int i = 0; i < readings.size(); i++) {
            var r = readings.get(i);
            var s = seriesFor(r.meterId(), r.quantity());
            long t = r.timestamp().toEpochMilli();
            if (s.batchMark != mark) {
                s.batchMark = mark;
                s.batchLatest = s.latestTs();
            }
            Double stored = null;
            if (t <= s.batchLatest) {
                if (inBatch == null) {
                    inBatch = new HashMap<>();
                    for (var p : accepted) {
                        inBatch.put(new Key(p.series().id, p.row().ts()), p.reading().value());
                    }
                }
                stored = inBatch.get(new Key(s.id, t));
                if (stored == null) {
                    stored = storedValue(s, t);
                }
            }
            if (stored == null) {
                s.batchLatest = Math.max(s.batchLatest, t);
                var row = new Canonical.Row(r.meterId(), r.quantity(), t, r.value(), r.quality(), r.source());
                accepted.add(new Pending(s, r, row, sourceFor(r.source())));
                if (inBatch != null) {
                    inBatch.put(new Key(s.id, t), r.value());
                }
                outcomes[i] = new IngestOutcome.Accepted(r);
            } else if (Double.compare(stored, r.value()) == 0) {
                outcomes[i] = new IngestOutcome.Duplicate(r);
            } else {
                var reason = "conflict: " + r.meterId() + " " + r.quantity() + " at " + r.timestamp()
                        + " is already stored with value " + stored + "; received " + r.value() + " from "
                        + r.source() + " (quarantined, stored value kept)";
                var c = new IngestOutcome.Conflict(r, stored, reason);
                conflicts.add(c);
                outcomes[i] = c;
            }
        }
    }

    private Series seriesFor(String meterId, Quantity quantity) {
        var byQuantity = seriesByMeter.computeIfAbsent(meterId, k -> new Series[QUANTITIES.length]);
        var s = byQuantity[quantity.ordinal()];
        if (s == null) {
            s = new Series(seriesById.size(), meterId, quantity, Long.MIN_VALUE, 0);
            seriesById.add(s);
            byQuantity[quantity.ordinal()] = s;
        }
        return s;
    }

    private int sourceFor(String name) {
        var id = sourceIds.get(name);
        if (id == null) {
            id = sourceNames.size();
            sourceNames.add(name);
            sourceIds.put(name, id);
        }
        return id;
    }

    private void insertNewSeriesAndSources(int seriesBefore, int sourcesBefore) throws SQLException {
        if (seriesById.size() > seriesBefore) {
            var ps = statement("INSERT INTO SERIES (SERIES_ID, METER_ID, QUANTITY, BLOCK_LAST_TS, BLOCK_READINGS) "
                    + "VALUES (?, ?, ?, ?, 0)");
            for (int i = seriesBefore; i < seriesById.size(); i++) {
                var s = seriesById.get(i);
                ps.setInt(1, s.id);
                ps.setString(2, s.meterId);
                ps.setString(3, s.quantity.name());
                ps.setLong(4, Long.MIN_VALUE);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (sourceNames.size() > sourcesBefore) {
            var ps = statement("INSERT INTO SOURCE (SOURCE_ID, NAME) VALUES (?, ?)");
            for (int i = sourcesBefore; i < sourceNames.size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, sourceNames.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void forgetNewSeriesAndSources(int seriesBefore, int sourcesBefore) {
        while (seriesById.size() > seriesBefore) {
            var s = seriesById.remove(seriesById.size() - 1);
            seriesByMeter.get(s.meterId)[s.quantity.ordinal()] = null;
        }
        while (sourceNames.size() > sourcesBefore) {
            sourceIds.remove(sourceNames.remove(sourceNames.size() - 1));
        }
    }

    private LedgerEntry insertBatch(String source, List<Pending> accepted) throws SQLException {
        accepted.sort((a, b) -> Canonical.ORDER.compare(a.row(), b.row()));
        long batchId = nextBatchId;
        var previous = head == null ? Canonical.ZERO_HASH : head.hash();
        var md = Canonical.sha256(previous);
        var wal = WalCodec.allocate(accepted.size());
        for (var p : accepted) {
            md.update(Canonical.line(p.row()));
            var r = p.reading();
            WalCodec.put(wal, p.series().id, p.row().ts(), r.value(), (byte) r.quality().ordinal(), p.sourceId());
        }
        var hash = Canonical.hex(md.digest());
        var committedAt = clock.instant();
        var ps = statement("INSERT INTO BATCH (BATCH_ID, COMMITTED_AT, SOURCE, READING_COUNT, PREV_HASH, HASH) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
        ps.setLong(1, batchId);
        ps.setLong(2, committedAt.toEpochMilli());
        ps.setString(3, source);
        ps.setInt(4, accepted.size());
        ps.setString(5, previous);
        ps.setString(6, hash);
        ps.executeUpdate();
        var walRow = statement("INSERT INTO WAL (BATCH_ID, PART, PAYLOAD) VALUES (?, ?, ?)");
        var all = wal.array();
        int partBytes = WalCodec.PER_PART * WalCodec.RECORD;
        for (int part = 0, off = 0; off < all.length; part++, off += partBytes) {
            walRow.setLong(1, batchId);
            walRow.setInt(2, part);
            walRow.setBytes(3, java.util.Arrays.copyOfRange(all, off, Math.min(all.length, off + partBytes)));
            walRow.addBatch();
        }
        walRow.executeBatch();
        return new LedgerEntry(batchId, Instant.ofEpochMilli(committedAt.toEpochMilli()), accepted.size(), previous, hash);
    }

    private void insertQuarantine(List<IngestOutcome.Conflict> conflicts) throws SQLException {
        var ps = statement("INSERT INTO QUARANTINE (METER_ID, QUANTITY, TS, READING_VALUE, QUALITY, SOURCE, STORED_VALUE, "
                + "REASON, RECEIVED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        long now = clock.millis();
        for (var c : conflicts) {
            var r = c.reading();
            ps.setString(1, r.meterId());
            ps.setString(2, r.quantity().name());
            ps.setLong(3, r.timestamp().toEpochMilli());
            ps.setDouble(4, r.value());
            ps.setString(5, r.quality().name());
            ps.setString(6, r.source());
            ps.setDouble(7, c.storedValue());
            var reason = c.reason();
            ps.setString(8, reason.length() > 2000 ? reason.substring(0, 2000) : reason);
            ps.setLong(9, now);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The value stored under (series, ts), or null. */
    private Double storedValue(Series s, long t) throws IllegalStateException {
        int i = s.memtable.indexOf(t);
        if (i >= 0) {
            return s.memtable.value[i];
        }
        if (t <= s.blockLastTs) {
            var b = floorBlock(s, t);
            if (b != null && b.covers(t)) {
                int j = b.run().indexOf(t);
                if (j >= 0) {
                    return b.run().value[j];
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- blocks

    /** The block with the greatest first timestamp <= t (blocks of a series never overlap), or null. */
    private Series.Block floorBlock(Series s, long t) {
        var c = s.cached;
        if (c != null && c.covers(t)) {
            return c;
        }
        try {
            var ps = statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                    + "AND FIRST_TS <= ? ORDER BY SERIES_ID, FIRST_TS DESC FETCH FIRST 1 ROWS ONLY");
            ps.setInt(1, s.id);
            ps.setLong(2, t);
            var b = readBlock(ps);
            if (b != null) {
                s.cached = b;
            }
            return b;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the block of " + s.meterId + " " + s.quantity + " at " + t + ": "
                    + e.getMessage(), e);
        }
    }

    /** The block with the smallest first timestamp > t, or null. */
    private Series.Block ceilingBlock(Series s, long t) throws SQLException {
        var ps = statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                + "AND FIRST_TS > ? ORDER BY FIRST_TS FETCH FIRST 1 ROWS ONLY");
        ps.setInt(1, s.id);
        ps.setLong(2, t);
        return readBlock(ps);
    }

    private Series.Block readBlock(PreparedStatement ps) throws SQLException {
        try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            var digests = new int[1][];
            var run = Run.decodeBlock(rs.getBytes(4), digests);
            return new Series.Block(rs.getLong(1), rs.getLong(2), rs.getLong(3), run, digests[0]);
        }
    }

    /** Writes the memtable into block rows now. */
    public synchronized void flush() {
        ensureOpen();
        flushInternal();
    }

    private void flushInternal() {
        if (memtableSize == 0) {
            return;
        }
        long watermark = nextBatchId - 1;
        long firstBatch = flushedBatchId + 1;
        long fno = flushNo + 1;
        long blockIdBefore = nextBlockId;
        int flushed = memtableSize;
        var touched = new ArrayList<Series>();
        long tStart = System.nanoTime();
        try {
            var insBlock = statement("INSERT INTO READING_BLOCK (BLOCK_ID, SERIES_ID, FIRST_TS, LAST_TS, READING_COUNT, "
                    + "MIN_BATCH_ID, MAX_BATCH_ID, PAYLOAD) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            var insLink = statement("INSERT INTO BLOCK_FLUSH (FLUSH_NO, BLOCK_ID) VALUES (?, ?)");
            var updSeries = statement("UPDATE SERIES SET BLOCK_LAST_TS = ?, BLOCK_READINGS = ? WHERE SERIES_ID = ?");
            int blocks = 0;
            var newBlocks = new ArrayList<NewBlock>();
            for (var s : seriesById) {
                var m = s.memtable;
                if (m.isEmpty()) {
                    continue;
                }
                touched.add(s);
                int lateEnd = s.blockLastTs == Long.MIN_VALUE ? 0 : m.firstAtOrAfter(s.blockLastTs + 1);
                if (lateEnd > 0) {
                    mergeLate(s, lateEnd, fno, insLink);
                }
                for (int from = lateEnd; from < m.size; from += options.maxBlockReadings()) {
                    int to = Math.min(m.size, from + options.maxBlockReadings());
                    var digests = new int[to - from];
                    for (int i = from; i < to; i++) {
                        digests[i - from] = digestOf(s, m, i);
                    }
                    newBlocks.add(new NewBlock(s.id, m.ts[from], m.ts[to - 1], to - from, m.minBatch(from, to),
                            m.maxBatch(from, to), m.encodeBlock(from, to, digests)));
                }
                updSeries.setLong(1, Math.max(s.blockLastTs, m.lastTs()));
                updSeries.setLong(2, s.blockReadings + m.size);
                updSeries.setInt(3, s.id);
                updSeries.addBatch();
            }
            // full blocks first, the small remainders after them: Derby appends rows to the last page, so the
            // remainders then share pages instead of taking one page each
            newBlocks.sort((a, b) -> Integer.compare(b.count(), a.count()));
            for (var nb : newBlocks) {
                long blockId = nextBlockId++;
                insBlock.setLong(1, blockId);
                insBlock.setInt(2, nb.seriesId());
                insBlock.setLong(3, nb.firstTs());
                insBlock.setLong(4, nb.lastTs());
                insBlock.setInt(5, nb.count());
                insBlock.setLong(6, nb.minBatch());
                insBlock.setLong(7, nb.maxBatch());
                insBlock.setBytes(8, nb.payload());
                insBlock.addBatch();
                insLink.setLong(1, fno);
                insLink.setLong(2, blockId);
                insLink.addBatch();
                blocks++;
            }
            long tBuilt = System.nanoTime();
            insBlock.executeBatch();
            long tBlocks = System.nanoTime();
            insLink.executeBatch();
            updSeries.executeBatch();
            long tSeries = System.nanoTime();
            var insFlush = statement("INSERT INTO FLUSH (FLUSH_NO, FIRST_BATCH_ID, LAST_BATCH_ID, READING_COUNT, "
                    + "FLUSHED_AT) VALUES (?, ?, ?, ?, ?)");
            insFlush.setLong(1, fno);
            insFlush.setLong(2, firstBatch);
            insFlush.setLong(3, watermark);
            insFlush.setInt(4, flushed);
            insFlush.setLong(5, clock.millis());
            insFlush.executeUpdate();
            var state = statement("UPDATE STORE_STATE SET FLUSHED_BATCH_ID = ?, FLUSH_NO = ? WHERE ID = 1");
            state.setLong(1, watermark);
            state.setLong(2, fno);
            state.executeUpdate();
            var clearWal = statement("DELETE FROM WAL WHERE BATCH_ID <= ?");
            clearWal.setLong(1, watermark);
            clearWal.executeUpdate();
            long tClear = System.nanoTime();
            conn.commit();
            long tCommit = System.nanoTime();
            for (var s : touched) {
                s.blockLastTs = Math.max(s.blockLastTs, s.memtable.lastTs());
                s.blockReadings += s.memtable.size;
                s.memtable.clear();
            }
            memtableSize = 0;
            flushedBatchId = watermark;
            flushNo = fno;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Derby store {}: flush {} wrote {} readings of batches {}..{} into {} new blocks in {} ms "
                        + "(encode {}, insert blocks {}, links+series {}, state+WAL clear {}, commit {})", dir, fno,
                        flushed, firstBatch, watermark, blocks, (tCommit - tStart) / 1_000_000,
                        (tBuilt - tStart) / 1_000_000, (tBlocks - tBuilt) / 1_000_000, (tSeries - tBlocks) / 1_000_000,
                        (tClear - tSeries) / 1_000_000, (tCommit - tClear) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            nextBlockId = blockIdBefore;
            for (var s : touched) {
                s.cached = null;
            }
            throw new IllegalStateException("Derby store " + dir + ": flush " + fno + " of batches " + firstBatch + ".."
                    + watermark + " failed: " + e.getMessage(), e);
        }
    }

    private record NewBlock(int seriesId, long firstTs, long lastTs, int count, long minBatch, long maxBatch,
            byte[] payload) {
    }

    private int digestOf(Series s, Run run, int i) {
        return Canonical.digest(Canonical.line(new Canonical.Row(s.meterId, s.quantity, run.ts[i], run.value[i],
                QUALITIES[run.quality[i]], sourceNames.get(run.source[i]))));
    }

    /**
     * Merges memtable readings {@code [0, lateEnd)} (not after the series' last block) into existing blocks: the
     * block whose range holds the reading, else the next block (its range is extended down). Keeps blocks of a
     * series non-overlapping.
     */
    private void mergeLate(Series s, int lateEnd, long fno, PreparedStatement link) throws SQLException {
        var m = s.memtable;
        var targets = new LinkedHashMap<Long, Series.Block>();
        var members = new HashMap<Long, List<Integer>>();
        for (int i = 0; i < lateEnd; i++) {
            long t = m.ts[i];
            var b = floorBlock(s, t);
            if (b == null || !b.covers(t)) {
                b = ceilingBlock(s, t);
                if (b == null) {
                    throw new SQLException("no block after " + t + " for " + s.meterId + " " + s.quantity
                            + " although its last block ends at " + s.blockLastTs);
                }
            }
            targets.putIfAbsent(b.blockId(), b);
            members.computeIfAbsent(b.blockId(), k -> new ArrayList<>()).add(i);
        }
        var upd = statement("UPDATE READING_BLOCK SET FIRST_TS = ?, LAST_TS = ?, READING_COUNT = ?, MIN_BATCH_ID = ?, "
                + "MAX_BATCH_ID = ?, PAYLOAD = ? WHERE BLOCK_ID = ?");
        // not the flush's batched insert statement: this one executes at once
        var newBlock = statement("INSERT INTO READING_BLOCK (SERIES_ID, BLOCK_ID, FIRST_TS, LAST_TS, READING_COUNT, "
                + "MIN_BATCH_ID, MAX_BATCH_ID, PAYLOAD) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (var b : targets.values()) {
            var old = b.run();
            var idx = members.get(b.blockId());
            int n = old.size + idx.size();
            var merged = new Run(n);
            var digests = new int[n];
            int a = 0;
            int k = 0;
            for (int out = 0; out < n; out++) {
                boolean takeOld = k >= idx.size() || (a < old.size && old.ts[a] < m.ts[idx.get(k)]);
                if (takeOld) {
                    merged.insert(old.ts[a], old.value[a], old.quality[a], old.batch[a], old.source[a]);
                    digests[out] = b.digests()[a++];
                } else {
                    int i = idx.get(k++);
                    merged.insert(m.ts[i], m.value[i], m.quality[i], m.batch[i], m.source[i]);
                    digests[out] = digestOf(s, m, i);
                }
            }
            // write back, split into rows of at most maxBlockReadings (contiguous ranges: still no overlap)
            int max = options.maxBlockReadings();
            for (int from = 0; from < n; from += max) {
                int to = Math.min(n, from + max);
                var part = java.util.Arrays.copyOfRange(digests, from, to);
                long id = from == 0 ? b.blockId() : nextBlockId++;
                var ps = from == 0 ? upd : newBlock;
                if (from == 0) {
                    upd.setLong(1, merged.ts[from]);
                    upd.setLong(2, merged.ts[to - 1]);
                    upd.setInt(3, to - from);
                    upd.setLong(4, merged.minBatch(from, to));
                    upd.setLong(5, merged.maxBatch(from, to));
                    upd.setBytes(6, merged.encodeBlock(from, to, part));
                    upd.setLong(7, id);
                } else {
                    newBlock.setInt(1, s.id);
                    newBlock.setLong(2, id);
                    newBlock.setLong(3, merged.ts[from]);
                    newBlock.setLong(4, merged.ts[to - 1]);
                    newBlock.setInt(5, to - from);
                    newBlock.setLong(6, merged.minBatch(from, to));
                    newBlock.setLong(7, merged.maxBatch(from, to));
                    newBlock.setBytes(8, merged.encodeBlock(from, to, part));
                }
                ps.executeUpdate();
                // verify finds a reading through the flush that wrote its batch: link every such flush
                var flushes = new java.util.TreeSet<Long>();
                flushes.add(fno);
                if (from > 0) {
                    for (int i = from; i < to; i++) {
                        if (merged.batch[i] <= flushedBatchId) {
                            flushes.add(flushOf(merged.batch[i]));
                        }
                    }
                }
                for (long f : flushes) {
                    link.setLong(1, f);
                    link.setLong(2, id);
                    link.addBatch();
                }
            }
        }
        s.cached = null;
        LOG.info("Derby store: merged {} late readings of {} {} into {} existing blocks", lateEnd, s.meterId, s.quantity,
                targets.size());
    }

    private long flushOf(long batchId) throws SQLException {
        var ps = statement("SELECT FLUSH_NO FROM FLUSH WHERE FIRST_BATCH_ID <= ? AND LAST_BATCH_ID >= ?");
        ps.setLong(1, batchId);
        ps.setLong(2, batchId);
        try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no FLUSH row covers batch " + batchId);
            }
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public synchronized List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        ensureOpen();
        var s = existingSeries(meterId, quantity);
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        if (s == null || f >= t) {
            return List.of();
        }
        var runs = new ArrayList<Run>();
        try {
            long lower = f;
            var floor = floorBlock(s, f);
            if (floor != null) {
                lower = floor.firstTs();
            }
            var ps = statement("SELECT BLOCK_ID, FIRST_TS, LAST_TS, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? "
                    + "AND FIRST_TS >= ? AND FIRST_TS < ? ORDER BY SERIES_ID, FIRST_TS DESC");
            ps.setInt(1, s.id);
            ps.setLong(2, lower);
            ps.setLong(3, t);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(Run.decodeBlock(rs.getBytes(4), null));
                }
            }
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("querying readings of " + meterId + " " + quantity + ": " + e.getMessage(), e);
        }
        runs.add(s.memtable);
        var result = new ArrayList<Reading>();
        for (var run : runs) {
            for (int i = run.firstAtOrAfter(f); i < run.size && run.ts[i] < t; i++) {
                result.add(reading(s, run, i));
            }
        }
        result.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        return result;
    }

    @Override
    public synchronized Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        ensureOpen();
        var s = existingSeries(meterId, quantity);
        return s == null ? Optional.empty() : latestBefore(s, before.toEpochMilli());
    }

    @Override
    public synchronized Optional<Reading> latest(String meterId, Quantity quantity) {
        ensureOpen();
        var s = existingSeries(meterId, quantity);
        return s == null ? Optional.empty() : latestBefore(s, Long.MAX_VALUE);
    }

    private Optional<Reading> latestBefore(Series s, long before) {
        Reading best = null;
        int i = s.memtable.lastBefore(before);
        if (i >= 0) {
            best = reading(s, s.memtable, i);
        }
        if (s.blockLastTs != Long.MIN_VALUE && (best == null || best.timestamp().toEpochMilli() < s.blockLastTs)) {
            var b = floorBlock(s, before - 1);
            if (b != null) {
                int j = b.run().lastBefore(before);
                if (j >= 0 && (best == null || b.run().ts[j] > best.timestamp().toEpochMilli())) {
                    best = reading(s, b.run(), j);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Reading reading(Series s, Run run, int i) {
        return new Reading(s.meterId, s.quantity, Instant.ofEpochMilli(run.ts[i]), run.value[i],
                QUALITIES[run.quality[i]], sourceNames.get(run.source[i]));
    }

    private Series existingSeries(String meterId, Quantity quantity) {
        var byQuantity = seriesByMeter.get(meterId);
        return byQuantity == null ? null : byQuantity[quantity.ordinal()];
    }

    @Override
    public synchronized List<QuarantinedReading> quarantine(int limit) {
        ensureOpen();
        if (limit <= 0) {
            return List.of();
        }
        try {
            var ps = statement("SELECT ID, METER_ID, QUANTITY, TS, READING_VALUE, QUALITY, SOURCE, STORED_VALUE, REASON, "
                    + "RECEIVED_AT FROM QUARANTINE ORDER BY ID DESC");
            ps.setMaxRows(limit);
            var out = new ArrayList<QuarantinedReading>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var r = new Reading(rs.getString(2), Quantity.valueOf(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getDouble(5), Quality.valueOf(rs.getString(6)),
                            rs.getString(7));
                    out.add(new QuarantinedReading(rs.getLong(1), r, rs.getDouble(8), rs.getString(9),
                            Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
            conn.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("reading the quarantine: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long readingCount() {
        ensureOpen();
        return readingCount;
    }

    @Override
    public synchronized void registerMeter(Meter meter) {
        ensureOpen();
        try {
            MeterTable.upsert(conn, meter, clock.millis());
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("registering meter " + meter.id() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- ledger

    @Override
    public synchronized Optional<LedgerEntry> head() {
        ensureOpen();
        return Optional.ofNullable(head);
    }

    @Override
    public synchronized VerificationReport verify() {
        ensureOpen();
        try {
            var report = new LedgerVerifier(conn, seriesById, sourceNames, flushedBatchId).verify();
            conn.commit();
            if (report instanceof VerificationReport.Broken b) {
                LOG.error("Derby store {}: ledger broken at batch {}: {} {}", dir, b.batchId(), b.reason(),
                        b.row().orElse(""));
            }
            return report;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("verifying the ledger: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- emissions

    @Override
    public synchronized int store(List<EmissionRecord> records) {
        ensureOpen();
        try {
            int added = EmissionTable.store(conn, records);
            conn.commit();
            return added;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("storing " + records.size() + " emission records: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
        ensureOpen();
        try {
            var out = EmissionTable.query(conn, meterIds, from, to);
            conn.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("querying emissions: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
        ensureOpen();
        try {
            var out = EmissionTable.lastIntervalEnd(conn, meterId, method);
            conn.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("querying the last emission interval of " + meterId + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- JDBC helpers

    private void ensureOpen() {
        if (!open) {
            throw new IllegalStateException("Derby store " + (dir == null ? "" : dir + " ") + "is not open");
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        var ps = statements.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private void rollbackQuietly() {
        try {
            conn.rollback();
        } catch (SQLException e) {
            LOG.warn("Derby store {}: rollback failed: {}", dir, e.getMessage());
        }
    }

}
