package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's one JDBC connection: manual commit, READ COMMITTED, prepared statements cached by SQL text. */
final class StoreConnection {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Path dir;
    private final Connection conn;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private StoreConnection(Path dir, Connection conn) {
        this.dir = dir;
        this.conn = conn;
    }

    /** Opens (creating if needed) the database of the store directory {@code dir}. */
    static StoreConnection open(Path dir, StoreOptions options) throws SQLException {
        var db = new StoreConnection(dir, DerbyEngine.open(dir, options));
        try {
            db.conn.setAutoCommit(false);
            db.conn.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    Path dir() {
        return dir;
    }

    Connection connection() {
        return conn;
    }

    /** The prepared statement of {@code sql}, prepared once per connection. */
    PreparedStatement statement(String sql) throws SQLException {
        var ps = statements.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    void commit() throws SQLException {
        conn.commit();
    }

    /**
     * Runs {@code work} and commits; on an SQLException rolls back and throws an IllegalStateException that starts
     * with {@code what}; on a RuntimeException rolls back and rethrows it (never leaves a transaction open).
     */
    <T> T transaction(String what, Work<T> work) {
        try {
            var out = work.run();
            conn.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    void rollbackQuietly() {
        try {
            conn.rollback();
        } catch (SQLException e) {
            LOG.warn("Derby store {}: rollback failed: {}", dir, e.getMessage());
        }
    }

    /** Closes the statements and the connection, then shuts the database down (releasing its lock). */
    void close() {
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
    }
}
