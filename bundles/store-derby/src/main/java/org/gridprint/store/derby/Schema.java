package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations. Each step runs in its own transaction together with its SCHEMA_VERSION row;
 * opening an existing database applies only the steps it has not seen. Append new steps, never edit old ones.
 */
final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** Work of a migration that SQL alone cannot do (runs after its statements, in the same transaction). */
    @FunctionalInterface
    interface Step {
        void run(Connection c) throws SQLException;
    }

    record Migration(int version, String description, List<String> statements, Step step) {
        Migration(int version, String description, List<String> statements) {
            this(version, description, statements, c -> {
            });
        }
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "ledger, series, write-ahead log and reading blocks", List.of(
                    // 32 KB pages so that WAL and block payloads (up to 32,672 bytes) stay inside their row's page
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768')",
                    // block and WAL rows are written once (rarely rewritten): no space kept free for growth
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageReservedSpace', '0')",
                    "CREATE TABLE STORE_STATE (ID INT NOT NULL PRIMARY KEY, FLUSHED_BATCH_ID BIGINT NOT NULL, "
                            + "FLUSH_NO BIGINT NOT NULL)",
                    "INSERT INTO STORE_STATE (ID, FLUSHED_BATCH_ID, FLUSH_NO) VALUES (1, 0, 0)",
                    "CREATE TABLE SERIES (SERIES_ID INT NOT NULL PRIMARY KEY, METER_ID VARCHAR(512) NOT NULL, "
                            + "QUANTITY VARCHAR(64) NOT NULL, BLOCK_LAST_TS BIGINT NOT NULL, "
                            + "BLOCK_READINGS BIGINT NOT NULL, CONSTRAINT SERIES_KEY UNIQUE (METER_ID, QUANTITY))",
                    "CREATE TABLE SOURCE (SOURCE_ID INT NOT NULL PRIMARY KEY, NAME VARCHAR(512) NOT NULL, "
                            + "CONSTRAINT SOURCE_NAME UNIQUE (NAME))",
                    "CREATE TABLE BATCH (BATCH_ID BIGINT NOT NULL PRIMARY KEY, COMMITTED_AT BIGINT NOT NULL, "
                            + "SOURCE VARCHAR(512) NOT NULL, READING_COUNT INT NOT NULL, PREV_HASH CHAR(64) NOT NULL, "
                            + "HASH CHAR(64) NOT NULL)",
                    "CREATE TABLE WAL (BATCH_ID BIGINT NOT NULL, PART INT NOT NULL, "
                            + "PAYLOAD VARCHAR(32672) FOR BIT DATA NOT NULL, PRIMARY KEY (BATCH_ID, PART))",
                    "CREATE TABLE READING_BLOCK (BLOCK_ID BIGINT NOT NULL PRIMARY KEY, SERIES_ID INT NOT NULL, "
                            + "FIRST_TS BIGINT NOT NULL, LAST_TS BIGINT NOT NULL, READING_COUNT INT NOT NULL, "
                            + "MIN_BATCH_ID BIGINT NOT NULL, MAX_BATCH_ID BIGINT NOT NULL, "
                            + "PAYLOAD VARCHAR(32672) FOR BIT DATA NOT NULL)",
                    "CREATE UNIQUE INDEX READING_BLOCK_SERIES_TS ON READING_BLOCK (SERIES_ID, FIRST_TS DESC)",
                    "CREATE TABLE FLUSH (FLUSH_NO BIGINT NOT NULL PRIMARY KEY, FIRST_BATCH_ID BIGINT NOT NULL, "
                            + "LAST_BATCH_ID BIGINT NOT NULL, READING_COUNT INT NOT NULL, FLUSHED_AT BIGINT NOT NULL)",
                    "CREATE TABLE BLOCK_FLUSH (FLUSH_NO BIGINT NOT NULL, BLOCK_ID BIGINT NOT NULL, "
                            + "PRIMARY KEY (FLUSH_NO, BLOCK_ID))",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL)",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageReservedSpace', NULL)")),
            new Migration(2, "meters and quarantined conflicts", List.of(
                    "CREATE TABLE METER (METER_ID VARCHAR(512) NOT NULL PRIMARY KEY, NAME VARCHAR(512) NOT NULL, "
                            + "SITE_ID VARCHAR(512) NOT NULL, LOCATION VARCHAR(1024) NOT NULL, "
                            + "ASSET_TYPE VARCHAR(128) NOT NULL, PHASE VARCHAR(32) NOT NULL, "
                            + "DEPARTMENT VARCHAR(256) NOT NULL, TENANT VARCHAR(256) NOT NULL, TAGS VARCHAR(4000) NOT NULL, "
                            + "PARENT_ID VARCHAR(512), COUNTER_ROLLOVER DOUBLE NOT NULL, UPDATED_AT BIGINT NOT NULL)",
                    "CREATE TABLE QUARANTINE (ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                            + "METER_ID VARCHAR(512) NOT NULL, QUANTITY VARCHAR(64) NOT NULL, TS BIGINT NOT NULL, "
                            + "READING_VALUE DOUBLE NOT NULL, QUALITY VARCHAR(16) NOT NULL, SOURCE VARCHAR(512) NOT NULL, "
                            + "STORED_VALUE DOUBLE NOT NULL, REASON VARCHAR(2000) NOT NULL, RECEIVED_AT BIGINT NOT NULL)")),
            new Migration(3, "emission records", List.of(
                    "CREATE TABLE EMISSION (METER_ID VARCHAR(512) NOT NULL, QUANTITY VARCHAR(64) NOT NULL, "
                            + "START_TS BIGINT NOT NULL, END_TS BIGINT NOT NULL, START_COUNTER DOUBLE NOT NULL, "
                            + "END_COUNTER DOUBLE NOT NULL, ENERGY DOUBLE NOT NULL, QUALITY VARCHAR(16) NOT NULL, "
                            + "FLAGS VARCHAR(512) NOT NULL, SITE_ID VARCHAR(512) NOT NULL, SCOPE VARCHAR(16) NOT NULL, "
                            + "METHOD VARCHAR(32) NOT NULL, FACTOR_VALUE DOUBLE NOT NULL, FACTOR_UNIT VARCHAR(128) NOT NULL, "
                            + "FACTOR_SOURCE VARCHAR(2000) NOT NULL, FACTOR_EDITION VARCHAR(512) NOT NULL, "
                            + "FACTOR_GWP VARCHAR(64) NOT NULL, FACTOR_REGION VARCHAR(512) NOT NULL, "
                            + "GRAMS_CO2E DOUBLE NOT NULL, COMPUTED_AT BIGINT NOT NULL, "
                            + "PRIMARY KEY (METER_ID, START_TS, METHOD))",
                    "CREATE INDEX EMISSION_METHOD_END ON EMISSION (METER_ID, METHOD, END_TS)")),
            new Migration(4, "ledger format 2: entry header, kinds, quarantine and emissions in the chain, checkpoint",
                    List.of(
                    // entries written before keep FORMAT 1 and verify under the format 1 rules
                    "ALTER TABLE BATCH ADD COLUMN FORMAT SMALLINT NOT NULL DEFAULT 1",
                    "ALTER TABLE BATCH ADD COLUMN KIND VARCHAR(16) NOT NULL DEFAULT 'READINGS'",
                    "ALTER TABLE BATCH ADD COLUMN ITEM_COUNT INT NOT NULL DEFAULT 0",
                    "UPDATE BATCH SET ITEM_COUNT = READING_COUNT",
                    "ALTER TABLE BATCH ADD COLUMN BASIS_ID BIGINT NOT NULL DEFAULT 0",
                    // BATCH_ID 0 = written before format 2 (not covered by an entry)
                    "ALTER TABLE QUARANTINE ADD COLUMN BATCH_ID BIGINT NOT NULL DEFAULT 0",
                    // the exact bits (Derby's DOUBLE holds no NaN and turns -0.0 into 0.0); the DOUBLEs stay for SQL users
                    "ALTER TABLE QUARANTINE ADD COLUMN VALUE_BITS BIGINT",
                    "ALTER TABLE QUARANTINE ADD COLUMN STORED_BITS BIGINT",
                    "ALTER TABLE QUARANTINE ALTER COLUMN READING_VALUE NULL",
                    "ALTER TABLE QUARANTINE ALTER COLUMN STORED_VALUE NULL",
                    "CREATE INDEX QUARANTINE_BATCH ON QUARANTINE (BATCH_ID)",
                    "ALTER TABLE EMISSION ADD COLUMN BATCH_ID BIGINT NOT NULL DEFAULT 0",
                    "CREATE INDEX EMISSION_BATCH ON EMISSION (BATCH_ID)",
                    "CREATE TABLE VERIFY_CHECKPOINT (ID INT NOT NULL PRIMARY KEY, ENTRY_ID BIGINT NOT NULL, "
                            + "HASH CHAR(64) NOT NULL, VERIFIED_AT BIGINT NOT NULL)")),
            new Migration(5, "retention: rolled-up windows, pruned entries, per-series horizon", List.of(
                    // the ROLLUP entry whose P line names this entry: its readings were replaced by windows
                    "ALTER TABLE BATCH ADD COLUMN PRUNED_BY BIGINT NOT NULL DEFAULT 0",
                    // readings before this timestamp were rolled up: a resubmitted one counts as a duplicate
                    "ALTER TABLE SERIES ADD COLUMN PRUNED_BEFORE BIGINT NOT NULL DEFAULT " + Long.MIN_VALUE,
                    "CREATE TABLE ROLLUP (ROLLUP_ID BIGINT NOT NULL, SERIES_ID INT NOT NULL, HOUR_TS BIGINT NOT NULL, "
                            + "FIRST_TS BIGINT NOT NULL, FIRST_BITS BIGINT NOT NULL, LAST_TS BIGINT NOT NULL, "
                            + "LAST_BITS BIGINT NOT NULL, READING_COUNT INT NOT NULL, MIN_BITS BIGINT NOT NULL, "
                            + "MAX_BITS BIGINT NOT NULL, SUM_BITS BIGINT NOT NULL, "
                            + "PRIMARY KEY (SERIES_ID, HOUR_TS, ROLLUP_ID))",
                    "CREATE INDEX ROLLUP_ENTRY ON ROLLUP (ROLLUP_ID)")),
            new Migration(6, "carbon: window blocks with history, record register, intensity values", List.of(
                    "CREATE TABLE WINDOW_SERIES (SERIES_ID INT NOT NULL PRIMARY KEY, METER_ID VARCHAR(512) NOT NULL, "
                            + "QUANTITY VARCHAR(64) NOT NULL, SCOPE VARCHAR(16) NOT NULL, METHOD VARCHAR(32) NOT NULL, "
                            + "CONSTRAINT WINDOW_SERIES_KEY UNIQUE (METER_ID, QUANTITY, SCOPE, METHOD))",
                    // one row per series and UTC day: the current versions (WindowBlockCodec) and pre-summed columns
                    "CREATE TABLE WINDOW_BLOCK (DAY BIGINT NOT NULL, SERIES_ID INT NOT NULL, PAYLOAD BLOB(16M) NOT NULL, "
                            + "CRC INT NOT NULL, WINDOWS INT NOT NULL, COUNTED INT NOT NULL, AMOUNT BIGINT NOT NULL, "
                            + "CO2E BIGINT NOT NULL, FLAG_BITS INT NOT NULL, WORST_QUALITY SMALLINT NOT NULL, "
                            + "SITE_ID VARCHAR(512), FIRST_START BIGINT NOT NULL, LAST_START BIGINT NOT NULL, "
                            + "MAX_ENTRY BIGINT NOT NULL, PRIMARY KEY (DAY, SERIES_ID))",
                    "CREATE UNIQUE INDEX WINDOW_BLOCK_SERIES ON WINDOW_BLOCK (SERIES_ID, DAY)",
                    // superseded versions, one window each (WindowBlockCodec payload of one window)
                    "CREATE TABLE WINDOW_HISTORY (SERIES_ID INT NOT NULL, START_TS BIGINT NOT NULL, VERSION INT NOT NULL, "
                            + "ENTRY_ID BIGINT NOT NULL, PAYLOAD VARCHAR(4096) FOR BIT DATA NOT NULL, CRC INT NOT NULL, "
                            + "PRIMARY KEY (SERIES_ID, START_TS, VERSION))",
                    "CREATE INDEX WINDOW_HISTORY_ENTRY ON WINDOW_HISTORY (ENTRY_ID)",
                    // per WINDOWS entry: its reason (the N line) and the UTC days its windows start in
                    "CREATE TABLE WINDOW_ENTRY (ENTRY_ID BIGINT NOT NULL PRIMARY KEY, REASON VARCHAR(2000) NOT NULL, "
                            + "FIRST_DAY BIGINT NOT NULL, LAST_DAY BIGINT NOT NULL)",
                    "CREATE TABLE REGISTER_RECORD (REF BIGINT NOT NULL PRIMARY KEY, REGISTER_NAME VARCHAR(200) NOT NULL, "
                            + "KEY_NAME VARCHAR(200) NOT NULL, VERSION INT NOT NULL, TEXT BLOB(64K) NOT NULL, "
                            + "REASON VARCHAR(2000) NOT NULL, RECORDED_AT BIGINT NOT NULL, ENTRY_ID BIGINT NOT NULL, "
                            + "DIGEST INT NOT NULL, CONSTRAINT REGISTER_RECORD_KEY UNIQUE (REGISTER_NAME, KEY_NAME, VERSION))",
                    "CREATE INDEX REGISTER_RECORD_ENTRY ON REGISTER_RECORD (ENTRY_ID)",
                    "CREATE TABLE INTENSITY (PROVIDER VARCHAR(200) NOT NULL, REGION VARCHAR(200) NOT NULL, "
                            + "SIGNAL VARCHAR(16) NOT NULL, START_TS BIGINT NOT NULL, END_TS BIGINT NOT NULL, "
                            + "VALUE_TEXT VARCHAR(128) NOT NULL, UNIT VARCHAR(64) NOT NULL, FORECAST SMALLINT NOT NULL, "
                            + "ESTIMATED SMALLINT NOT NULL, MODEL VARCHAR(512) NOT NULL, ISSUED_AT BIGINT NOT NULL, "
                            + "PRIMARY KEY (PROVIDER, REGION, SIGNAL, START_TS, FORECAST, ISSUED_AT))")),
            new Migration(7, "carbon: per series and UTC month window summaries (WINDOW_MONTH) for totals", List.of(
                    // the sums of a series' WINDOW_BLOCK summary columns over a UTC month (WindowMonths); built from
                    // the existing day rows by the step, then kept by the writer in the transaction of each block
                    "CREATE TABLE WINDOW_MONTH (MONTH BIGINT NOT NULL, SERIES_ID INT NOT NULL, DAYS INT NOT NULL, "
                            + "WINDOWS BIGINT NOT NULL, COUNTED BIGINT NOT NULL, AMOUNT BIGINT NOT NULL, "
                            + "CO2E BIGINT NOT NULL, FLAG_BITS INT NOT NULL, WORST_QUALITY SMALLINT NOT NULL, "
                            + "SITE_ID VARCHAR(512), FIRST_START BIGINT NOT NULL, LAST_START BIGINT NOT NULL, "
                            + "MAX_ENTRY BIGINT NOT NULL, PRIMARY KEY (MONTH, SERIES_ID))",
                    // a covering index of the day rows' summary columns: totals that read day rows (zone-cut or
                    // partial months, days, hours) scan it without touching the rows' payload pages; 32 KB pages so
                    // that a key with a long site id fits
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '32768')",
                    "CREATE INDEX WINDOW_BLOCK_SUMMARY ON WINDOW_BLOCK (DAY, SERIES_ID, WINDOWS, COUNTED, AMOUNT, "
                            + "CO2E, FLAG_BITS, WORST_QUALITY, SITE_ID, FIRST_START, LAST_START)",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL)"),
                    WindowMonths::build),
            new Migration(8, "edge: the outbox of batches to forward (OUTBOX) and its drop counts (OUTBOX_STATE)", List.of(
                    // one row per READINGS entry with accepted readings, written in the entry's own transaction
                    // (OutboxTable); deleted when the central acknowledges it. Empty unless the outbox is enabled.
                    "CREATE TABLE OUTBOX (ENTRY_ID BIGINT NOT NULL PRIMARY KEY, QUEUED_AT BIGINT NOT NULL, "
                            + "READINGS INT NOT NULL, PAYLOAD BLOB(64M) NOT NULL)",
                    "CREATE TABLE OUTBOX_STATE (ID INT NOT NULL PRIMARY KEY, DROPPED_READINGS BIGINT NOT NULL, "
                            + "DROPPED_ENTRIES BIGINT NOT NULL)")));

    private Schema() {
    }

    /** Applies every missing step; returns the schema version afterwards. */
    static int migrate(Connection c) throws SQLException {
        return migrate(c, Integer.MAX_VALUE);
    }

    /** Applies missing steps up to {@code target} (tests use this to build an old schema). */
    static int migrate(Connection c, int target) throws SQLException {
        ensureVersionTable(c);
        int current = currentVersion(c);
        for (var m : MIGRATIONS) {
            if (m.version() <= current || m.version() > target) {
                continue;
            }
            try (var st = c.createStatement()) {
                for (var sql : m.statements()) {
                    st.executeUpdate(sql);
                }
                m.step().run(c);
                try (var ps = c.prepareStatement(
                        "INSERT INTO SCHEMA_VERSION (VERSION, DESCRIPTION, APPLIED_AT) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.commit();
                current = m.version();
                LOG.info("Derby store schema migrated to version {}: {}", m.version(), m.description());
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("schema migration " + m.version() + " (" + m.description() + ") failed: "
                        + e.getMessage(), e.getSQLState(), e);
            }
        }
        return current;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MAX(VERSION) FROM SCHEMA_VERSION")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        try (var rs = c.getMetaData().getTables(null, null, "SCHEMA_VERSION", null)) {
            if (rs.next()) {
                return;
            }
        }
        try (var st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE SCHEMA_VERSION (VERSION INT NOT NULL PRIMARY KEY, "
                    + "DESCRIPTION VARCHAR(256) NOT NULL, APPLIED_AT BIGINT NOT NULL)");
        }
        c.commit();
    }
}
