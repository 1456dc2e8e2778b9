package org.gridprint.bench;

import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.gridprint.api.IngestService;
import org.gridprint.api.Meter;
import org.gridprint.core.IngestServiceImpl;
import org.postgresql.PGConnection;

/**
 * PostgreSQL through the bench's own {@link PgReadingStore} (one connection, appends serialised): the baseline
 * used while bundles/store-postgres is not on the class path (see {@link PgStoreTarget}). Its verify and export
 * are stand-ins on their own connections: verify = the chain links checked in SQL plus a full scan of the reading
 * table; export = the whole reading table streamed with COPY into a CSV file.
 */
final class PgTarget implements BenchTarget {

    private final String url;
    private final PgReadingStore store;
    private final IngestService ingest;
    private final PgServerProbe probe;
    private final AtomicInteger exports = new AtomicInteger();

    PgTarget(String url, List<Meter> meters) throws SQLException {
        this.url = url;
        this.store = PgReadingStore.create(url, Clock.systemUTC());
        try {
            meters.forEach(store::registerMeter);
            this.ingest = new IngestServiceImpl(store, DerbyTarget.registry(meters), Clock.systemUTC(), null);
            this.probe = new PgServerProbe(url);
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
        return "PostgreSQL (bench PgReadingStore) verify = chain links in SQL + full scan of the reading table; "
                + "export = COPY of the whole reading table to a CSV file (stand-ins: the bench store has no verify "
                + "and no emission table)";
    }

    @Override
    public IngestService ingest() {
        return ingest;
    }

    @Override
    public String verifyOnce() throws SQLException {
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            long batches;
            long broken;
            try (var rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE b.prev_hash <> coalesce(p.hash, '"
                    + "0".repeat(64) + "')) FROM " + PgReadingStore.SCHEMA + ".batch b LEFT JOIN "
                    + PgReadingStore.SCHEMA + ".batch p ON p.batch_id = b.batch_id - 1")) {
                rs.next();
                batches = rs.getLong(1);
                broken = rs.getLong(2);
            }
            long readings;
            try (var rs = st.executeQuery("SELECT count(*), sum(value) FROM " + PgReadingStore.SCHEMA + ".reading")) {
                rs.next();
                readings = rs.getLong(1);
            }
            if (broken != 0) {
                throw new IllegalStateException("bench check failed: " + broken + " broken chain links");
            }
            return String.format(Locale.ROOT, "%,d batch rows linked, %,d readings scanned", batches, readings);
        }
    }

    @Override
    public String exportOnce(Path dir) throws Exception {
        var target = dir.resolve("pg-export-" + exports.incrementAndGet() + ".csv");
        long rows;
        try (var c = DriverManager.getConnection(url);
                Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT m.meter_id, r.quantity, r.ts, "
                    + "r.value, r.quality FROM " + PgReadingStore.SCHEMA + ".reading r JOIN " + PgReadingStore.SCHEMA
                    + ".meter m USING (meter) ORDER BY r.meter, r.quantity, r.ts) TO STDOUT WITH (FORMAT csv)", out);
        } finally {
            Files.deleteIfExists(target);
        }
        return String.format(Locale.ROOT, "%,d rows copied", rows);
    }

    @Override
    public long bytesWritten() {
        return probe.bytesWritten();
    }

    @Override
    public long walBytes() {
        return probe.walBytes();
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
        probe.checkpoint();
    }

    @Override
    public long sizeOnDisk() {
        return store.sizes().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws SQLException {
        try {
            probe.close();
        } finally {
            store.close();
        }
    }
}
