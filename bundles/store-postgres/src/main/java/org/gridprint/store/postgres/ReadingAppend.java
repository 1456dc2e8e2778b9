package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.Reasons;
import org.gridprint.ledger.RowDigest;
import org.gridprint.ledger.ValueEquality;

/**
 * One batch inside the writer's open transaction: the idempotent insert, duplicates and conflicts, quarantine and the
 * ledger entry. Writer thread only.
 *
 * <ol>
 * <li>The first reading of each key (series, timestamp) in the batch is its candidate; all candidates go in with one
 *     {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING RETURNING series_id, ts}: the returned
 *     keys are the accepted readings.</li>
 * <li>The candidates not inserted are looked up ({@code JOIN unnest(keys)}): the same value
 *     ({@link ValueEquality}) is a duplicate, another value a conflict against the stored one.</li>
 * <li>A later reading of a key already seen in the batch is compared with the value the key holds after the first
 *     one (the first's value when it was accepted, else the stored value).</li>
 * <li>Conflicts go to QUARANTINE (rows queued and sent with the group's other batches' rows before the commit);
 *     when anything was accepted or quarantined, one READINGS entry is appended.</li>
 * </ol>
 */
final class ReadingAppend {

    private record Key(int series, long ts) {
    }

    private final String schema;
    private final PreparedStatement insert;
    private final PreparedStatement lookup;
    private final PreparedStatement quarantine;
    private int pendingQuarantine;

