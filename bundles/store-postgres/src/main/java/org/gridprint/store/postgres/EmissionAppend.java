package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.RowDigest;

/**
 * Emission records inside the writer's open transaction: insert-if-absent on (meter, interval start, method); the
 * records newly stored form one EMISSIONS entry whose basis is the newest READINGS entry. Writer thread only.
 */
final class EmissionAppend {

    private record Key(String meterId, long start, String method) {
    }

    private final PreparedStatement insert;

    EmissionAppend(Connection c, String schema) throws SQLException {
        insert = c.prepareStatement("INSERT INTO " + schema + ".emission (meter_id, quantity, start_ts, end_ts, "
                + "start_counter, end_counter, energy, quality, flags, site_id, scope, method, factor_value, "
                + "factor_unit, factor_source, factor_edition, factor_gwp, factor_region, grams_co2e, computed_at, "
                + "entry_id, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING");
    }

    /** The records newly stored, their lines and the entry header (null when none was new). */
    record Stored(int count, EntryHeader header, List<String> lines) {
    }

    Stored store(List<EmissionRecord> records, long entryId, long basisEntryId, long now) throws SQLException {
        var seen = new HashSet<Key>();
        var batch = new ArrayList<EmissionRecord>();
        for (var r : records) {
            var i = r.interval();
            if (seen.add(new Key(i.meterId(), i.start().toEpochMilli(), r.factor().method().name()))) {
                batch.add(r);
            }
        }
        if (batch.isEmpty()) {
            return new Stored(0, null, List.of());
        }
        var lines = new ArrayList<String>();
        var all = new ArrayList<String>();
        for (var r : batch) {
            var i = r.interval();
            var f = r.factor();
            var line = CanonicalLines.emission(r);
            all.add(line);
            int p = 1;
            insert.setString(p++, i.meterId());
            insert.setString(p++, i.quantity().name());
            insert.setLong(p++, i.start().toEpochMilli());
            insert.setLong(p++, i.end().toEpochMilli());
            insert.setDouble(p++, i.startCounter());
            insert.setDouble(p++, i.endCounter());
            insert.setDouble(p++, i.energy());
            insert.setString(p++, i.quality().name());
            insert.setString(p++, flags(r));
            insert.setString(p++, r.siteId());
            insert.setString(p++, f.scope().name());
            insert.setString(p++, f.method().name());
            insert.setDouble(p++, f.gramsCo2ePerUnit());
            insert.setString(p++, f.unit());
            insert.setString(p++, f.source());
            insert.setString(p++, f.edition());
            insert.setString(p++, f.gwpSet());
            insert.setString(p++, f.region());
            insert.setDouble(p++, r.gramsCo2e());
            insert.setLong(p++, r.computedAt().toEpochMilli());
            insert.setLong(p++, entryId);
            insert.setInt(p, RowDigest.of(line));
            insert.addBatch();
        }
        var counts = insert.executeBatch();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                lines.add(all.get(k));
            }
        }
        if (lines.isEmpty()) {
            return new Stored(0, null, List.of());
        }
        var header = new EntryHeader(entryId, EntryKind.EMISSIONS, now, "emissions", lines.size(), basisEntryId);
        return new Stored(lines.size(), header, lines);
    }

    /** The record's flags, sorted by name and joined by ','. */
    static String flags(EmissionRecord r) {
        var names = new TreeSet<String>();
        r.interval().flags().forEach(f -> names.add(f.name()));
        return String.join(",", names);
    }
}
