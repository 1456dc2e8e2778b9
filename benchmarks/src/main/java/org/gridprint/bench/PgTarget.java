package org.gridprint.bench;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.api.IngestService;
import org.gridprint.api.Meter;
import org.gridprint.core.IngestServiceImpl;
import org.postgresql.PGConnection;

/**
 * PostgreSQL through the bench's own {@link PgReadingStore} (one connection, appends serialised; the real
 * bundles/store-postgres is not on this branch yet). Its verify and export are stand-ins on their own connections:
 * verify = the chain links checked in SQL plus a full scan of the reading table; export = the whole reading table
 * streamed with COPY into a CSV file. Server-side figures from a separate monitor connection: pg_stat_wal (WAL
 * bytes) and /proc/<pid>/io of the postmaster and its processes (loopback server on this machine).
 */
final class PgTarget implements BenchTarget {

    private final String url;
    private final PgReadingStore store;
    private final IngestService ingest;
    private final Connection monitor;
    private final long postmasterPid;
    private final AtomicInteger exports = new AtomicInteger();

    PgTarget(String url, List<Meter> meters) throws SQLException {
        this.url = url;
        this.store = PgReadingStore.create(url, Clock.systemUTC());
        try {
            var byId = new TreeMap<String, Meter>();
            meters.forEach(m -> byId.put(m.id(), m));
            meters.forEach(store::registerMeter);
            this.ingest = new IngestServiceImpl(store, DerbyTarget.registry(byId), Clock.systemUTC(), null);
            this.monitor = DriverManager.getConnection(url);
            monitor.setAutoCommit(true);
            this.postmasterPid = ProcIo.parentPid(single("SELECT pg_backend_pid()"));
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "PostgreSQL (bench PgReadingStore)";
    }

    @Override
    public String readerNote() {
        return "PostgreSQL verify = chain links in SQL + full scan of the reading table; export = COPY of the "
                + "whole reading table to a CSV file (stand-ins: the bench store has no verify and no emission table)";
    }

    @Override
    public IngestService ingest() {
        return ingest;
    }

    @Override
    public String verifyOnce() throws SQLException {
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            long[] chain = new long[2];
            try (var rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE b.prev_hash <> coalesce(p.hash, '"
                    + "0".repeat(64) + "')) FROM " + PgReadingStore.SCHEMA + ".batch b LEFT JOIN "
                    + PgReadingStore.SCHEMA + ".batch p ON p.batch_id = b.batch_id - 1")) {
                rs.next();
                chain[0] = rs.getLong(1);
                chain[1] = rs.getLong(2);
            }
            long readings;
            try (var rs = st.executeQuery("SELECT count(*), sum(value) FROM " + PgReadingStore.SCHEMA + ".reading")) {
                rs.next();
                readings = rs.getLong(1);
            }
            if (chain[1] != 0) {
                throw new IllegalStateException("bench check failed: " + chain[1] + " broken chain links");
            }
            return String.format(Locale.ROOT, "%,d batch rows linked, %,d readings scanned", chain[0], readings);
        }
    }

    @Override
    public String exportOnce(Path dir) throws Exception {
        var target = dir.resolve("pg-export-" + exports.incrementAndGet() + ".csv");
        long bytes;
        try (var c = DriverManager.getConnection(url);
                Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
            bytes = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT m.meter_id, r.quantity, r.ts, "
                    + "r.value, r.quality FROM " + PgReadingStore.SCHEMA + ".reading r JOIN " + PgReadingStore.SCHEMA
                    + ".meter m USING (meter) ORDER BY r.meter, r.quantity, r.ts) TO STDOUT WITH (FORMAT csv)", out);
        } finally {
            Files.deleteIfExists(target);
        }
        return String.format(Locale.ROOT, "%,d rows copied", bytes);
    }

    @Override
    public long bytesWritten() {
        return postmasterPid > 0 ? ProcIo.writeBytesOfTree(postmasterPid) : -1;
    }

    @Override
    public long walBytes() {
        return single("SELECT wal_bytes::bigint FROM pg_stat_wal");
    }

    /** Not counted: pg_stat_wal.wal_sync also counts the WAL writer's and checkpoints' flushes (3x the commits). */
    @Override
    public long durableCommits() {
        return -1;
    }

    @Override
    public String commitsHow() {
        return "one synchronous commit per batch on the store's one connection (no group commit possible), so "
                + "durable commits/s = ledgered batches/s";
    }

    @Override
    public void checkpoint() throws SQLException {
        try (var st = monitor.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    @Override
    public long sizeOnDisk() {
        return store.sizes().values().stream().mapToLong(Long::longValue).sum();
    }

    String serverInfo() throws SQLException {
        return PgReadingStore.serverInfo(monitor) + (postmasterPid > 0 ? ", postmaster pid " + postmasterPid
                : ", server processes not readable in /proc (not on this machine?)");
    }

    private long single(String sql) {
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
        try {
            monitor.close();
        } finally {
            store.close();
        }
    }
}
