package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.api.store.WindowWriteResult;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryKind;
import org.gridprint.store.postgres.window.RegisterAppend;
import org.gridprint.store.postgres.window.SeriesTable;
import org.gridprint.store.postgres.window.WindowAppend;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.LedgerFormat;

/**
 * The writer's connection and what it knows: the catalog of series and sources, the ledger head and the prepared
 * statements. Holds a session advisory lock so that only one store writes a schema. Writer thread only; replaced
 * as a whole after the connection is lost.
 */
final class WriterSession implements AutoCloseable {

    private final Connection c;
    private final String schema;
    private final Catalog catalog;
    private final ReadingAppend readings;
    private final EmissionAppend emissions;
    private final PreparedStatement entryRow;
    private final PreparedStatement readingCount;
    private final MeterTable meters;
    private final SeriesTable windowSeries;
    private final WindowAppend windows;
    private final RegisterAppend register;
    private Head head;
    private long pendingReadings;
    private int pendingEntries;

    private WriterSession(Connection c, String schema, Catalog catalog, Head head) throws SQLException {
        this.c = c;
        this.schema = schema;
        this.catalog = catalog;
        this.head = head;
        readings = new ReadingAppend(c, schema);
        emissions = new EmissionAppend(c, schema);
        entryRow = c.prepareStatement("INSERT INTO " + schema + ".ledger_entry (entry_id, format, kind, committed_at, "
                + "source, item_count, basis_entry_id, reading_count, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        meters = new MeterTable(c, schema);
        windowSeries = new SeriesTable(schema);
        windowSeries.load(c);
        windows = new WindowAppend(c, schema, windowSeries);
        register = new RegisterAppend(c, schema);
        readingCount = c.prepareStatement("UPDATE " + schema + ".store_state SET readings = readings + ? WHERE id = 1");
    }

    /** Connects, takes the writer lock, migrates the schema and loads the catalog and the head. */
    static WriterSession open(DataSource ds, String schema, Clock clock, String where) throws SQLException {
        var c = ds.getConnection();
        try {
            c.setAutoCommit(true);
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT pg_try_advisory_lock(hashtext('gridprint-writer:" + schema
                            + "'))")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new SQLException("another Gridprint store is already writing schema " + schema + " at "
                            + where + " (it holds the writer's advisory lock); one store per schema", "55P03");
                }
            }
            Schema.migrate(c, schema, clock);
            var catalog = new Catalog(schema);
            catalog.load(c);
            var head = loadHead(c, schema);
            return new WriterSession(c, schema, catalog, head);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    static Head loadHead(Connection c, String schema) throws SQLException {
        Optional<LedgerEntry> entry = Optional.empty();
        long readingsEntry = 0;
        long readingCount = 0;
        try (var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT entry_id, committed_at, reading_count, prev_hash, hash FROM " + schema
                    + ".ledger_entry ORDER BY entry_id DESC LIMIT 1")) {
                if (rs.next()) {
                    entry = Optional.of(Head.entry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            try (var rs = st.executeQuery("SELECT coalesce(max(entry_id), 0) FROM " + schema
                    + ".ledger_entry WHERE kind = 'READINGS'")) {
                rs.next();
                readingsEntry = rs.getLong(1);
            }
            try (var rs = st.executeQuery("SELECT readings FROM " + schema + ".store_state WHERE id = 1")) {
                if (rs.next()) {
                    readingCount = rs.getLong(1);
                }
            }
        }
        c.commit();
        return new Head(entry, readingsEntry, readingCount);
    }

    Head head() {
        return head;
    }

    void restore(Head before) {
        head = before;
        pendingReadings = 0;
        pendingEntries = 0;
        try {
            entryRow.clearBatch();
            readings.discard();
            windows.discard();
        } catch (SQLException ignored) {
            // a broken connection: this session is replaced
        }
    }

    /** Upserts meter metadata in a transaction of its own. */
    void upsertMeters(java.util.Collection<org.gridprint.api.Meter> list, long now) throws SQLException {
        try {
            meters.upsert(list, now);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Inserts and commits the series and sources these readings need (before the group's transaction). */
    void prepareCatalog(List<Reading> all) throws SQLException {
        catalog.ensure(c, all);
    }

    /** Appends consecutive batches in the open transaction; returns each caller's result, in order. */
    List<StoreResult> append(List<ReadingAppend.Batch> batches, long now) throws SQLException {
        return readings.append(catalog, batches, new ReadingAppend.Entries() {
            @Override
            public long nextId() {
                return head.nextId();
            }

            @Override
            public LedgerEntry write(EntryHeader header, List<String> lines, int accepted) throws SQLException {
                pendingReadings += accepted;
                return writeEntry(header, lines, true, accepted);
            }
        }, now);
    }

    /** Stores emission records in the open transaction; returns how many were new. */
    int storeEmissions(List<EmissionRecord> records, long now) throws SQLException {
        var s = emissions.store(records, head.nextId(), head.readingsEntryId(), now);
        if (s.header() != null) {
            writeEntry(s.header(), s.lines(), false, 0);
        }
        return s.count();
    }

    /** Ensures the window series ids these windows need (committed before the group's transaction). */
    void prepareWindows(List<EmissionWindow> list) throws SQLException {
        windows.prepare(list);
    }

    /** The source of WINDOWS entries. */
    static final String WINDOWS_SOURCE = "windows";
    /** The source of REGISTER entries. */
    static final String REGISTER_SOURCE = "register";

    /** Stores windows in the open transaction: one WINDOWS entry (V lines and the N line) when something changed. */
    WindowWriteResult storeWindows(List<EmissionWindow> list, String reason, long now) throws SQLException {
        long id = head.nextId();
        var r = windows.store(list, id);
        if (r.lines().isEmpty()) {
            return new WindowWriteResult(0, 0, r.unchanged(), Optional.empty());
        }
        windows.reason(id, reason);
        var lines = new java.util.ArrayList<>(r.lines());
        lines.add(CanonicalLines.windowsReason(reason));
        var header = new EntryHeader(id, EntryKind.WINDOWS, now, WINDOWS_SOURCE, lines.size(), head.readingsEntryId());
        var entry = writeEntry(header, lines, false, 0);
        return new WindowWriteResult(r.added(), r.revised(), r.unchanged(), Optional.of(entry));
    }

    /** A register put in the open transaction: one REGISTER entry (its G line) when it stores a version. */
    Optional<RegisterRecord> put(String reg, String key, String text, String reason, int expectedVersion, long now)
            throws SQLException {
        long id = head.nextId();
        var o = register.put(reg, key, text, reason, expectedVersion, id, now);
        if (o instanceof RegisterAppend.Stored st) {
            var header = new EntryHeader(id, EntryKind.REGISTER, now, REGISTER_SOURCE, 1, 0);
            writeEntry(header, List.of(st.line()), false, 0);
            return Optional.of(st.record());
        }
        if (o instanceof RegisterAppend.Unchanged u) {
            return Optional.of(u.current());
        }
        return Optional.empty();
    }

    private LedgerEntry writeEntry(EntryHeader h, Collection<String> lines, boolean readingsEntry, int accepted)
            throws SQLException {
        var prev = head.hash(LedgerFormat.GENESIS_HASH);
        if (!LedgerFormat.isHash(prev)) {
            // the next entry could not chain (ledger spec, section 8): refuse, naming the entry
            throw new IllegalStateException("the stored head, entry " + head.entry().map(LedgerEntry::batchId)
                    .orElse(0L) + " in " + schema + ".ledger_entry, has hash '" + prev + "', not 64 lower-case hex "
                    + "digits: no entry can chain to it; appends are refused until it is repaired (gridprint:verify "
                    + "names it)");
        }
        var hash = EntryHash.of(prev, h, lines);
        entryRow.setLong(1, h.entryId());
        entryRow.setShort(2, (short) LedgerFormat.VERSION);
        entryRow.setString(3, h.kind().name());
        entryRow.setLong(4, h.committedAtMillis());
        entryRow.setString(5, h.source());
        entryRow.setInt(6, h.itemCount());
        entryRow.setLong(7, h.basisEntryId());
        entryRow.setInt(8, accepted);
        entryRow.setString(9, prev);
        entryRow.setString(10, hash);
        entryRow.addBatch();
        pendingEntries++;
        var entry = Head.entry(h.entryId(), h.committedAtMillis(), accepted, prev, hash);
        head = head.with(entry, readingsEntry, accepted);
        return entry;
    }

    /**
     * Sends the group's entry rows and quarantine rows (each kind in one pipelined batch) and the reading count,
     * then commits the group's transaction (one durable commit).
     */
    void commit() throws SQLException {
        readings.flushQuarantine();
        if (pendingEntries > 0) {
            entryRow.executeBatch();
            pendingEntries = 0;
        }
        if (pendingReadings > 0) {
            readingCount.setLong(1, pendingReadings);
            readingCount.executeUpdate();
        }
        c.commit();
        pendingReadings = 0;
    }

    void rollbackQuietly() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone or broken: checked by valid()
        }
    }

    boolean valid() {
        try {
            return !c.isClosed() && c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    String schema() {
        return schema;
    }

    /**
     * Releases the writer's lock (at once, so that a store opened right after this one finds it free: the server
     * would release it only when this connection's backend has ended) and closes the connection.
     */
    @Override
    public void close() {
        try {
            c.rollback();
            try (var st = c.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(hashtext('gridprint-writer:" + schema + "'))");
            }
        } catch (SQLException ignored) {
            // a lost connection: its backend ends and the server releases the lock
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a lost connection
        }
    }
}
