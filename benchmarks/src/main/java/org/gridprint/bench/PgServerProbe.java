package org.gridprint.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A monitor connection to the PostgreSQL server under test, never the store's: the server's settings, its WAL
 * volume (the WAL insert position), checkpoints, and the bytes its processes wrote ({@link ProcIo}, found from this connection's
 * backend pid: the server must run on this machine, as the loopback bench server does).
 */
final class PgServerProbe implements AutoCloseable {

    private final Connection monitor;
    private final long postmasterPid;

    PgServerProbe(String url) throws SQLException {
        this.monitor = DriverManager.getConnection(url);
        monitor.setAutoCommit(true);
        this.postmasterPid = ProcIo.parentPid(single("SELECT pg_backend_pid()"));
    }

    boolean schemaExists(String schema) {
        return single("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") > 0;
    }

    void dropSchema(String schema) throws SQLException {
        try (var st = monitor.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    long bytesWritten() {
        return postmasterPid > 0 ? ProcIo.writeBytesOfTree(postmasterPid) : -1;
    }

    /** The WAL insert position in bytes: exact at once (pg_stat_wal lags: backends report it up to 10 s late). */
    long walBytes() {
        return single("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    void checkpoint() throws SQLException {
        try (var st = monitor.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    String serverInfo() throws SQLException {
        return PgReadingStore.serverInfo(monitor) + (postmasterPid > 0 ? ", postmaster pid " + postmasterPid
                : ", server processes not readable in /proc (not on this machine?)");
    }

    long single(String sql) {
        try (var st = monitor.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL monitor: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        monitor.close();
    }
}
