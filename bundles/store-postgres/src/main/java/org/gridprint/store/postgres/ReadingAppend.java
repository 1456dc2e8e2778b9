package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore.StoreResult;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.InBatch;
import org.gridprint.ledger.RowDigest;

/**
 * Consecutive batches of one group inside the writer's open transaction, with a fixed number of round trips
 * whatever their number: the idempotent insert, duplicates and conflicts, quarantine and one ledger entry per
 * batch. Writer thread only.
 *
 * <ol>
 * <li>One lookup of every key of the batches ({@code JOIN unnest(series[], ts[])}) gives the values stored before
 *     the group.</li>
 * <li>The batches are classified in order with the contract's rule ({@link InBatch#outcome}): a key that holds
 *     nothing yet is Accepted for its first reading; any other reading is compared with what its key holds by then
 *     (stored, or accepted by an earlier reading of this group): the same value is a Duplicate, another a Conflict
 *     against it. Each batch that accepted or quarantined something gets the next entry id and its entry.</li>
 * <li>All accepted readings go in with one {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING};
 *     its row count must equal the number accepted (the writer holds the schema's writer lock, so nothing else
 *     inserts in between).</li>
 * <li>Quarantine rows are queued and sent with the group's entry rows before the commit.</li>
 * </ol>
 */
final class ReadingAppend {

    private record Key(int series, long ts) {
    }

    /** One caller's batch. */
    record Batch(String source, List<Reading> readings) {
    }

    /** Writes a batch's ledger entry (chaining it to the head) and tells the id the next entry gets. */
    interface Entries {
        long nextId();

        LedgerEntry write(EntryHeader header, List<String> lines, int accepted) throws SQLException;
    }

    private final String schema;
    private final PreparedStatement insert;
    private final PreparedStatement lookup;
    private final PreparedStatement quarantine;
    private int pendingQuarantine;

