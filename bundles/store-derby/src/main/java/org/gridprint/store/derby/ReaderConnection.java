package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;

/**
 * A connection of its own to an open store's database, for status and backup: never the writer's, so an interrupt
 * or a failure of the thread that uses it (a console command stopped with Ctrl-C) cannot close or stall the writer.
 * It does not create the database and does not count as an open store of {@link DerbyEngine}.
 */
final class ReaderConnection {

    private ReaderConnection() {
    }

    /** A read-only, auto-commit connection to the database of {@code storeDir} at {@code isolation}. */
    static Connection open(Path storeDir, int isolation) throws SQLException {
        return open(storeDir, isolation, true);
    }

    /**
     * An auto-commit connection to the database of {@code storeDir}; {@code readOnly = false} only for the system
     * procedures that need it (SYSCS_BACKUP_DATABASE), never to change rows.
     */
    static Connection open(Path storeDir, int isolation, boolean readOnly) throws SQLException {
        var c = new EmbeddedDriver().connect(DerbyEngine.url(storeDir), new Properties());
        if (c == null) {
            throw new SQLException("no Derby connection for " + DerbyEngine.url(storeDir));
        }
        try {
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
