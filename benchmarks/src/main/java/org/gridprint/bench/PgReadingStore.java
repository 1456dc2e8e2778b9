package org.gridprint.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingStore;

/**
 * The PostgreSQL baseline of the ingest bench: a minimal idempotent reading table with the same contract as the
 * Derby store's {@code append} (accepted / duplicate / conflict per reading, one durable transaction per batch, a
 * SHA-256 hash-chained batch row per batch with accepted readings). Bench code only, not a product store.
 *
 * <p>Tables (schema {@value #SCHEMA}, created by {@link #create}, dropped by {@link #close}):
 * <pre>
 * reading    (meter INT, quantity SMALLINT, ts BIGINT, value DOUBLE PRECISION, quality SMALLINT,
 *             PRIMARY KEY (meter, quantity, ts))
 * batch      (batch_id, committed_at, source, reading_count, prev_hash, hash)   -- the hash chain
 * meter      (meter INT, meter_id TEXT)                                          -- meter id -> INT, once
 * quarantine (conflicts: received_at, key, stored value, received value, quality, source)
 * </pre>
 *
 * <p>Per batch, in one transaction (synchronous_commit as the server has it, default on):
 * <ol>
 * <li>{@code INSERT ... SELECT * FROM unnest(int[], smallint[], bigint[], float8[], smallint[]) ON CONFLICT DO NOTHING
 *     RETURNING meter, quantity, ts, value}: the returned rows are the accepted readings;</li>
 * <li>only if some readings were not inserted: select the stored rows of those keys ({@code JOIN unnest(...)}) and
 *     compare values: equal = duplicate, different = conflict (written to {@code quarantine});</li>
 * <li>SHA-256(previous hash hex || canonical lines of the accepted readings), the same canonical encoding as the
 *     Derby store's ledger, computed in Java, and one {@code batch} row;</li>
 * <li>commit.</li>
 * </ol>
 * Unlike the Derby store, the reading table keeps neither the source nor the batch id per reading (the brief's table
 * shape), so the chain cannot be recomputed from the stored readings; only the links are checked.
 */
final class PgReadingStore implements ReadingStore, AutoCloseable {

    static final String SCHEMA = "gridprint_bench";
    private static final String ZERO_HASH = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private static final Comparator<Reading> CANONICAL = Comparator.comparing(Reading::meterId)
            .thenComparing(r -> r.quantity().name())
            .thenComparing(Reading::timestamp);

    private record Key(int meter, short quantity, long ts) {
    }

    private final Connection c;
    private final Clock clock;
    private final Map<String, Integer> meterIds = new HashMap<>();
    private final PreparedStatement insert;
    private final PreparedStatement lookup;
    private final PreparedStatement batchRow;
    private final PreparedStatement quarantineRow;
    private final PreparedStatement meterRow;
    private String head = ZERO_HASH;
    private long nextBatchId = 1;

    private PgReadingStore(Connection c, Clock clock) throws SQLException {
        this.c = c;
        this.clock = clock;
        insert = c.prepareStatement("INSERT INTO " + SCHEMA + ".reading (meter, quantity, ts, value, quality) "
                + "SELECT * FROM unnest(?::int[], ?::smallint[], ?::bigint[], ?::float8[], ?::smallint[]) "
                + "ON CONFLICT DO NOTHING RETURNING meter, quantity, ts, value");
        lookup = c.prepareStatement("SELECT r.meter, r.quantity, r.ts, r.value FROM " + SCHEMA + ".reading r "
                + "JOIN unnest(?::int[], ?::smallint[], ?::bigint[]) AS k(meter, quantity, ts) USING (meter, quantity, ts)");
        batchRow = c.prepareStatement("INSERT INTO " + SCHEMA + ".batch (batch_id, committed_at, source, reading_count, "
                + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)");
        quarantineRow = c.prepareStatement("INSERT INTO " + SCHEMA + ".quarantine (received_at, meter, quantity, ts, "
                + "stored_value, value, quality, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        meterRow = c.prepareStatement("INSERT INTO " + SCHEMA + ".meter (meter, meter_id) VALUES (?, ?) "
                + "ON CONFLICT (meter_id) DO NOTHING");
    }

