package org.gridprint.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;

/**
 * Grid-intensity values in the plain table {@code intensity} (not ledgered: a value that prices a window is in the
 * register as a factor version), written and read on pooled connections. Idempotent on (provider, region, signal,
 * start, forecast, issuedAt): {@code INSERT … ON CONFLICT DO NOTHING}. Values are NUMERIC, so a BigDecimal comes
 * back with its digits and scale.
 */
final class IntensityTable {

    private static final IntensitySignal[] SIGNALS = IntensitySignal.values();
    private static final String COLUMNS = "provider, region, signal, start_ts, end_ts, value, unit, forecast, "
            + "estimated, model, issued_at";

    private final Readers readers;
    private final String s;

    IntensityTable(Readers readers, String schema) {
        this.readers = readers;
        this.s = schema;
    }

    int store(List<IntensityPoint> points) {
        for (int i = 0; i < points.size(); i++) {
            var p = points.get(i);
            for (var f : new String[][] { { "provider", p.provider() }, { "region", p.region() },
                    { "unit", p.unit() }, { "model", p.model() } }) {
                if (f[1].indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("intensity point #" + (i + 1) + " (" + p.provider() + "/"
                            + p.region() + " at " + p.start() + "): " + f[0] + " contains a NUL character, which "
                            + "PostgreSQL text cannot hold");
                }
            }
        }
        return readers.run("storing " + points.size() + " intensity values", c -> {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("INSERT INTO " + s + ".intensity (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (var p : points) {
                    int i = 1;
                    ps.setString(i++, p.provider());
                    ps.setString(i++, p.region());
                    ps.setShort(i++, (short) p.signal().ordinal());
                    ps.setLong(i++, p.start().toEpochMilli());
                    ps.setLong(i++, p.end().toEpochMilli());
                    ps.setBigDecimal(i++, p.value());
                    ps.setString(i++, p.unit());
                    ps.setBoolean(i++, p.forecast());
                    ps.setBoolean(i++, p.estimated());
                    ps.setString(i++, p.model());
                    ps.setLong(i, p.issuedAt().toEpochMilli());
                    ps.addBatch();
                }
                int n = 0;
                for (int k : ps.executeBatch()) {
                    n += Math.max(0, k);
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Best per (provider, start): actual before forecast, then the newest issued. */
    List<IntensityPoint> intensity(String provider, String region, IntensitySignal signal, Instant from, Instant to) {
        return select("intensity of " + (provider == null ? "every provider" : provider) + "/" + region, provider,
                region, signal, from, to, false);
    }

    /** Forecast values, the newest issued per (provider, start). */
    List<IntensityPoint> forecast(String provider, String region, IntensitySignal signal, Instant from, Instant to) {
        return select("forecast of " + (provider == null ? "every provider" : provider) + "/" + region, provider,
                region, signal, from, to, true);
    }

    private List<IntensityPoint> select(String what, String provider, String region, IntensitySignal signal,
            Instant from, Instant to, boolean forecastOnly) {
        return readers.run(what, c -> {
            var sql = "SELECT * FROM (SELECT DISTINCT ON (provider, start_ts) " + COLUMNS + " FROM " + s
                    + ".intensity WHERE region = ? AND signal = ? AND start_ts >= ? AND start_ts < ?"
                    + (provider == null ? "" : " AND provider = ?") + (forecastOnly ? " AND forecast" : "")
                    + " ORDER BY provider, start_ts, forecast, issued_at DESC) best ORDER BY start_ts, provider "
                    + "COLLATE \"C\"";
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, region);
                ps.setShort(2, (short) signal.ordinal());
                ps.setLong(3, Readers.millis(from));
                ps.setLong(4, Readers.millis(to));
                if (provider != null) {
                    ps.setString(5, provider);
                }
                var out = new ArrayList<IntensityPoint>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        point(rs).ifPresent(out::add);
                    }
                }
                return out;
            }
        });
    }

    Optional<IntensityPoint> latest(String provider, String region, IntensitySignal signal) {
        return readers.run("latest intensity of " + provider + "/" + region, c -> {
            try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + s + ".intensity WHERE provider = ? "
                    + "AND region = ? AND signal = ? ORDER BY start_ts DESC, forecast, issued_at DESC LIMIT 1")) {
                ps.setString(1, provider);
                ps.setString(2, region);
                ps.setShort(3, (short) signal.ordinal());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? point(rs) : Optional.<IntensityPoint>empty();
                }
            }
        });
    }

    private static Optional<IntensityPoint> point(ResultSet rs) throws SQLException {
        int sig = rs.getShort(3);
        if (sig < 0 || sig >= SIGNALS.length) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IntensityPoint(rs.getString(1), rs.getString(2), SIGNALS[sig],
                    Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getBigDecimal(6),
                    rs.getString(7), rs.getBoolean(8), rs.getBoolean(9), rs.getString(10),
                    Instant.ofEpochMilli(rs.getLong(11))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
