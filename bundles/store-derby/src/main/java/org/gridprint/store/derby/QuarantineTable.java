package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.QuarantinedReading;

/** The QUARANTINE table: conflicting readings with the stored value and the reason, newest first. */
final class QuarantineTable {

    /** REASON is a VARCHAR(2000). */
    private static final int MAX_REASON = 2000;

    private final StoreConnection db;

    QuarantineTable(StoreConnection db) {
        this.db = db;
    }

    /** Inserts the conflicts; the caller commits. */
    void insert(List<IngestOutcome.Conflict> conflicts, long receivedAt) throws SQLException {
        var ps = db.statement("INSERT INTO QUARANTINE (METER_ID, QUANTITY, TS, READING_VALUE, QUALITY, SOURCE, "
                + "STORED_VALUE, REASON, RECEIVED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (var c : conflicts) {
            var r = c.reading();
            ps.setString(1, r.meterId());
            ps.setString(2, r.quantity().name());
            ps.setLong(3, r.timestamp().toEpochMilli());
            ps.setDouble(4, r.value());
            ps.setString(5, r.quality().name());
            ps.setString(6, r.source());
            ps.setDouble(7, c.storedValue());
            var reason = c.reason();
            ps.setString(8, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
            ps.setLong(9, receivedAt);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The {@code limit} (> 0) newest quarantined readings. */
    List<QuarantinedReading> latest(int limit) throws SQLException {
        var ps = db.statement("SELECT ID, METER_ID, QUANTITY, TS, READING_VALUE, QUALITY, SOURCE, STORED_VALUE, REASON, "
                + "RECEIVED_AT FROM QUARANTINE ORDER BY ID DESC");
        ps.setMaxRows(limit);
        var out = new ArrayList<QuarantinedReading>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                var r = new Reading(rs.getString(2), Quantity.valueOf(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getDouble(5), Quality.valueOf(rs.getString(6)),
                        rs.getString(7));
                out.add(new QuarantinedReading(rs.getLong(1), r, rs.getDouble(8), rs.getString(9),
                        Instant.ofEpochMilli(rs.getLong(10))));
            }
        }
        return out;
    }
}