    /**
     * Connects and creates schema {@value #SCHEMA}; fails (naming the schema) if it exists, e.g. left by an
     * interrupted run: {@code DROP SCHEMA gridprint_bench CASCADE}.
     */
    static PgReadingStore create(String url, Clock clock) throws SQLException {
        var c = DriverManager.getConnection(url);
        try {
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                try {
                    st.execute("CREATE SCHEMA " + SCHEMA);
                } catch (SQLException e) {
                    throw new SQLException("cannot create schema " + SCHEMA + " (left by an interrupted run? then "
                            + "DROP SCHEMA " + SCHEMA + " CASCADE): " + e.getMessage(), e);
                }
                st.execute("CREATE TABLE " + SCHEMA + ".reading (meter INT NOT NULL, quantity SMALLINT NOT NULL, "
                        + "ts BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, quality SMALLINT NOT NULL, "
                        + "PRIMARY KEY (meter, quantity, ts))");
                st.execute("CREATE TABLE " + SCHEMA + ".batch (batch_id BIGINT NOT NULL PRIMARY KEY, "
                        + "committed_at BIGINT NOT NULL, source TEXT NOT NULL, reading_count INT NOT NULL, "
                        + "prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL)");
                st.execute("CREATE TABLE " + SCHEMA + ".meter (meter INT NOT NULL PRIMARY KEY, "
                        + "meter_id TEXT NOT NULL UNIQUE)");
                st.execute("CREATE TABLE " + SCHEMA + ".quarantine (id BIGSERIAL PRIMARY KEY, received_at BIGINT NOT NULL, "
                        + "meter INT NOT NULL, quantity SMALLINT NOT NULL, ts BIGINT NOT NULL, "
                        + "stored_value DOUBLE PRECISION NOT NULL, value DOUBLE PRECISION NOT NULL, "
                        + "quality SMALLINT NOT NULL, source TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            return new PgReadingStore(c, clock);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Server version and the settings that decide durability and speed, one line. */
    static String serverInfo(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT current_setting('server_version'), "
                + "current_setting('synchronous_commit'), current_setting('fsync'), current_setting('full_page_writes'), "
                + "current_setting('wal_sync_method'), current_setting('shared_buffers'), "
                + "current_setting('max_wal_size'), current_setting('listen_addresses')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + ", synchronous_commit=" + rs.getString(2) + ", fsync="
                    + rs.getString(3) + ", full_page_writes=" + rs.getString(4) + ", wal_sync_method=" + rs.getString(5)
                    + ", shared_buffers=" + rs.getString(6) + ", max_wal_size=" + rs.getString(7)
                    + ", listen_addresses=" + rs.getString(8);
        }
    }

    String serverInfo() throws SQLException {
        return serverInfo(c);
    }

    @Override
    public synchronized StoreResult append(String source, List<Reading> readings) {
        int n = readings.size();
        var meter = new int[n];
        var quantity = new short[n];
        var ts = new long[n];
        var value = new double[n];
        var quality = new short[n];
        for (int i = 0; i < n; i++) {
            var r = readings.get(i);
            var id = meterIds.get(r.meterId());
            if (id == null) {
                throw new IllegalStateException("PostgreSQL bench store: meter " + r.meterId() + " is not registered");
            }
            meter[i] = id;
            quantity[i] = (short) r.quantity().ordinal();
            ts[i] = r.timestamp().toEpochMilli();
            value[i] = r.value();
            quality[i] = (short) r.quality().ordinal();
        }
        var outcomes = new IngestOutcome[n];
        try {
            // 1. insert what is new; the returned rows are the accepted readings
            insert.setObject(1, meter);
            insert.setObject(2, quantity);
            insert.setObject(3, ts);
            insert.setObject(4, value);
            insert.setObject(5, quality);
            var inserted = new HashMap<Key, Double>(n * 2);
            try (var rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.put(new Key(rs.getInt(1), rs.getShort(2), rs.getLong(3)), rs.getDouble(4));
                }
            }
            var accepted = new ArrayList<Reading>(inserted.size());
            var rest = new ArrayList<Integer>();
            for (int i = 0; i < n; i++) {
                var k = new Key(meter[i], quantity[i], ts[i]);
                var v = inserted.get(k);
                // the first reading of the batch with this key and the inserted value is the accepted one
                if (v != null && Double.compare(v, value[i]) == 0) {
                    inserted.remove(k);
                    outcomes[i] = new IngestOutcome.Accepted(readings.get(i));
                    accepted.add(readings.get(i));
                } else {
                    rest.add(i);
                }
            }
            // 2. the rest: duplicate or conflict, from the stored values (this transaction sees its own inserts)
            var conflicts = new ArrayList<IngestOutcome.Conflict>();
            if (!rest.isEmpty()) {
                var km = new int[rest.size()];
                var kq = new short[rest.size()];
                var kt = new long[rest.size()];
                for (int j = 0; j < rest.size(); j++) {
                    km[j] = meter[rest.get(j)];
                    kq[j] = quantity[rest.get(j)];
                    kt[j] = ts[rest.get(j)];
                }
                lookup.setObject(1, km);
                lookup.setObject(2, kq);
                lookup.setObject(3, kt);
                var stored = new HashMap<Key, Double>(rest.size() * 2);
                try (var rs = lookup.executeQuery()) {
                    while (rs.next()) {
                        stored.put(new Key(rs.getInt(1), rs.getShort(2), rs.getLong(3)), rs.getDouble(4));
                    }
                }
                for (int i : rest) {
                    var r = readings.get(i);
                    var s = stored.get(new Key(meter[i], quantity[i], ts[i]));
                    if (s == null) {
                        throw new SQLException("reading " + r.key() + " was neither inserted nor found");
                    }
                    if (Double.compare(s, value[i]) == 0) {
                        outcomes[i] = new IngestOutcome.Duplicate(r);
                    } else {
                        var cf = new IngestOutcome.Conflict(r, s, "conflict: " + r.meterId() + " " + r.quantity()
                                + " at " + r.timestamp() + " is already stored with value " + s + "; received "
                                + r.value() + " from " + r.source() + " (quarantined, stored value kept)");
                        outcomes[i] = cf;
                        conflicts.add(cf);
                    }
                }
            }
            long now = clock.millis();
            for (var conflict : conflicts) {
                var r = conflict.reading();
                quarantineRow.setLong(1, now);
                quarantineRow.setInt(2, meterIds.get(r.meterId()));
                quarantineRow.setShort(3, (short) r.quantity().ordinal());
                quarantineRow.setLong(4, r.timestamp().toEpochMilli());
                quarantineRow.setDouble(5, conflict.storedValue());
                quarantineRow.setDouble(6, r.value());
                quarantineRow.setShort(7, (short) r.quality().ordinal());
                quarantineRow.setString(8, r.source());
                quarantineRow.addBatch();
            }
            if (!conflicts.isEmpty()) {
                quarantineRow.executeBatch();
            }
            // 3. the hash chain: one batch row when something was accepted
            LedgerEntry entry = null;
            if (!accepted.isEmpty()) {
                accepted.sort(CANONICAL);
                var md = sha256(head);
                var line = new StringBuilder(128);
                for (var r : accepted) {
                    line.setLength(0);
                    md.update(canonicalLine(line, r).toString().getBytes(StandardCharsets.UTF_8));
                }
                var hash = HEX.formatHex(md.digest());
                entry = new LedgerEntry(nextBatchId, Instant.ofEpochMilli(now), accepted.size(), head, hash);
                batchRow.setLong(1, entry.batchId());
                batchRow.setLong(2, now);
                batchRow.setString(3, source);
                batchRow.setInt(4, entry.readingCount());
                batchRow.setString(5, entry.previousHash());
                batchRow.setString(6, entry.hash());
                batchRow.executeUpdate();
            }
            // 4. one durable commit
            c.commit();
            if (entry != null) {
                head = entry.hash();
                nextBatchId++;
            }
            return new StoreResult(List.of(outcomes), Optional.ofNullable(entry));
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("PostgreSQL bench store: batch of " + n + " readings from " + source
                    + " was not stored: " + e.getMessage(), e);
        }
    }

    /** The Derby store's canonical line: meterId TAB QUANTITY TAB epochMillis TAB valueBits(16 hex) TAB QUALITY TAB source LF. */
    private static StringBuilder canonicalLine(StringBuilder sb, Reading r) {
        return sb.append(r.meterId()).append('\t').append(r.quantity().name()).append('\t')
                .append(r.timestamp().toEpochMilli()).append('\t')
                .append(HEX.toHexDigits(Double.doubleToRawLongBits(r.value()))).append('\t')
                .append(r.quality().name()).append('\t').append(r.source()).append('\n');
    }

    private static MessageDigest sha256(String previousHash) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            return md;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Gives the meter an INT id (committed at once); the bench registers every meter before the first batch. */
    @Override
    public synchronized void registerMeter(Meter m) {
        if (meterIds.containsKey(m.id())) {
            return;
        }
        int id = meterIds.size() + 1;
        try {
            meterRow.setInt(1, id);
            meterRow.setString(2, m.id());
            meterRow.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL bench store: cannot register meter " + m.id() + ": "
                    + e.getMessage(), e);
        }
        meterIds.put(m.id(), id);
    }