    ReadingAppend(Connection c, String schema) throws SQLException {
        this.schema = schema;
        insert = c.prepareStatement("INSERT INTO " + schema + ".reading (series_id, ts, value, quality, source_id, "
                + "entry_id, digest) SELECT * FROM unnest(?::int[], ?::bigint[], ?::float8[], ?::smallint[], "
                + "?::int[], ?::bigint[], ?::int[]) ON CONFLICT DO NOTHING");
        lookup = c.prepareStatement("SELECT r.series_id, r.ts, r.value FROM " + schema + ".reading r "
                + "JOIN unnest(?::int[], ?::bigint[]) AS k(series_id, ts) "
                + "ON r.series_id = k.series_id AND r.ts = k.ts");
        quarantine = c.prepareStatement("INSERT INTO " + schema + ".quarantine (entry_id, meter_id, quantity, ts, "
                + "value, quality, source, stored_value, received_at, reason, digest) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Stores the batches in the open transaction; returns each caller's result, in order. */
    List<StoreResult> append(Catalog catalog, List<Batch> batches, Entries entries, long now) throws SQLException {
        // 1. what the keys hold before the group
        var keys = new LinkedHashSet<Key>();
        for (var b : batches) {
            for (var r : b.readings()) {
                keys.add(new Key(catalog.seriesId(r), r.timestamp().toEpochMilli()));
            }
        }
        var held = lookup(keys);
        // 2. classify in order; entries; quarantine rows
        var rows = new Rows(keys.size());
        var results = new ArrayList<StoreResult>(batches.size());
        for (var b : batches) {
            var outcomes = new ArrayList<IngestOutcome>(b.readings().size());
            var accepted = new ArrayList<Reading>();
            var conflicts = new ArrayList<IngestOutcome.Conflict>();
            for (var r : b.readings()) {
                var key = new Key(catalog.seriesId(r), r.timestamp().toEpochMilli());
                var value = held.get(key);
                if (value == null) {
                    held.put(key, r.value());
                    outcomes.add(new IngestOutcome.Accepted(r));
                    accepted.add(r);
                    continue;
                }
                var o = InBatch.outcome(r, value);
                outcomes.add(o);
                if (o instanceof IngestOutcome.Conflict cf) {
                    conflicts.add(cf);
                }
            }
            if (accepted.isEmpty() && conflicts.isEmpty()) {
                results.add(new StoreResult(outcomes, Optional.empty()));
                continue;
            }
            long entryId = entries.nextId();
            var lines = new ArrayList<String>(accepted.size() + conflicts.size());
            for (var r : accepted) {
                var line = line(r);
                lines.add(line);
                rows.add(catalog.seriesId(r), r, catalog.sourceId(r.source()), entryId, RowDigest.of(line));
            }
            for (var cf : conflicts) {
                lines.add(queueQuarantine(cf, entryId, now));
            }
            var header = new EntryHeader(entryId, EntryKind.READINGS, now, b.source(), lines.size(), 0);
            var entry = entries.write(header, lines, accepted.size());
            results.add(new StoreResult(outcomes, Optional.of(entry)));
        }
        // 3. the accepted readings, in one statement
        if (rows.size > 0) {
            rows.bind(insert);
            int inserted = insert.executeUpdate();
            if (inserted != rows.size) {
                throw new SQLException(schema + ".reading took " + inserted + " of " + rows.size + " accepted "
                        + "readings: rows appeared between the lookup and the insert (is something else writing "
                        + "the schema?)");
            }
        }
        return results;
    }

    private HashMap<Key, Double> lookup(LinkedHashSet<Key> keys) throws SQLException {
        var series = new int[keys.size()];
        var ts = new long[keys.size()];
        int i = 0;
        for (var k : keys) {
            series[i] = k.series();
            ts[i++] = k.ts();
        }
        lookup.setObject(1, series);
        lookup.setObject(2, ts);
        var held = new HashMap<Key, Double>(keys.size() * 2);
        try (var rs = lookup.executeQuery()) {
            while (rs.next()) {
                held.put(new Key(rs.getInt(1), rs.getLong(2)), rs.getDouble(3));
            }
        }
        return held;
    }

    private String queueQuarantine(IngestOutcome.Conflict cf, long entryId, long now) throws SQLException {
        var r = cf.reading();
        var line = CanonicalLines.quarantined(r.meterId(), r.quantity(), r.timestamp().toEpochMilli(), r.value(),
                r.quality(), r.source(), cf.storedValue(), now, cf.reason());
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
        quarantine.setInt(11, RowDigest.of(line));
        quarantine.addBatch();
        pendingQuarantine++;
        return line;
    }

    /** The accepted readings of the group as the insert's column arrays. */
    private static final class Rows {
        int size;
        final int[] series;
        final long[] ts;
        final double[] value;
        final short[] quality;
        final int[] source;
        final long[] entry;
        final int[] digest;

        Rows(int capacity) {
            series = new int[capacity];
            ts = new long[capacity];
            value = new double[capacity];
            quality = new short[capacity];
            source = new int[capacity];
            entry = new long[capacity];
            digest = new int[capacity];
        }

        void add(int seriesId, Reading r, int sourceId, long entryId, int rowDigest) {
            series[size] = seriesId;
            ts[size] = r.timestamp().toEpochMilli();
            value[size] = r.value();
            quality[size] = (short) r.quality().ordinal();
            source[size] = sourceId;
            entry[size] = entryId;
            digest[size] = rowDigest;
            size++;
        }

        void bind(PreparedStatement ps) throws SQLException {
            ps.setObject(1, java.util.Arrays.copyOf(series, size));
            ps.setObject(2, java.util.Arrays.copyOf(ts, size));
            ps.setObject(3, java.util.Arrays.copyOf(value, size));
            ps.setObject(4, java.util.Arrays.copyOf(quality, size));
            ps.setObject(5, java.util.Arrays.copyOf(source, size));
            ps.setObject(6, java.util.Arrays.copyOf(entry, size));
            ps.setObject(7, java.util.Arrays.copyOf(digest, size));
        }
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
