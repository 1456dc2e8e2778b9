package org.gridprint.store.derby;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;

/** INTENSITY: providers' values as published (not ledgered: a value that prices a window is a register record). */
final class IntensityTable {

    private static final String COLUMNS = "PROVIDER, REGION, SIGNAL, START_TS, END_TS, VALUE_TEXT, UNIT, FORECAST, "
            + "ESTIMATED, MODEL, ISSUED_AT";

    private IntensityTable() {
    }

    static void check(IntensityPoint p) {
        if (p.provider().length() > 200 || p.region().length() > 200 || p.unit().length() > 64
                || p.model().length() > 512 || p.value().toPlainString().length() > 128) {
            throw new IllegalArgumentException("intensity point " + p.provider() + "/" + p.region() + " at "
                    + p.start() + ": provider and region may have 200 characters, unit 64, model 512, value 128 digits");
        }
    }

    /** Inserts the points not held yet (writer connection; the caller commits); returns how many were new. */
    static int store(Connection c, List<IntensityPoint> points) throws SQLException {
        int added = 0;
        try (var exists = c.prepareStatement("SELECT 1 FROM INTENSITY WHERE PROVIDER=? AND REGION=? AND SIGNAL=? AND "
                + "START_TS=? AND FORECAST=? AND ISSUED_AT=?");
                var ins = c.prepareStatement("INSERT INTO INTENSITY (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            for (var p : points) {
                exists.setString(1, p.provider());
                exists.setString(2, p.region());
                exists.setString(3, p.signal().name());
                exists.setLong(4, p.start().toEpochMilli());
                exists.setShort(5, (short) (p.forecast() ? 1 : 0));
                exists.setLong(6, p.issuedAt().toEpochMilli());
                try (var rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                ins.setString(1, p.provider());
                ins.setString(2, p.region());
                ins.setString(3, p.signal().name());
                ins.setLong(4, p.start().toEpochMilli());
                ins.setLong(5, p.end().toEpochMilli());
                ins.setString(6, p.value().toString());
                ins.setString(7, p.unit());
                ins.setShort(8, (short) (p.forecast() ? 1 : 0));
                ins.setShort(9, (short) (p.estimated() ? 1 : 0));
                ins.setString(10, p.model());
                ins.setLong(11, p.issuedAt().toEpochMilli());
                ins.executeUpdate();
                added++;
            }
        }
        return added;
    }

    private static IntensityPoint read(ResultSet rs) throws SQLException {
        return new IntensityPoint(rs.getString(1), rs.getString(2), IntensitySignal.valueOf(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), new BigDecimal(rs.getString(6)),
                rs.getString(7), rs.getShort(8) != 0, rs.getShort(9) != 0, rs.getString(10),
                Instant.ofEpochMilli(rs.getLong(11)));
    }

    /**
     * The best point per provider and start in [from, to): actual (FORECAST 0) first, then the newest issued; ordered
     * by start, then provider. {@code forecastsOnly} keeps only forecasts.
     */
    static List<IntensityPoint> best(Connection c, String provider, String region, IntensitySignal signal,
            Instant from, Instant to, boolean forecastsOnly) throws SQLException {
        var sql = "SELECT " + COLUMNS + " FROM INTENSITY WHERE REGION = ? AND SIGNAL = ? AND START_TS >= ? AND "
                + "START_TS < ?" + (provider == null ? "" : " AND PROVIDER = ?") + (forecastsOnly ? " AND FORECAST = 1" : "")
                + " ORDER BY START_TS, PROVIDER, FORECAST, ISSUED_AT DESC";
        var out = new LinkedHashMap<String, IntensityPoint>();
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, region);
            ps.setString(2, signal.name());
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            if (provider != null) {
                ps.setString(5, provider);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getLong(4) + "\u0000" + rs.getString(1), read(rs));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    static Optional<IntensityPoint> latest(Connection c, String provider, String region, IntensitySignal signal)
            throws SQLException {
        try (var ps = c.prepareStatement("SELECT MAX(START_TS) FROM INTENSITY WHERE PROVIDER = ? AND REGION = ? AND "
                + "SIGNAL = ?")) {
            ps.setString(1, provider);
            ps.setString(2, region);
            ps.setString(3, signal.name());
            try (var rs = ps.executeQuery()) {
                rs.next();
                long start = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                var best = best(c, provider, region, signal, Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(start + 1), false);
                return best.stream().findFirst();
            }
        }
    }
}
