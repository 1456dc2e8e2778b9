package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.QuarantinedReading;
import org.gridprint.ledger.CanonicalLines;

/**
 * The QUARANTINE table: conflicting readings with the stored value and the reason, newest first. Since ledger
 * format 2 each row names the entry (BATCH_ID) whose Q lines cover it, and keeps both values' exact bits
 * (VALUE_BITS, STORED_BITS); the DOUBLE columns are for SQL users (NULL when not finite: Derby holds no NaN).
 */
final class QuarantineTable {

    /** REASON is a VARCHAR(2000). */
    static final int MAX_REASON = 2000;

    private static final String COLUMNS = "ID, METER_ID, QUANTITY, TS, READING_VALUE, QUALITY, SOURCE, STORED_VALUE, "
            + "REASON, RECEIVED_AT, BATCH_ID, VALUE_BITS, STORED_BITS";

    private final StoreConnection db;

    QuarantineTable(StoreConnection db) {
        this.db = db;
    }

    /** Inserts the conflicts of entry {@code batchId}; returns their Q lines as stored. The caller commits. */
    List<String> insert(List<IngestOutcome.Conflict> conflicts, long receivedAt, long batchId) throws SQLException {
        var ps = db.statement("INSERT INTO QUARANTINE (METER_ID, QUANTITY, TS, READING_VALUE, QUALITY, SOURCE, "
                + "STORED_VALUE, REASON, RECEIVED_AT, BATCH_ID, VALUE_BITS, STORED_BITS) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        var lines = new ArrayList<String>(conflicts.size());
        for (var c : conflicts) {
            var r = c.reading();
            var reason = c.reason().length() > MAX_REASON ? c.reason().substring(0, MAX_REASON) : c.reason();
            ps.setString(1, r.meterId());
            ps.setString(2, r.quantity().name());
            ps.setLong(3, r.timestamp().toEpochMilli());
            setFinite(ps, 4, r.value());
            ps.setString(5, r.quality().name());
            ps.setString(6, r.source());
            setFinite(ps, 7, c.storedValue());
            ps.setString(8, reason);
            ps.setLong(9, receivedAt);
            ps.setLong(10, batchId);
            ps.setLong(11, Double.doubleToRawLongBits(r.value()));
            ps.setLong(12, Double.doubleToRawLongBits(c.storedValue()));
            ps.addBatch();
            lines.add(CanonicalLines.quarantined(r, c.storedValue(), receivedAt, reason));
        }
        ps.executeBatch();
        return lines;
    }

    private static void setFinite(java.sql.PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isFinite(v)) {
            ps.setDouble(i, v);
        } else {
            ps.setNull(i, Types.DOUBLE);
        }
    }

    /** The {@code limit} (> 0) newest quarantined readings. */
    List<QuarantinedReading> latest(int limit) throws SQLException {
        var ps = db.statement("SELECT " + COLUMNS + " FROM QUARANTINE ORDER BY ID DESC");
        ps.setMaxRows(limit);
        var out = new ArrayList<QuarantinedReading>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static QuarantinedReading read(ResultSet rs) throws SQLException {
        var r = new Reading(rs.getString(2), Quantity.valueOf(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)),
                value(rs, 12, 5), Quality.valueOf(rs.getString(6)), rs.getString(7));
        return new QuarantinedReading(rs.getLong(1), r, value(rs, 13, 8), rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)));
    }

    /** The exact bits when written (format 2), else the DOUBLE column. */
    private static double value(ResultSet rs, int bitsColumn, int doubleColumn) throws SQLException {
        long bits = rs.getLong(bitsColumn);
        return rs.wasNull() ? rs.getDouble(doubleColumn) : Double.longBitsToDouble(bits);
    }

    /**
     * The Q lines of the quarantine rows of entries {@code from..to}, by entry, for verify. A row that cannot be read
     * back into a line (a tampered enum name) becomes a line that names it, so the entry's hash fails.
     */
    static Map<Long, List<String>> lines(Connection c, long from, long to) throws SQLException {
        var out = new HashMap<Long, List<String>>();
        try (var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM QUARANTINE WHERE BATCH_ID BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String line;
                    try {
                        var q = read(rs);
                        line = CanonicalLines.quarantined(q.reading(), q.storedValue(), q.receivedAt().toEpochMilli(),
                                q.reason());
                    } catch (RuntimeException e) {
                        line = "QUARANTINE row " + rs.getLong(1) + " cannot be read: " + e.getMessage() + "\n";
                    }
                    out.computeIfAbsent(rs.getLong(11), k -> new ArrayList<>()).add(line);
                }
            }
        }
        return out;
    }

    /** Quarantine rows naming an entry that is not a READINGS entry of the ledger: "ID -> BATCH_ID". */
    static Map<Long, Long> orphans(Connection c) throws SQLException {
        var out = new HashMap<Long, Long>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT q.ID, q.BATCH_ID FROM QUARANTINE q "
                + "LEFT JOIN BATCH b ON b.BATCH_ID = q.BATCH_ID AND b.KIND = 'READINGS' "
                + "WHERE q.BATCH_ID <> 0 AND b.BATCH_ID IS NULL")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }
}
