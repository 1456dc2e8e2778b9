package org.gridprint.store.postgres;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The store's connections: the writer's own (unpooled, from the driver's data source, with a socket timeout so a
 * vanished server cannot hang it) and a HikariCP pool for readers. The pool starts empty and never fails at start,
 * so an unreachable server does not stop the component.
 */
final class Pools implements AutoCloseable {

    /**
     * Longest a writer's round trip may take before its connection counts as lost (a server gone without closing
     * the connection, e.g. a network cut): the waiting callers are then refused, not held longer.
     */
    private static final int WRITER_SOCKET_TIMEOUT_SECONDS = 30;

    private final PGSimpleDataSource writer;
    private final HikariDataSource readers;

    private Pools(PGSimpleDataSource writer, HikariDataSource readers) {
        this.writer = writer;
        this.readers = readers;
    }

    static Pools create(PostgresOptions o) {
        var w = dataSource(o);
        w.setSocketTimeout(WRITER_SOCKET_TIMEOUT_SECONDS);
        w.setApplicationName("gridprint-store-writer");
        var r = dataSource(o);
        r.setApplicationName("gridprint-store-reader");
        var hc = new HikariConfig();
        hc.setDataSource(r);
        hc.setPoolName("gridprint-postgres-" + o.schema());
        hc.setMaximumPoolSize(o.poolSize());
        hc.setMinimumIdle(0);
        hc.setInitializationFailTimeout(-1);
        long timeout = Math.max(250, o.connectTimeout().toMillis());
        hc.setConnectionTimeout(timeout);
        hc.setValidationTimeout(Math.max(250, timeout / 2));
        hc.setAutoCommit(true);
        return new Pools(w, new HikariDataSource(hc));
    }

    private static PGSimpleDataSource dataSource(PostgresOptions o) {
        var ds = new PGSimpleDataSource();
        ds.setURL(o.url());
        ds.setUser(o.user());
        ds.setPassword(o.password());
        int seconds = (int) Math.max(1, o.connectTimeout().toSeconds());
        ds.setConnectTimeout(seconds);
        ds.setLoginTimeout(seconds);
        ds.setTcpKeepAlive(true);
        return ds;
    }

    DataSource writer() {
        return writer;
    }

    DataSource readers() {
        return readers;
    }

    @Override
    public void close() {
        readers.close();
    }
}
