package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readers' connections (never the writer's or the flusher's): queries, scans and verify borrow one and give it
 * back. A connection whose work failed, or whose thread was interrupted (Derby closes the connection of an
 * interrupted thread), is closed and dropped; the next borrower gets a new one. At most {@link #MAX_IDLE} are kept.
 */
final class ReaderPool {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderPool.class);
    static final int MAX_IDLE = 4;

    /** Work on a reader connection. */
    @FunctionalInterface
    interface Read<T> {
        T run(StoreConnection db) throws SQLException;
    }

    private final Path dir;
    private final ArrayDeque<StoreConnection> idle = new ArrayDeque<>();
    private boolean closed;
    private long discarded;

    ReaderPool(Path dir) {
        this.dir = dir;
    }

    /**
     * Runs {@code read} on a reader connection and ends its transaction. An SQLException becomes an
     * IllegalStateException starting with {@code what}; the connection is then dropped.
     */
    <T> T read(String what, Read<T> read) {
        var db = borrow(what);
        boolean ok = false;
        try {
            var out = read.run(db);
            db.commit();
            ok = true;
            return out;
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(what + " was interrupted (" + e.getMessage() + ")", e);
            }
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        } finally {
            giveBack(db, ok && !Thread.currentThread().isInterrupted());
        }
    }

    private StoreConnection borrow(String what) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(what + ": the Derby store " + dir + " is closed");
            }
            var db = idle.pollFirst();
            if (db != null) {
                return db;
            }
        }
        try {
            return StoreConnection.extra(dir);
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": no reader connection to the Derby store " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private void giveBack(StoreConnection db, boolean healthy) {
        if (healthy && !db.isClosed()) {
            synchronized (this) {
                if (!closed && idle.size() < MAX_IDLE) {
                    idle.addLast(db);
                    return;
                }
            }
        } else {
            synchronized (this) {
                discarded++;
            }
            LOG.debug("Derby store {}: reader connection dropped (failed or interrupted)", dir);
        }
        db.rollbackQuietly();
        db.close();
    }

    /** Reader connections dropped because their work failed or their thread was interrupted. */
    synchronized long discarded() {
        return discarded;
    }

    /** Closes the idle connections; connections in use are closed when given back. */
    void close() {
        ArrayDeque<StoreConnection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        for (var db : toClose) {
            db.close();
        }
    }
}
