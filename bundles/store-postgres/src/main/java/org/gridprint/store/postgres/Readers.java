package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.HeldSpan;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.api.store.ReadingSink;

/**
 * Queries on pooled reader connections, never the writer's. Rows that cannot be decoded (a quality or name that
 * means nothing, an interval that ends before it starts) are not returned; verify names them.
 */
final class Readers {

    /** A piece of work on a pooled connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final Quality[] QUALITIES = Quality.values();
    private static final String READING_COLUMNS = "r.ts, r.value, r.quality, src.name";

    private final DataSource pool;
    private final String s;
    private final Masking masking;
    private final String where;

    Readers(DataSource pool, String schema, Masking masking, String where) {
        this.pool = pool;
        this.s = schema;
        this.masking = masking;
        this.where = where;
    }

    /** Runs {@code work} on a pooled connection; failures become an IllegalStateException saying what and why. */
    <T> T run(String what, Work<T> work) {
        try (var c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    IllegalStateException failure(String what, Exception e) {
        if (Failures.connectionLost(e)) {
            return new IllegalStateException("PostgreSQL at " + where + " is unreachable: "
                    + Failures.reason(e, masking) + " (" + what + ")", e);
        }
        return new IllegalStateException("PostgreSQL store: " + what + " failed: " + masking.describe(e), e);
    }

    static long millis(Instant t) {
        if (t.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        if (t.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        return t.toEpochMilli();
    }

    private String seriesReadings(String condition, String order) {
        return "SELECT " + READING_COLUMNS + " FROM " + s + ".reading r JOIN " + s + ".series se ON se.series_id = "
                + "r.series_id JOIN " + s + ".source src ON src.source_id = r.source_id WHERE se.meter_id = ? AND "
                + "se.quantity = ? AND " + condition + " ORDER BY r.ts " + order;
    }

    private static Optional<Reading> reading(ResultSet rs, String meterId, Quantity q) throws SQLException {
        int quality = rs.getShort(3);
        if (quality < 0 || quality >= QUALITIES.length) {
            return Optional.empty();
        }
        return Optional.of(new Reading(meterId, q, Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2),
                QUALITIES[quality], rs.getString(4)));
    }

    List<Reading> readings(String meterId, Quantity q, Instant from, Instant to) {
        var out = new ArrayList<Reading>();
        scan(meterId, q, from, to, r -> out.add(r));
        return out;
    }

    /** Streams through a server-side cursor (fetch size 1000); ends on the sink's false or the caller's interrupt. */
    long scan(String meterId, Quantity q, Instant from, Instant to, ReadingSink sink) {
        var what = "scan of " + meterId + " " + q + " from " + from + " to " + to;
        return run(what, c -> {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement(seriesReadings("r.ts >= ? AND r.ts < ?", ""))) {
                ps.setFetchSize(1000);
                ps.setString(1, meterId);
                ps.setString(2, q.name());
                ps.setLong(3, millis(from));
                ps.setLong(4, millis(to));
                long n = 0;
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new IllegalStateException("PostgreSQL store: " + what + " interrupted after " + n
                                    + " readings");
                        }
                        var r = reading(rs, meterId, q);
                        if (r.isEmpty()) {
                            continue;
                        }
                        n++;
                        if (!sink.accept(r.get())) {
                            break;
                        }
                    }
                }
                return n;
            } finally {
                // ends the cursor's transaction; the pool would roll back too
                c.rollback();
            }
        });
    }

    Optional<Reading> latestBefore(String meterId, Quantity q, Instant before) {
        return run("latest reading of " + meterId + " " + q + " before " + before, c -> {
            try (var ps = c.prepareStatement(seriesReadings("r.ts < ?", "DESC LIMIT 16"))) {
                ps.setString(1, meterId);
                ps.setString(2, q.name());
                ps.setLong(3, millis(before));
                return first(ps.executeQuery(), meterId, q);
            }
        });
    }

    Optional<Reading> latest(String meterId, Quantity q) {
        return run("latest reading of " + meterId + " " + q, c -> {
            try (var ps = c.prepareStatement(seriesReadings("TRUE", "DESC LIMIT 16"))) {
                ps.setString(1, meterId);
                ps.setString(2, q.name());
                return first(ps.executeQuery(), meterId, q);
            }
        });
    }

    private static Optional<Reading> first(ResultSet rs, String meterId, Quantity q) throws SQLException {
        try (rs) {
            while (rs.next()) {
                var r = reading(rs, meterId, q);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        }
    }

    List<QuarantinedReading> quarantine(int limit) {
        return run("quarantine (newest " + limit + ")", c -> {
            var out = new ArrayList<QuarantinedReading>();
            try (var ps = c.prepareStatement("SELECT id, meter_id, quantity, ts, value, quality, source, "
                    + "stored_value, reason, received_at FROM " + s + ".quarantine ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, Math.max(0, limit));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var q = Quantity.parse(rs.getString(3));
                        var quality = parseQuality(rs.getString(6));
                        if (q.isEmpty() || quality.isEmpty()) {
                            continue;
                        }
                        var r = new Reading(rs.getString(2), q.get(), Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getDouble(5), quality.get(), rs.getString(7));
                        out.add(new QuarantinedReading(rs.getLong(1), r, rs.getDouble(8), rs.getString(9),
                                Instant.ofEpochMilli(rs.getLong(10))));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<Quality> parseQuality(String name) {
        for (var q : QUALITIES) {
            if (q.name().equals(name)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The oldest and newest stored timestamps, one index probe per series. */
    Optional<HeldSpan> heldSpan() {
        return run("held span", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT min(f.ts), max(l.ts) FROM " + s
                    + ".series se CROSS JOIN LATERAL (SELECT ts FROM " + s + ".reading r WHERE r.series_id = "
                    + "se.series_id ORDER BY ts LIMIT 1) f CROSS JOIN LATERAL (SELECT ts FROM " + s + ".reading r "
                    + "WHERE r.series_id = se.series_id ORDER BY ts DESC LIMIT 1) l")) {
                rs.next();
                long first = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.<HeldSpan>empty();
                }
                return Optional.of(new HeldSpan(Instant.ofEpochMilli(first), Instant.ofEpochMilli(rs.getLong(2))));
            }
        });
    }

    long seriesCount() {
        return run("series count", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + s + ".series")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    long bytesOnDisk() {
        return run("size on disk", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT coalesce(sum(pg_total_relation_size("
                    + "c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '"
                    + s + "' AND c.relkind IN ('r', 'm')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    String serverVersion() {
        return run("server version", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    List<EmissionRecord> emissions(Collection<String> meterIds, Instant from, Instant to) {
        return run("emission records", c -> {
            var out = new ArrayList<EmissionRecord>();
            var sql = "SELECT meter_id, quantity, start_ts, end_ts, start_counter, end_counter, energy, quality, "
                    + "flags, "
                    + "site_id, scope, method, factor_value, factor_unit, factor_source, factor_edition, factor_gwp, "
                    + "factor_region, grams_co2e, computed_at FROM " + s + ".emission WHERE end_ts > ? AND "
                    + "start_ts < ?" + (meterIds.isEmpty() ? "" : " AND meter_id = ANY (?)")
                    + " ORDER BY meter_id, start_ts, method";
            try (var ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                ps.setLong(1, millis(from));
                ps.setLong(2, millis(to));
                if (!meterIds.isEmpty()) {
                    ps.setArray(3, c.createArrayOf("text", meterIds.toArray()));
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        emission(rs, 0).ifPresent(out::add);
                    }
                }
            }
            return out;
        });
    }

    /**
     * An emission row as a record (its 20 columns from {@code base + 1} on, in the order of {@link #emissions});
     * empty when a stored name means nothing or the interval is impossible.
     */
    static Optional<EmissionRecord> emission(ResultSet rs, int base) throws SQLException {
        try {
            var q = Quantity.valueOf(rs.getString(base + 2));
            var quality = Quality.valueOf(rs.getString(base + 8));
            var flags = EnumSet.noneOf(IntervalFlag.class);
            var text = rs.getString(base + 9);
            if (!text.isEmpty()) {
                for (var f : text.split(",")) {
                    flags.add(IntervalFlag.valueOf(f));
                }
            }
            var interval = new EnergyInterval(rs.getString(base + 1), q,
                    Instant.ofEpochMilli(rs.getLong(base + 3)), Instant.ofEpochMilli(rs.getLong(base + 4)),
                    rs.getDouble(base + 5), rs.getDouble(base + 6), rs.getDouble(base + 7), quality, flags);
            var factor = new EmissionFactor(rs.getDouble(base + 13), rs.getString(base + 14),
                    rs.getString(base + 15), rs.getString(base + 16), rs.getString(base + 17),
                    rs.getString(base + 18), Scope.valueOf(rs.getString(base + 11)),
                    AccountingMethod.valueOf(rs.getString(base + 12)));
            return Optional.of(new EmissionRecord(interval, rs.getString(base + 10), factor, rs.getDouble(base + 19),
                    Instant.ofEpochMilli(rs.getLong(base + 20))));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    Optional<Instant> lastIntervalEnd(String meterId, AccountingMethod method) {
        return run("last interval end of " + meterId + " " + method, c -> {
            try (var ps = c.prepareStatement("SELECT max(end_ts) FROM " + s + ".emission WHERE meter_id = ? AND "
                    + "method = ?")) {
                ps.setString(1, meterId);
                ps.setString(2, method.name());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    long end = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(end));
                }
            }
        });
    }
}
