package org.gridprint.store.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.gridprint.api.ReadingKey;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;
import org.gridprint.store.contract.StoreHarness;
import org.gridprint.store.contract.StoreServices;
import org.gridprint.testing.PostgresServer;

/**
 * The contract suite's harness for the PostgreSQL store: a fresh schema per test in the test class's database on the
 * module's real server; tampering in SQL on a connection of its own, as someone with database access would; a copy
 * and restore with pg_dump and pg_restore (the README's procedure); a crash abandons the store and crashes the server
 * ({@code pg_ctl stop -m immediate}), then restarts both.
 */
final class PostgresHarness implements StoreHarness {

    private final PostgresOptions options;
    private PostgresStore store;

    PostgresHarness(Class<?> testClass, Path dir) {
        this.options = TestServer.options(testClass, dir.resolve("anchors"));
    }

    PostgresOptions options() {
        return options;
    }

    PostgresStore store() {
        return store;
    }

    @Override
    public StoreServices open() {
        store = PostgresStore.open(options, Clock.systemUTC(), AlarmSink.NONE);
        if (!store.available()) {
            throw new IllegalStateException("test store did not connect: " + store.status().lastError());
        }
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
        var server = TestServer.server();
        server.crash();
        server.restart();
        return open();
    }

    private Connection connect() throws SQLException {
        var server = TestServer.server();
        var p = new Properties();
        p.setProperty("user", server.user());
        p.setProperty("password", server.password());
        var c = new org.postgresql.Driver().connect(options.url(), p);
        c.setAutoCommit(true);
        return c;
    }

    /** Runs one UPDATE/DELETE and checks that it changed exactly {@code expectedRows} rows. */
    private void change(int expectedRows, String sql, Object... args) throws SQLException {
        try (var c = connect(); var ps = c.prepareStatement(sql.replace("$s", options.schema()))) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            int n = ps.executeUpdate();
            if (n != expectedRows) {
                throw new IllegalStateException("tamper '" + sql + "' changed " + n + " rows, expected "
                        + expectedRows);
            }
        }
    }

    /** Runs SQL on the store's schema on a connection of its own (for tests that tamper beyond the harness). */
    void sql(String sql, Object... args) throws SQLException {
        try (var c = connect(); var ps = c.prepareStatement(sql.replace("$s", options.schema()))) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    @Override
    public void changeReadingValue(ReadingKey key, double newValue) throws SQLException {
        change(1, "UPDATE $s.reading SET value = ? WHERE series_id = (SELECT series_id FROM $s.series WHERE "
                + "meter_id = ? AND quantity = ?) AND ts = ?", newValue, key.meterId(), key.quantity().name(),
                key.epochMillis());
    }

    @Override
    public void changeCommitTime(long entryId, long newCommittedAtMillis) throws SQLException {
        change(1, "UPDATE $s.ledger_entry SET committed_at = ? WHERE entry_id = ?", newCommittedAtMillis, entryId);
    }

    @Override
    public void changeEntrySource(long entryId, String newSource) throws SQLException {
        change(1, "UPDATE $s.ledger_entry SET source = ? WHERE entry_id = ?", newSource, entryId);
    }

    @Override
    public void deleteNewestEntry() throws SQLException {
        store.close(); // anchors the head
        try (var c = connect(); var st = c.createStatement()) {
            var s = options.schema();
            var newest = "(SELECT max(entry_id) FROM " + s + ".ledger_entry)";
            st.execute("DELETE FROM " + s + ".reading WHERE entry_id = " + newest);
            st.execute("DELETE FROM " + s + ".quarantine WHERE entry_id = " + newest);
            st.execute("DELETE FROM " + s + ".emission WHERE entry_id = " + newest);
            st.execute("DELETE FROM " + s + ".ledger_entry WHERE entry_id = " + newest);
        }
        open();
    }

    @Override
    public void changeQuarantinedValue(ReadingKey key, double newValue) throws SQLException {
        change(1, "UPDATE $s.quarantine SET value = ? WHERE meter_id = ? AND quantity = ? AND ts = ?", newValue,
                key.meterId(), key.quantity().name(), key.epochMillis());
    }

    @Override
    public void scaleEmission(String meterId, Instant start, double factor) throws SQLException {
        change(1, "UPDATE $s.emission SET energy = energy * ?, grams_co2e = grams_co2e * ? WHERE meter_id = ? AND "
                + "start_ts = ?", factor, factor, meterId, start.toEpochMilli());
    }

    @Override
    public void editStoredWindow(WindowKey key, UnaryOperator<EmissionWindow> edit) throws Exception {
        try (var c = connect(); var ps = c.prepareStatement(("SELECT b.series_id, b.day, b.payload FROM "
                + "$s.window_payload b JOIN $s.window_series ws ON ws.series_id = b.series_id WHERE ws.meter_id = ? "
                + "AND ws.quantity = ? AND ws.scope = ? AND ws.method = ? AND b.day = ?").replace("$s",
                        options.schema()))) {
            ps.setString(1, key.meterId());
            ps.setShort(2, (short) key.quantity().ordinal());
            ps.setShort(3, (short) key.scope().ordinal());
            ps.setShort(4, (short) key.method().ordinal());
            ps.setInt(5, (int) Math.floorDiv(key.start().toEpochMilli(), WindowBlockCodec.BLOCK_MILLIS));
            int sid;
            int day;
            List<StoredWindow> list;
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no block holds window " + key);
                }
                sid = rs.getInt(1);
                day = rs.getInt(2);
                list = new ArrayList<>(WindowBlockCodec.decode(rs.getBytes(3), key.meterId(), key.quantity(),
                        key.scope(), key.method()));
            }
            boolean found = false;
            for (int i = 0; i < list.size(); i++) {
                var w = list.get(i);
                if (w.window().start().equals(key.start())) {
                    list.set(i, new StoredWindow(edit.apply(w.window()), w.entryId(), w.check()));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalStateException("the block holds no window " + key);
            }
            change(1, "UPDATE $s.window_payload SET payload = ? WHERE series_id = ? AND day = ?",
                    WindowBlockCodec.encode(list), sid, day);
        }
    }

    @Override
    public void editRegisterText(long ref, String newText) throws SQLException {
        change(1, "UPDATE $s.register_record SET text = ? WHERE ref = ?", newText, ref);
    }

    private record DumpFile(Path file) implements StoreCopy {
    }

    @Override
    public StoreCopy copyDatabase() throws Exception {
        var file = Files.createTempFile(options.anchorDirectory().getParent(), "dump-", ".pgdump");
        runTool("pg_dump", "-Fc", "-n", options.schema(), "-f", file.toString(), database());
        return new DumpFile(file);
    }

    @Override
    public void restoreDatabase(StoreCopy copy) throws Exception {
        store.close();
        try (var c = connect(); var st = c.createStatement()) {
            st.execute("DROP SCHEMA " + options.schema() + " CASCADE");
        }
        runTool("pg_restore", "-d", database(), ((DumpFile) copy).file().toString());
        open();
    }

    private String database() {
        var url = options.url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Runs a PostgreSQL client tool against the test server (password in PGPASSWORD, never on the command line). */
    private static void runTool(String tool, String... args) throws IOException, InterruptedException {
        PostgresServer server = TestServer.server();
        var command = new ArrayList<String>(List.of(PostgresServer.findBinaries().resolve(tool).toString(), "-h",
                server.host(), "-p", String.valueOf(server.port()), "-U", server.user()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", server.password());
        var p = pb.start();
        var out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(tool + " failed: " + out);
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
