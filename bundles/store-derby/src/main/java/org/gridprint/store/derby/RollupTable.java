package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.Quantity;
import org.gridprint.ledger.CanonicalLines;

/** Reads the rows of ROLLUP entries for verify: their W lines (ROLLUP rows) and P lines (BATCH rows pruned by them). */
final class RollupTable {

    private RollupTable() {
    }

    /** The W and P lines of the ROLLUP entries {@code from..to}, by entry. */
    static Map<Long, List<String>> lines(Connection c, long from, long to) throws SQLException {
        var out = new HashMap<Long, List<String>>();
        try (var ps = c.prepareStatement("SELECT r.ROLLUP_ID, s.METER_ID, s.QUANTITY, r.HOUR_TS, r.FIRST_TS, "
                + "r.FIRST_BITS, r.LAST_TS, r.LAST_BITS, r.READING_COUNT, r.MIN_BITS, r.MAX_BITS, r.SUM_BITS "
                + "FROM ROLLUP r LEFT JOIN SERIES s ON s.SERIES_ID = r.SERIES_ID WHERE r.ROLLUP_ID BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String line;
                    try {
                        line = CanonicalLines.window(rs.getString(2), Quantity.valueOf(rs.getString(3)), rs.getLong(4),
                                rs.getLong(5), Double.longBitsToDouble(rs.getLong(6)), rs.getLong(7),
                                Double.longBitsToDouble(rs.getLong(8)), rs.getInt(9),
                                Double.longBitsToDouble(rs.getLong(10)), Double.longBitsToDouble(rs.getLong(11)),
                                Double.longBitsToDouble(rs.getLong(12)));
                    } catch (RuntimeException e) {
                        line = "ROLLUP row of entry " + rs.getLong(1) + " hour " + rs.getLong(4) + " cannot be read: "
                                + e.getMessage() + "\n";
                    }
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(line);
                }
            }
        }
        try (var ps = c.prepareStatement("SELECT PRUNED_BY, BATCH_ID, HASH, READING_COUNT FROM BATCH "
                + "WHERE PRUNED_BY BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(CanonicalLines.pruned(rs.getLong(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /** ROLLUP rows and pruned BATCH rows naming no ROLLUP entry: what -> the entry they name. */
    static Map<String, Long> orphans(Connection c) throws SQLException {
        var out = new TreeMap<String, Long>();
        try (var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT r.ROLLUP_ID, r.SERIES_ID, r.HOUR_TS FROM ROLLUP r LEFT JOIN BATCH b "
                    + "ON b.BATCH_ID = r.ROLLUP_ID AND b.KIND = 'ROLLUP' WHERE b.BATCH_ID IS NULL")) {
                while (rs.next()) {
                    out.put("ROLLUP row series " + rs.getInt(2) + " hour " + rs.getLong(3), rs.getLong(1));
                }
            }
            try (var rs = st.executeQuery("SELECT p.BATCH_ID, p.PRUNED_BY FROM BATCH p LEFT JOIN BATCH b "
                    + "ON b.BATCH_ID = p.PRUNED_BY AND b.KIND = 'ROLLUP' WHERE p.PRUNED_BY <> 0 "
                    + "AND (b.BATCH_ID IS NULL OR b.BATCH_ID <= p.BATCH_ID)")) {
                while (rs.next()) {
                    out.put("BATCH " + rs.getLong(1) + " (PRUNED_BY)", rs.getLong(2));
                }
            }
        }
        return out;
    }
}
