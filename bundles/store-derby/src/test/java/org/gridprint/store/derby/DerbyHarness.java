package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import org.gridprint.api.ReadingKey;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.contract.StoreServices;

/**
 * The contract suite's harness for the Derby store: the store in a test directory, tampering through Derby SQL on
 * the closed database (the store anchors its head and is abandoned first, so unflushed readings stay in the WAL).
 */
public final class DerbyHarness implements StoreHarness {

    private final Path dir;
    private final StoreOptions options;
    private final Clock clock = Clock.systemUTC();
    private DerbyStore store;

    public DerbyHarness(Path dir) {
        this(dir, StoreOptions.defaults().withMaxBlockReadings(16));
    }

    public DerbyHarness(Path dir, StoreOptions options) {
        this.dir = dir;
        this.options = options;
    }

    public DerbyStore store() {
        return store;
    }

    @Override
    public StoreServices open() {
        store = DerbyStore.open(dir, clock, options);
        return services();
    }

    @Override
    public StoreServices services() {
        return StoreServices.of(store);
    }

    @Override
    public StoreServices reopen() {
        store.close();
        return open();
    }

    @Override
    public StoreServices crashAndReopen() {
        store.abandon();
        return open();
    }

    @Override
    public void settle() {
        store.flush();
    }

    /** Runs {@code change} on the closed database (head anchored, store abandoned), commits, opens the store. */
    private void tamper(SqlChange change) throws SQLException {
        store.anchorHead();
        store.abandon();
        var c = Fixtures.raw(dir);
        try {
            change.apply(c);
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        open();
    }

    @FunctionalInterface
    private interface SqlChange {
        void apply(Connection c) throws SQLException;
    }

    private static int seriesId(Connection c, ReadingKey key) throws SQLException {
        try (var ps = c.prepareStatement("SELECT SERIES_ID FROM SERIES WHERE METER_ID = ? AND QUANTITY = ?")) {
            ps.setString(1, key.meterId());
            ps.setString(2, key.quantity().name());
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no series " + key);
                }
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void changeReadingValue(ReadingKey key, double newValue) throws SQLException {
        tamper(c -> {
            int series = seriesId(c, key);
            try (var ps = c.prepareStatement("SELECT w.BATCH_ID, w.PART, w.PAYLOAD, b.FORMAT FROM WAL w "
                    + "JOIN BATCH b ON b.BATCH_ID = w.BATCH_ID");
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var p = rs.getBytes(3);
                    int size = WalCodec.recordSize(rs.getInt(4));
                    var buf = ByteBuffer.wrap(p);
                    for (int off = 0; off + size <= p.length; off += size) {
                        if (buf.getInt(off) == series && buf.getLong(off + 4) == key.epochMillis()) {
                            buf.putDouble(off + 12, newValue);
                            try (var up = c.prepareStatement("UPDATE WAL SET PAYLOAD = ? WHERE BATCH_ID = ? AND PART = ?")) {
                                up.setBytes(1, p);
                                up.setLong(2, rs.getLong(1));
                                up.setInt(3, rs.getInt(2));
                                up.executeUpdate();
                            }
                            return;
                        }
                    }
                }
            }
            try (var ps = c.prepareStatement("SELECT BLOCK_ID, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ?")) {
                ps.setInt(1, series);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var p = rs.getBytes(2);
                        var buf = ByteBuffer.wrap(p);
                        for (int off = 0; off + BlockCodec.RECORD <= p.length; off += BlockCodec.RECORD) {
                            if (buf.getLong(off) == key.epochMillis()) {
                                buf.putDouble(off + 8, newValue);
                                try (var up = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
                                    up.setBytes(1, p);
                                    up.setLong(2, rs.getLong(1));
                                    up.executeUpdate();
                                }
                                return;
                            }
                        }
                    }
                }
            }
            throw new IllegalStateException("no stored reading " + key);
        });
    }

    @Override
    public void changeCommitTime(long entryId, long newCommittedAtMillis) throws SQLException {
        update("UPDATE BATCH SET COMMITTED_AT = " + newCommittedAtMillis + " WHERE BATCH_ID = " + entryId);
    }

    @Override
    public void changeEntrySource(long entryId, String newSource) throws SQLException {
        tamper(c -> {
            try (var ps = c.prepareStatement("UPDATE BATCH SET SOURCE = ? WHERE BATCH_ID = ?")) {
                ps.setString(1, newSource);
                ps.setLong(2, entryId);
                expectOne(ps.executeUpdate(), "BATCH " + entryId);
            }
        });
    }

    private void update(String sql) throws SQLException {
        tamper(c -> {
            try (var st = c.createStatement()) {
                expectOne(st.executeUpdate(sql), sql);
            }
        });
    }

    private static void expectOne(int rows, String what) {
        if (rows != 1) {
            throw new IllegalStateException(what + " changed " + rows + " rows, expected 1");
        }
    }

    @Override
    public void deleteNewestEntry() throws SQLException {
        tamper(c -> {
            try (var st = c.createStatement()) {
                long id;
                try (var rs = st.executeQuery("SELECT MAX(BATCH_ID) FROM BATCH")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                try (var rs = st.executeQuery("SELECT FLUSHED_BATCH_ID FROM STORE_STATE")) {
                    rs.next();
                    if (rs.getLong(1) >= id) {
                        throw new IllegalStateException("entry " + id + " is flushed: this harness deletes WAL entries");
                    }
                }
                st.executeUpdate("DELETE FROM WAL WHERE BATCH_ID = " + id);
                st.executeUpdate("DELETE FROM QUARANTINE WHERE BATCH_ID = " + id);
                st.executeUpdate("DELETE FROM EMISSION WHERE BATCH_ID = " + id);
                expectOne(st.executeUpdate("DELETE FROM BATCH WHERE BATCH_ID = " + id), "BATCH " + id);
            }
        });
    }

    @Override
    public void changeQuarantinedValue(ReadingKey key, double newValue) throws SQLException {
        tamper(c -> {
            try (var ps = c.prepareStatement("UPDATE QUARANTINE SET VALUE_BITS = ?, READING_VALUE = ? "
                    + "WHERE METER_ID = ? AND QUANTITY = ? AND TS = ?")) {
                ps.setLong(1, Double.doubleToRawLongBits(newValue));
                ps.setDouble(2, newValue);
                ps.setString(3, key.meterId());
                ps.setString(4, key.quantity().name());
                ps.setLong(5, key.epochMillis());
                expectOne(ps.executeUpdate(), "QUARANTINE " + key);
            }
        });
    }

    @Override
    public void scaleEmission(String meterId, Instant start, double factor) throws SQLException {
        tamper(c -> {
            try (var ps = c.prepareStatement("UPDATE EMISSION SET ENERGY = ENERGY * ?, GRAMS_CO2E = GRAMS_CO2E * ? "
                    + "WHERE METER_ID = ? AND START_TS = ?")) {
                ps.setDouble(1, factor);
                ps.setDouble(2, factor);
                ps.setString(3, meterId);
                ps.setLong(4, start.toEpochMilli());
                if (ps.executeUpdate() < 1) {
                    throw new IllegalStateException("no emission row of " + meterId + " at " + start);
                }
            }
        });
    }

    @Override
    public void narrowBlockRange(ReadingKey key) throws SQLException {
        tamper(c -> {
            int series = seriesId(c, key);
            try (var ps = c.prepareStatement("UPDATE READING_BLOCK SET FIRST_TS = ? WHERE SERIES_ID = ? "
                    + "AND FIRST_TS <= ? AND LAST_TS >= ?")) {
                ps.setLong(1, key.epochMillis() + 1);
                ps.setInt(2, series);
                ps.setLong(3, key.epochMillis());
                ps.setLong(4, key.epochMillis());
                expectOne(ps.executeUpdate(), "READING_BLOCK of " + key);
            }
        });
    }

    private record DerbyCopy(Path db) implements StoreCopy {
    }

    @Override
    public StoreCopy copyDatabase() throws IOException {
        store.close();
        var target = Files.createTempDirectory(dir.getParent(), "db-copy");
        copyTree(dir.resolve("db"), target.resolve("db"));
        open();
        return new DerbyCopy(target.resolve("db"));
    }

    @Override
    public void restoreDatabase(StoreCopy copy) throws IOException {
        store.close();
        deleteTree(dir.resolve("db"));
        var db = ((DerbyCopy) copy).db();
        copyTree(db, dir.resolve("db"));
        deleteTree(db.getParent()); // the copy beside the test's folder is used once (it was left behind before)
        open();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (var p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void editStoredWindow(org.gridprint.api.carbon.WindowKey key,
            java.util.function.UnaryOperator<org.gridprint.api.carbon.EmissionWindow> edit) throws SQLException {
        tamper(c -> {
            int series = WindowRows.seriesId(c, key.meterId(), key.quantity(), key.scope(), key.method(), false);
            long day = org.gridprint.ledger.WindowBlockCodec.blockStart(key.start().toEpochMilli());
            try (var ps = c.prepareStatement("SELECT PAYLOAD FROM WINDOW_BLOCK WHERE DAY = ? AND SERIES_ID = ?")) {
                ps.setLong(1, day);
                ps.setInt(2, series);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no window block holds " + key);
                    }
                    var windows = new java.util.ArrayList<>(org.gridprint.ledger.WindowBlockCodec.decode(rs.getBytes(1),
                            key.meterId(), key.quantity(), key.scope(), key.method()));
                    for (int i = 0; i < windows.size(); i++) {
                        var s = windows.get(i);
                        if (s.window().start().equals(key.start())) {
                            windows.set(i, new org.gridprint.ledger.StoredWindow(edit.apply(s.window()), s.entryId(),
                                    s.check()));
                        }
                    }
                    try (var up = c.prepareStatement("UPDATE WINDOW_BLOCK SET PAYLOAD = ? WHERE DAY = ? AND SERIES_ID = ?")) {
                        up.setBytes(1, org.gridprint.ledger.WindowBlockCodec.encode(windows));
                        up.setLong(2, day);
                        up.setInt(3, series);
                        up.executeUpdate();
                    }
                }
            }
        });
    }

    @Override
    public void editRegisterText(long ref, String newText) throws SQLException {
        tamper(c -> {
            try (var up = c.prepareStatement("UPDATE REGISTER_RECORD SET TEXT = ? WHERE REF = ?")) {
                up.setBytes(1, newText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                up.setLong(2, ref);
                if (up.executeUpdate() != 1) {
                    throw new IllegalStateException("no register record with ref " + ref);
                }
            }
        });
    }
}
