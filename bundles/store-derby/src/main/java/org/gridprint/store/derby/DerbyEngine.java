package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Derby engine embedded in this bundle. Connections come from the driver directly, never from
 * {@link java.sql.DriverManager} (OSGi class loading). The engine is shut down when the last open store
 * closes, so no Derby thread outlives the bundle.
 */
final class DerbyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyEngine.class);
    private static int openStores;

    private DerbyEngine() {
    }

    /** Opens (creating if needed) the database in {@code dir}. */
    static synchronized Connection open(Path dir, StoreOptions options) throws SQLException {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create store directory " + dir + ": " + e.getMessage(), e);
        }
        if (openStores == 0) {
            // engine-wide settings, read when the engine boots
            System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
            System.setProperty("derby.infolog.append", "true");
            System.setProperty("derby.storage.pageCacheSize", Integer.toString(options.pageCacheSize()));
            System.setProperty("derby.language.logStatementText", "false");
            // a flush deletes the WAL rows of every batch it writes into blocks (tens of thousands of rows with
            // small batches): Derby's default (5000 row locks, then a table lock) would make the writer's WAL
            // inserts wait for the flush to commit
            System.setProperty("derby.locks.escalationThreshold", "10000000");
        }
        // the constructor (re)boots the engine if it is down
        var driver = new EmbeddedDriver();
        var connection = driver.connect(url(dir) + ";create=true", new Properties());
        openStores++;
        return connection;
    }

    /** Another connection to the database of {@code dir}, which an {@link #open} connection holds open. */
    static Connection connect(Path dir) throws SQLException {
        var connection = new EmbeddedDriver().connect(url(dir), new Properties());
        if (connection == null) {
            throw new SQLException("Derby refused the URL " + url(dir));
        }
        return connection;
    }

    /** An owning connection was dropped after a failure: one open store less, nothing shut down. */
    static synchronized void release() {
        openStores = Math.max(0, openStores - 1);
    }

    /** Shuts the database of {@code dir} down now, cutting off its connections (recovery; the engine stays up). */
    static synchronized void shutdownDatabase(Path dir) {
        try {
            new EmbeddedDriver().connect(url(dir) + ";shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                LOG.debug("Derby database {} shutdown during recovery: {}", dir, e.getMessage());
            }
        }
    }

    /** Shuts the database down (releasing its lock), and the engine when no store is open any more. */
    static synchronized void close(Path dir) {
        openStores = Math.max(0, openStores - 1);
        try {
            new EmbeddedDriver().connect(url(dir) + ";shutdown=true", new Properties());
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                LOG.warn("Derby database {} did not shut down cleanly: {}", dir, e.getMessage());
            }
        }
        if (openStores == 0) {
            try {
                new EmbeddedDriver().connect("jdbc:derby:;shutdown=true", new Properties());
            } catch (SQLException e) {
                if (!"XJ015".equals(e.getSQLState())) {
                    LOG.warn("Derby engine did not shut down cleanly: {}", e.getMessage());
                }
            }
        }
    }

    /** The JDBC URL of the database of a store directory: {@code jdbc:derby:<dir>/db}. */
    static String url(Path dir) {
        return "jdbc:derby:" + dir.toAbsolutePath().resolve("db");
    }
}