    @Override
    public synchronized long readingCount() {
        return single("SELECT count(*) FROM " + SCHEMA + ".reading");
    }

    /** Batch rows, and the batch rows whose prev_hash is not the hash of the batch before (must be 0). */
    synchronized long[] checkChain() {
        return new long[] {single("SELECT count(*) FROM " + SCHEMA + ".batch"),
            single("SELECT count(*) FROM " + SCHEMA + ".batch b LEFT JOIN " + SCHEMA + ".batch p "
                    + "ON p.batch_id = b.batch_id - 1 WHERE b.prev_hash <> coalesce(p.hash, '" + ZERO_HASH + "')")};
    }

    /** pg_total_relation_size (heap + indexes + TOAST + free space and visibility maps) per table, in bytes. */
    synchronized Map<String, Long> sizes() {
        var out = new LinkedHashMap<String, Long>();
        for (var table : List.of("reading", "batch", "meter", "quarantine")) {
            out.put(table, single("SELECT pg_total_relation_size('" + SCHEMA + "." + table + "')"));
        }
        return out;
    }

    /** The reading table's heap (main fork) and its primary key index, in bytes. */
    synchronized long[] readingHeapAndIndex() {
        return new long[] {single("SELECT pg_relation_size('" + SCHEMA + ".reading')"),
            single("SELECT pg_indexes_size('" + SCHEMA + ".reading')")};
    }

    /** The current WAL insert position in bytes (pg_current_wal_lsn - '0/0'). */
    synchronized long walPosition() {
        return single("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    private long single(String sql) {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            long v = rs.getLong(1);
            c.commit();
            return v;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL bench store: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops schema {@value #SCHEMA} (all bench tables) and closes the connection. */
    @Override
    public synchronized void close() throws SQLException {
        try {
            c.rollback();
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        } finally {
            c.close();
        }
    }

    @Override
    public List<Reading> readings(String meterId, Quantity quantity, Instant from, Instant to) {
        throw new UnsupportedOperationException("not part of the ingest bench");
    }

    @Override
    public Optional<Reading> latestBefore(String meterId, Quantity quantity, Instant before) {
        throw new UnsupportedOperationException("not part of the ingest bench");
    }

    @Override
    public Optional<Reading> latest(String meterId, Quantity quantity) {
        throw new UnsupportedOperationException("not part of the ingest bench");
    }

    @Override
    public List<QuarantinedReading> quarantine(int limit) {
        throw new UnsupportedOperationException("not part of the ingest bench");
    }
}
