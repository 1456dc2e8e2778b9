package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The store's tables as numbered migrations, applied at start in one transaction each; only the missing ones run.
 * Every table lives in the configured schema. See README.md for what each column means.
 */
final class Schema {

    /** One migration: its number, what it does, its statements ({@code $s} = the schema). */
    private record Migration(int version, String description, List<String> statements) {
    }

    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "ledger v2: series, sources, entries, readings, quarantine, emissions, meters, checkpoint",
                    List.of(
                            "CREATE TABLE $s.series (series_id INT PRIMARY KEY, meter_id TEXT NOT NULL, "
                                    + "quantity TEXT NOT NULL, UNIQUE (meter_id, quantity))",
                            "CREATE TABLE $s.source (source_id INT PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
                            "CREATE TABLE $s.ledger_entry (entry_id BIGINT PRIMARY KEY, format SMALLINT NOT NULL, "
                                    + "kind TEXT NOT NULL, committed_at BIGINT NOT NULL, source TEXT NOT NULL, "
                                    + "item_count INT NOT NULL, basis_entry_id BIGINT NOT NULL, "
                                    + "reading_count INT NOT NULL, prev_hash CHAR(64) NOT NULL, "
                                    + "hash CHAR(64) NOT NULL)",
                            "CREATE TABLE $s.reading (series_id INT NOT NULL, ts BIGINT NOT NULL, "
                                    + "value DOUBLE PRECISION NOT NULL, quality SMALLINT NOT NULL, "
                                    + "source_id INT NOT NULL, entry_id BIGINT NOT NULL, digest INT NOT NULL, "
                                    + "PRIMARY KEY (series_id, ts))",
                            "CREATE INDEX reading_entry ON $s.reading (entry_id)",
                            "CREATE TABLE $s.quarantine (id BIGSERIAL PRIMARY KEY, entry_id BIGINT NOT NULL, "
                                    + "meter_id TEXT NOT NULL, quantity TEXT NOT NULL, ts BIGINT NOT NULL, "
                                    + "value DOUBLE PRECISION NOT NULL, quality TEXT NOT NULL, source TEXT NOT NULL, "
                                    + "stored_value DOUBLE PRECISION NOT NULL, received_at BIGINT NOT NULL, "
                                    + "reason TEXT NOT NULL, digest INT NOT NULL)",
                            "CREATE INDEX quarantine_entry ON $s.quarantine (entry_id)",
                            "CREATE TABLE $s.emission (meter_id TEXT NOT NULL, quantity TEXT NOT NULL, "
                                    + "start_ts BIGINT NOT NULL, end_ts BIGINT NOT NULL, "
                                    + "start_counter DOUBLE PRECISION NOT NULL, end_counter DOUBLE PRECISION NOT NULL, "
                                    + "energy DOUBLE PRECISION NOT NULL, quality TEXT NOT NULL, flags TEXT NOT NULL, "
                                    + "site_id TEXT NOT NULL, scope TEXT NOT NULL, method TEXT NOT NULL, "
                                    + "factor_value DOUBLE PRECISION NOT NULL, factor_unit TEXT NOT NULL, "
                                    + "factor_source TEXT NOT NULL, factor_edition TEXT NOT NULL, "
                                    + "factor_gwp TEXT NOT NULL, factor_region TEXT NOT NULL, "
                                    + "grams_co2e DOUBLE PRECISION NOT NULL, computed_at BIGINT NOT NULL, "
                                    + "entry_id BIGINT NOT NULL, digest INT NOT NULL, "
                                    + "PRIMARY KEY (meter_id, start_ts, method))",
                            "CREATE INDEX emission_entry ON $s.emission (entry_id)",
                            "CREATE INDEX emission_end ON $s.emission (meter_id, method, end_ts)",
                            "CREATE TABLE $s.meter (meter_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                                    + "site_id TEXT NOT NULL, location TEXT NOT NULL, asset_type TEXT NOT NULL, "
                                    + "phase TEXT NOT NULL, department TEXT NOT NULL, tenant TEXT NOT NULL, "
                                    + "tags TEXT NOT NULL, parent_id TEXT, counter_rollover DOUBLE PRECISION NOT NULL, "
                                    + "updated_at BIGINT NOT NULL)",
                            "CREATE TABLE $s.store_state (id SMALLINT PRIMARY KEY CHECK (id = 1), "
                                    + "readings BIGINT NOT NULL, checkpoint_entry_id BIGINT NOT NULL, "
                                    + "checkpoint_hash CHAR(64), checkpoint_at BIGINT, last_verify_at BIGINT, "
                                    + "last_verify_intact BOOLEAN)",
                            "INSERT INTO $s.store_state (id, readings, checkpoint_entry_id) VALUES (1, 0, 0)")),
            new Migration(2, "accounting windows in day blocks, window history, record register, intensity values",
                    List.of(
                            "CREATE TABLE $s.window_series (series_id INT PRIMARY KEY, meter_id TEXT NOT NULL, "
                                    + "quantity SMALLINT NOT NULL, scope SMALLINT NOT NULL, method SMALLINT NOT NULL, "
                                    + "UNIQUE (meter_id, quantity, scope, method))",
                            "CREATE TABLE $s.window_block (series_id INT NOT NULL, day INT NOT NULL, "
                                    + "n INT NOT NULL, first_start BIGINT NOT NULL, last_start BIGINT NOT NULL, "
                                    + "amount BIGINT NOT NULL, co2e BIGINT NOT NULL, counted INT NOT NULL, "
                                    + "flags INT NOT NULL, worst SMALLINT NOT NULL, site_id TEXT, "
                                    + "min_entry BIGINT NOT NULL, max_entry BIGINT NOT NULL, "
                                    + "PRIMARY KEY (series_id, day))",
                            // the payload in a table of its own: totals scan the narrow block rows and fetch a
                            // payload only for the blocks they decode
                            "CREATE TABLE $s.window_payload (series_id INT NOT NULL, day INT NOT NULL, "
                                    + "crc INT NOT NULL, payload BYTEA NOT NULL, PRIMARY KEY (series_id, day))",
                            "CREATE INDEX window_block_day ON $s.window_block (day)",
                            "CREATE INDEX window_block_entry ON $s.window_block (max_entry)",
                            // verify finds the blocks holding versions of a chunk of entries by range overlap
                            "CREATE INDEX window_block_entries ON $s.window_block USING gist "
                                    + "(int8range(min_entry, max_entry, '[]'))",
                            "CREATE TABLE $s.window_history (series_id INT NOT NULL, start_ts BIGINT NOT NULL, "
                                    + "version INT NOT NULL, entry_id BIGINT NOT NULL, superseded_by BIGINT NOT NULL, "
                                    + "payload BYTEA NOT NULL, PRIMARY KEY (series_id, start_ts, version))",
                            "CREATE INDEX window_history_entry ON $s.window_history (entry_id)",
                            "CREATE TABLE $s.window_reason (entry_id BIGINT PRIMARY KEY, reason TEXT NOT NULL)",
                            "CREATE SEQUENCE $s.register_ref START 1",
                            "CREATE TABLE $s.register_record (ref BIGINT PRIMARY KEY, register TEXT NOT NULL, "
                                    + "key TEXT NOT NULL, version INT NOT NULL, text TEXT NOT NULL, "
                                    + "reason TEXT NOT NULL, recorded_at BIGINT NOT NULL, "
                                    + "entry_id BIGINT NOT NULL, digest INT NOT NULL, "
                                    + "UNIQUE (register, key, version))",
                            "CREATE INDEX register_record_entry ON $s.register_record (entry_id)",
                            "CREATE TABLE $s.intensity (provider TEXT NOT NULL, region TEXT NOT NULL, "
                                    + "signal SMALLINT NOT NULL, start_ts BIGINT NOT NULL, end_ts BIGINT NOT NULL, "
                                    + "value NUMERIC NOT NULL, unit TEXT NOT NULL, forecast BOOLEAN NOT NULL, "
                                    + "estimated BOOLEAN NOT NULL, model TEXT NOT NULL, issued_at BIGINT NOT NULL, "
                                    + "PRIMARY KEY (provider, region, signal, start_ts, forecast, issued_at))",
                            "CREATE INDEX intensity_region ON $s.intensity (region, signal, start_ts)")));

    static final int VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private Schema() {
    }

    /**
     * Creates the schema and its version table if missing and applies the missing migrations, each in its own
     * transaction; an advisory lock keeps two stores from migrating at once. Leaves auto-commit off. Returns the
     * schema version.
     */
    static int migrate(Connection c, String schema, Clock clock) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (var st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(hashtext('gridprint-migrate:" + schema + "'))");
                st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version (version INT PRIMARY KEY, "
                        + "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            }
            c.commit();
            int current = current(c, schema);
            if (current > VERSION) {
                throw new SQLException("schema " + schema + " is at version " + current + ", newer than this bundle "
                        + "knows (" + VERSION + "): use the newer bundle or another schema");
            }
            for (var m : MIGRATIONS) {
                if (m.version() <= current) {
                    continue;
                }
                try (var st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(hashtext('gridprint-migrate:" + schema + "'))");
                    if (current(c, schema) >= m.version()) {
                        c.commit();
                        continue;
                    }
                    for (var sql : m.statements()) {
                        st.execute(sql.replace("$s", schema));
                    }
                }
                try (var ps = c.prepareStatement("INSERT INTO " + schema + ".schema_version (version, description, "
                        + "applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setLong(3, clock.millis());
                    ps.executeUpdate();
                }
                c.commit();
            }
            return current(c, schema);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static int current(Connection c, String schema) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
