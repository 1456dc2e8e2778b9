package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDBC connection of the store: manual commit, READ COMMITTED, prepared statements cached by SQL text. The
 * writer's connection owns the database (closing it shuts the database down); the flusher's and the readers'
 * connections are extra connections to it. A connection is used by one thread at a time.
 */
final class StoreConnection {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Path dir;
    private final Connection conn;
    private final boolean owner;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private StoreConnection(Path dir, Connection conn, boolean owner) {
        this.dir = dir;
        this.conn = conn;
        this.owner = owner;
    }

    /** Opens (creating if needed) the database of the store directory {@code dir}: the owning (writer's) connection. */
    static StoreConnection open(Path dir, StoreOptions options) throws SQLException {
        return configure(new StoreConnection(dir, DerbyEngine.open(dir, options), true));
    }

    /** Another connection to the open database of {@code dir} (flusher, readers); closing it leaves the database up. */
    static StoreConnection extra(Path dir) throws SQLException {
        return configure(new StoreConnection(dir, DerbyEngine.connect(dir), false));
    }

    private static StoreConnection configure(StoreConnection db) throws SQLException {
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
            if (conn.isClosed()) {
                return;
            }
            conn.rollback();
        } catch (SQLException e) {
            LOG.warn("Derby store {}: rollback failed: {}", dir, e.getMessage());
        }
    }

    /** Whether the connection was closed (by Derby, e.g. after an interrupt or a shutdown). */
    boolean isClosed() {
        try {
            return conn.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * Closes the statements and the connection; the owning connection then shuts the database down (releasing its
     * lock).
     */
    void close() {
        closeConnection();
        if (owner) {
            DerbyEngine.close(dir);
        }
    }

    /**
     * After a Derby failure: closes the statements and the connection without shutting anything down (the database
     * may be shutting down already, or be down; shutting the engine down then could stall on it).
     */
    void drop() {
        closeConnection();
        if (owner) {
            DerbyEngine.release();
        }
    }

    private void closeConnection() {
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
            LOG.debug("Derby store {}: closing a connection: {}", dir, e.getMessage());
        }
    }
}
