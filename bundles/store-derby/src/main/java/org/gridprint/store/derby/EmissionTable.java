package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;

/** The EMISSION table: every field of an emission record, insert-if-absent on (meter, start, method). */
final class EmissionTable {

    private static final String COLUMNS = "METER_ID, QUANTITY, START_TS, END_TS, START_COUNTER, END_COUNTER, ENERGY, "
            + "QUALITY, FLAGS, SITE_ID, SCOPE, METHOD, FACTOR_VALUE, FACTOR_UNIT, FACTOR_SOURCE, FACTOR_EDITION, "
            + "FACTOR_GWP, FACTOR_REGION, GRAMS_CO2E, COMPUTED_AT";

    private EmissionTable() {
    }

    /**
     * Inserts the records not stored yet with BATCH_ID {@code batchId} (the EMISSIONS entry that covers them);
     * returns them as stored. The caller commits.
     */
    static List<EmissionRecord> store(Connection c, List<EmissionRecord> records, long batchId) throws SQLException {
        var added = new ArrayList<EmissionRecord>();
        var seen = new HashSet<String>();
        try (var exists = c.prepareStatement("SELECT 1 FROM EMISSION WHERE METER_ID=? AND START_TS=? AND METHOD=?");
                var ins = c.prepareStatement("INSERT INTO EMISSION (" + COLUMNS + ", BATCH_ID) VALUES "
                        + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (var given : records) {
                var r = asStored(given);
                var iv = r.interval();
                var f = r.factor();
                long start = iv.start().toEpochMilli();
                if (!seen.add(iv.meterId() + '\u0000' + start + '\u0000' + f.method())) {
                    continue;
                }
                exists.setString(1, iv.meterId());
                exists.setLong(2, start);
                exists.setString(3, f.method().name());
                try (var rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                int i = 1;
                ins.setString(i++, iv.meterId());
                ins.setString(i++, iv.quantity().name());
                ins.setLong(i++, start);
                ins.setLong(i++, iv.end().toEpochMilli());
                ins.setDouble(i++, iv.startCounter());
                ins.setDouble(i++, iv.endCounter());
                ins.setDouble(i++, iv.energy());
                ins.setString(i++, iv.quality().name());
                ins.setString(i++, iv.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
                ins.setString(i++, r.siteId());
                ins.setString(i++, f.scope().name());
                ins.setString(i++, f.method().name());
                ins.setDouble(i++, f.gramsCo2ePerUnit());
                ins.setString(i++, f.unit());
                ins.setString(i++, f.source());
                ins.setString(i++, f.edition());
                ins.setString(i++, f.gwpSet());
                ins.setString(i++, f.region());
                ins.setDouble(i++, r.gramsCo2e());
                ins.setLong(i++, r.computedAt().toEpochMilli());
                ins.setLong(i, batchId);
                ins.executeUpdate();
                added.add(r);
            }
        }
        return added;
    }

    /** A record as Derby stores it: its DOUBLE columns turn -0.0 into 0.0. */
    static EmissionRecord asStored(EmissionRecord r) {
        var i = r.interval();
        var f = r.factor();
        var interval = new EnergyInterval(i.meterId(), i.quantity(), i.start(), i.end(), z(i.startCounter()),
                z(i.endCounter()), z(i.energy()), i.quality(), i.flags());
        var factor = new EmissionFactor(z(f.gramsCo2ePerUnit()), f.unit(), f.source(), f.edition(), f.gwpSet(),
                f.region(), f.scope(), f.method());
        return new EmissionRecord(interval, r.siteId(), factor, z(r.gramsCo2e()),
                Instant.ofEpochMilli(r.computedAt().toEpochMilli()));
    }

    private static double z(double v) {
        return v == 0.0 ? 0.0 : v;
    }

    /**
     * The E lines of the emission rows of entries {@code from..to}, by entry, for verify; a row that cannot be read
     * back becomes a line naming it, so the entry's hash fails.
     */
    static java.util.Map<Long, List<String>> lines(Connection c, long from, long to) throws SQLException {
        var out = new java.util.HashMap<Long, List<String>>();
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + ", BATCH_ID FROM EMISSION WHERE BATCH_ID BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String line;
                    try {
                        line = org.gridprint.ledger.CanonicalLines.emission(read(rs));
                    } catch (RuntimeException e) {
                        line = "EMISSION row " + rs.getString("METER_ID") + " " + rs.getLong("START_TS") + " "
                                + rs.getString("METHOD") + " cannot be read: " + e.getMessage() + "\n";
                    }
                    out.computeIfAbsent(rs.getLong("BATCH_ID"), k -> new ArrayList<>()).add(line);
                }
            }
        }
        return out;
    }