    ReadingAppend(Connection c, String schema) throws SQLException {
        this.schema = schema;
        insert = c.prepareStatement("INSERT INTO " + schema + ".reading (series_id, ts, value, quality, source_id, "
                + "entry_id, digest) SELECT u.s, u.t, u.v, u.q, u.src, ?, u.d FROM unnest(?::int[], ?::bigint[], "
                + "?::float8[], ?::smallint[], ?::int[], ?::int[]) AS u(s, t, v, q, src, d) "
                + "ON CONFLICT DO NOTHING RETURNING series_id, ts");
        lookup = c.prepareStatement("SELECT r.series_id, r.ts, r.value FROM " + schema + ".reading r "
                + "JOIN unnest(?::int[], ?::bigint[]) AS k(series_id, ts) "
                + "ON r.series_id = k.series_id AND r.ts = k.ts");
        quarantine = c.prepareStatement("INSERT INTO " + schema + ".quarantine (entry_id, meter_id, quantity, ts, "
                + "value, quality, source, stored_value, received_at, reason, digest) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** The outcome of one batch: the result for the caller and the lines of its entry (empty: no entry). */
    record Appended(StoreResult result, EntryHeader header, List<String> lines, int accepted) {
    }

    /**
     * Stores the batch in the open transaction as entry {@code entryId} (used only when something is accepted or
     * quarantined). The entry row itself is written by the caller.
     */
    Appended append(Connection c, Catalog catalog, String source, List<Reading> readings, long entryId, long now)
            throws SQLException {
        int n = readings.size();
        var outcomes = new IngestOutcome[n];
        var seriesOf = new int[n];
        var tsOf = new long[n];
        var first = new HashMap<Key, Integer>(n * 2);
        var candidates = new ArrayList<Integer>(n);
        for (int i = 0; i < n; i++) {
            var r = readings.get(i);
            seriesOf[i] = catalog.seriesId(r);
            tsOf[i] = r.timestamp().toEpochMilli();
            if (first.putIfAbsent(new Key(seriesOf[i], tsOf[i]), i) == null) {
                candidates.add(i);
            }
        }
        // 1. insert the candidates; the returned keys are accepted
        int m = candidates.size();
        var cs = new int[m];
        var ct = new long[m];
        var cv = new double[m];
        var cq = new short[m];
        var csrc = new int[m];
        var cd = new int[m];
        for (int j = 0; j < m; j++) {
            int i = candidates.get(j);
            var r = readings.get(i);
            cs[j] = seriesOf[i];
            ct[j] = tsOf[i];
            cv[j] = r.value();
            cq[j] = (short) r.quality().ordinal();
            csrc[j] = catalog.sourceId(r.source());
            cd[j] = RowDigest.of(line(r));
        }
        insert.setLong(1, entryId);
        insert.setObject(2, cs);
        insert.setObject(3, ct);
        insert.setObject(4, cv);
        insert.setObject(5, cq);
        insert.setObject(6, csrc);
        insert.setObject(7, cd);
        var inserted = new HashSet<Key>(m * 2);
        try (var rs = insert.executeQuery()) {
            while (rs.next()) {
                inserted.add(new Key(rs.getInt(1), rs.getLong(2)));
            }
        }
        // 2. the candidates not inserted: duplicate or conflict against the stored value
        var stored = new HashMap<Key, Double>();
        if (inserted.size() < m) {
            var ks = new int[m - inserted.size()];
            var kt = new long[ks.length];
            int k = 0;
            for (int j = 0; j < m; j++) {
                if (!inserted.contains(new Key(cs[j], ct[j]))) {
                    ks[k] = cs[j];
                    kt[k++] = ct[j];
                }
            }
            lookup.setObject(1, ks);
            lookup.setObject(2, kt);
            try (var rs = lookup.executeQuery()) {
                while (rs.next()) {
                    stored.put(new Key(rs.getInt(1), rs.getLong(2)), rs.getDouble(3));
                }
            }
        }
        var accepted = new ArrayList<Reading>();
        var conflicts = new ArrayList<IngestOutcome.Conflict>();
        var holds = new HashMap<Key, Double>(n * 2);
        for (int i = 0; i < n; i++) {
            var r = readings.get(i);
            var key = new Key(seriesOf[i], tsOf[i]);
            if (first.get(key) == i) {
                if (inserted.contains(key)) {
                    outcomes[i] = new IngestOutcome.Accepted(r);
                    accepted.add(r);
                    holds.put(key, r.value());
                    continue;
                }
                var s = stored.get(key);
                if (s == null) {
                    throw new SQLException("reading #" + i + " (" + r.meterId() + ", " + r.quantity() + ", "
                            + r.timestamp() + ") was neither inserted nor found in " + schema + ".reading");
                }
                holds.put(key, s);
            }
            double held = holds.get(key);
            if (ValueEquality.same(held, r.value())) {
                outcomes[i] = new IngestOutcome.Duplicate(r);
            } else {
                var conflict = new IngestOutcome.Conflict(r, held, Reasons.conflict(r, held));
                outcomes[i] = conflict;
                conflicts.add(conflict);
            }
        }
        // 3. quarantine and the entry's lines
        var lines = new ArrayList<String>(accepted.size() + conflicts.size());
        for (var r : accepted) {
            lines.add(line(r));
        }
        for (var cf : conflicts) {
            var r = cf.reading();
            var q = CanonicalLines.quarantined(r.meterId(), r.quantity(), r.timestamp().toEpochMilli(), r.value(),
                    r.quality(), r.source(), cf.storedValue(), now, cf.reason());
            lines.add(q);
            quarantine.setLong(1, entryId);
            quarantine.setString(2, r.meterId());
            quarantine.setString(3, r.quantity().name());
            quarantine.setLong(4, r.timestamp().toEpochMilli());
            quarantine.setDouble(5, r.value());
            quarantine.setString(6, r.quality().name());
            quarantine.setString(7, r.source());
            quarantine.setDouble(8, cf.storedValue());
            quarantine.setLong(9, now);
            quarantine.setString(10, cf.reason());
            quarantine.setInt(11, RowDigest.of(q));
            quarantine.addBatch();
        }
        pendingQuarantine += conflicts.size();
        var header = lines.isEmpty() ? null
                : new EntryHeader(entryId, EntryKind.READINGS, now, source, lines.size(), 0);
        return new Appended(new StoreResult(List.of(outcomes), java.util.Optional.empty()), header, lines,
                accepted.size());
    }

    /**
     * Sends the quarantine rows of the group's batches (queued with addBatch: one round trip for the group). Must run
     * before the commit; entry ids are assigned already.
     */
    void flushQuarantine() throws SQLException {
        if (pendingQuarantine > 0) {
            quarantine.executeBatch();
            pendingQuarantine = 0;
        }
    }

    /** Forgets queued quarantine rows (the group's transaction rolled back). */
    void discard() throws SQLException {
        quarantine.clearBatch();
        pendingQuarantine = 0;
    }

    static String line(Reading r) {
        return CanonicalLines.reading(r.meterId(), r.quantity(), r.timestamp().toEpochMilli(), r.value(), r.quality(),
                r.source());
    }
}