    /** Emission rows naming an entry that is not an EMISSIONS entry: "meter start method" -> BATCH_ID. */
    static java.util.Map<String, Long> orphans(Connection c) throws SQLException {
        var out = new java.util.TreeMap<String, Long>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT e.METER_ID, e.START_TS, e.METHOD, "
                + "e.BATCH_ID FROM EMISSION e LEFT JOIN BATCH b ON b.BATCH_ID = e.BATCH_ID AND b.KIND = 'EMISSIONS' "
                + "WHERE e.BATCH_ID <> 0 AND b.BATCH_ID IS NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1) + " " + Instant.ofEpochMilli(rs.getLong(2)) + " " + rs.getString(3),
                        rs.getLong(4));
            }
        }
        return out;
    }

    static List<EmissionRecord> query(Connection c, Collection<String> meterIds, Instant from, Instant to)
            throws SQLException {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM EMISSION WHERE END_TS > ? AND START_TS < ?");
        var ids = meterIds == null ? List.<String>of() : List.copyOf(new java.util.TreeSet<>(meterIds));
        if (!ids.isEmpty()) {
            sql.append(" AND METER_ID IN (").append(String.join(",", java.util.Collections.nCopies(ids.size(), "?")))
                    .append(')');
        }
        sql.append(" ORDER BY METER_ID, START_TS, METHOD");
        try (var ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(3 + i, ids.get(i));
            }
            var out = new ArrayList<EmissionRecord>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    static Optional<Instant> lastIntervalEnd(Connection c, String meterId, AccountingMethod method)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(END_TS) FROM EMISSION WHERE METER_ID=? AND METHOD=?")) {
            ps.setString(1, meterId);
            ps.setString(2, method.name());
            try (var rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
            }
        }
    }

    private static EmissionRecord read(ResultSet rs) throws SQLException {
        var flagsText = rs.getString("FLAGS");
        var flags = EnumSet.noneOf(IntervalFlag.class);
        if (!flagsText.isEmpty()) {
            Arrays.stream(flagsText.split(",")).map(IntervalFlag::valueOf).forEach(flags::add);
        }
        var interval = new EnergyInterval(rs.getString("METER_ID"), Quantity.valueOf(rs.getString("QUANTITY")),
                Instant.ofEpochMilli(rs.getLong("START_TS")), Instant.ofEpochMilli(rs.getLong("END_TS")),
                rs.getDouble("START_COUNTER"), rs.getDouble("END_COUNTER"), rs.getDouble("ENERGY"),
                Quality.valueOf(rs.getString("QUALITY")), flags);
        var factor = new EmissionFactor(rs.getDouble("FACTOR_VALUE"), rs.getString("FACTOR_UNIT"),
                rs.getString("FACTOR_SOURCE"), rs.getString("FACTOR_EDITION"), rs.getString("FACTOR_GWP"),
                rs.getString("FACTOR_REGION"), Scope.valueOf(rs.getString("SCOPE")),
                AccountingMethod.valueOf(rs.getString("METHOD")));
        return new EmissionRecord(interval, rs.getString("SITE_ID"), factor, rs.getDouble("GRAMS_CO2E"),
                Instant.ofEpochMilli(rs.getLong("COMPUTED_AT")));
    }
}
