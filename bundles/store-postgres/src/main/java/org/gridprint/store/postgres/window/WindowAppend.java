package org.gridprint.store.postgres.window;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.ledger.BlockSummary;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;

/**
 * {@code storeWindows} inside the writer's open transaction: loads the day blocks the windows fall into, compares each
 * window with the current version of its key (absent → version 1, same content → unchanged, else the next version;
 * the superseded one goes to {@code window_history}), rewrites the changed blocks with their pre-summed columns and
 * returns the V lines of the new versions for the entry. Writer thread only.
 */
public final class WindowAppend {

    /** What one call did; {@code lines} are the new versions' V lines (empty: nothing changed). */
    public record Result(int added, int revised, int unchanged, List<String> lines) {
    }

    private record BlockId(int seriesId, int day) {
    }

    private final Connection c;
    private final String s;
    private final SeriesTable series;
    private final PreparedStatement upsert;
    private final PreparedStatement upsertPayload;
    private final PreparedStatement history;
    private final PreparedStatement reason;

    public WindowAppend(Connection c, String schema, SeriesTable series) throws SQLException {
        this.c = c;
        this.s = schema;
        this.series = series;
        upsert = c.prepareStatement("INSERT INTO " + s + ".window_block (series_id, day, n, first_start, last_start, "
                + "amount, co2e, counted, flags, worst, site_id, min_entry, max_entry) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, day) DO UPDATE SET "
                + "n = EXCLUDED.n, first_start = EXCLUDED.first_start, last_start = EXCLUDED.last_start, "
                + "amount = EXCLUDED.amount, co2e = EXCLUDED.co2e, counted = EXCLUDED.counted, "
                + "flags = EXCLUDED.flags, worst = EXCLUDED.worst, site_id = EXCLUDED.site_id, "
                + "min_entry = EXCLUDED.min_entry, max_entry = EXCLUDED.max_entry");
        upsertPayload = c.prepareStatement("INSERT INTO " + s + ".window_payload (series_id, day, crc, payload) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (series_id, day) DO UPDATE SET crc = EXCLUDED.crc, "
                + "payload = EXCLUDED.payload");
        history = c.prepareStatement("INSERT INTO " + s + ".window_history (series_id, start_ts, version, entry_id, "
                + "superseded_by, payload) VALUES (?, ?, ?, ?, ?, ?)");
        reason = c.prepareStatement("INSERT INTO " + s + ".window_reason (entry_id, reason) VALUES (?, ?)");
    }

    /** Records the reason of a WINDOWS entry (its N line). */
    public void reason(long entryId, String text) throws SQLException {
        reason.setLong(1, entryId);
        reason.setString(2, text);
        reason.executeUpdate();
    }

    /** The UTC day (days since the epoch) of a window start. */
    public static int day(long startMillis) {
        return Math.toIntExact(Math.floorDiv(startMillis, WindowBlockCodec.BLOCK_MILLIS));
    }

    /** Ensures the series ids (own committed transaction), before the group's transaction. */
    public void prepare(List<EmissionWindow> windows) throws SQLException {
        series.ensure(c, windows);
    }

    public Result store(List<EmissionWindow> windows, long entryId) throws SQLException {
        var wanted = new LinkedHashSet<BlockId>();
        for (var w : windows) {
            wanted.add(new BlockId(series.of(w).id(), day(w.start().toEpochMilli())));
        }
        var blocks = load(wanted);
        var changed = new LinkedHashSet<BlockId>();
        var lines = new ArrayList<String>();
        int added = 0;
        int revised = 0;
        int unchanged = 0;
        boolean histories = false;
        for (var w : windows) {
            long start = w.start().toEpochMilli();
            var id = new BlockId(series.of(w).id(), day(start));
            var block = blocks.computeIfAbsent(id, k -> new TreeMap<>());
            var current = block.get(start);
            int version = 1;
            if (current != null) {
                if (current.window().sameContent(w)) {
                    unchanged++;
                    continue;
                }
                version = current.window().version() + 1;
                keepInHistory(id, current, entryId);
                histories = true;
                revised++;
            } else {
                added++;
            }
            var v = w.withVersion(version, w.computedAt());
            lines.add(CanonicalLines.windowVersion(v));
            block.put(start, StoredWindow.of(v, entryId));
            changed.add(id);
        }
        if (histories) {
            history.executeBatch();
        }
        if (!changed.isEmpty()) {
            write(changed, blocks);
        }
        return new Result(added, revised, unchanged, lines);
    }

    private void keepInHistory(BlockId where, StoredWindow old, long supersededBy) throws SQLException {
        history.setInt(1, where.seriesId());
        history.setLong(2, old.window().start().toEpochMilli());
        history.setInt(3, old.window().version());
        history.setLong(4, old.entryId());
        history.setLong(5, supersededBy);
        history.setBytes(6, WindowBlockCodec.encode(List.of(old)));
        history.addBatch();
    }

    private Map<BlockId, TreeMap<Long, StoredWindow>> load(Set<BlockId> wanted) throws SQLException {
        var out = new HashMap<BlockId, TreeMap<Long, StoredWindow>>();
        var ids = new Integer[wanted.size()];
        var days = new Integer[wanted.size()];
        int i = 0;
        for (var b : wanted) {
            ids[i] = b.seriesId();
            days[i++] = b.day();
        }
        try (var ps = c.prepareStatement("SELECT ws.series_id, ws.meter_id, ws.quantity, ws.scope, ws.method, b.day, "
                + "b.payload FROM " + s + ".window_payload b JOIN " + s + ".window_series ws ON ws.series_id = "
                + "b.series_id JOIN unnest(?::int[], ?::int[]) AS k(sid, d) ON b.series_id = k.sid AND b.day = k.d")) {
            ps.setArray(1, c.createArrayOf("integer", ids));
            ps.setArray(2, c.createArrayOf("integer", days));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int sid = rs.getInt(1);
                    int day = rs.getInt(6);
                    var ser = SeriesTable.row(rs, 1).orElseThrow(() -> new IllegalStateException("window series "
                            + sid + " names no quantity, scope or method: repair it before storing its windows"));
                    var map = new TreeMap<Long, StoredWindow>();
                    try {
                        for (var h : ser.decode(rs.getBytes(7))) {
                            map.put(h.window().start().toEpochMilli(), h);
                        }
                    } catch (IllegalArgumentException e) {
                        throw new IllegalStateException("the window block of " + ser.describe() + " on "
                                + LocalDate.ofEpochDay(day) + " cannot be decoded (" + e.getMessage()
                                + "): windows of that day cannot be stored until it is repaired (gridprint:verify "
                                + "names it)", e);
                    }
                    out.put(new BlockId(sid, day), map);
                }
            }
        }
        return out;
    }

    private void write(Set<BlockId> changed, Map<BlockId, TreeMap<Long, StoredWindow>> blocks) throws SQLException {
        for (var id : changed) {
            var list = new ArrayList<>(blocks.get(id).values());
            var payload = WindowBlockCodec.encode(list);
            var sum = BlockSummary.of(list);
            long minEntry = Long.MAX_VALUE;
            long maxEntry = 0;
            for (var w : list) {
                minEntry = Math.min(minEntry, w.entryId());
                maxEntry = Math.max(maxEntry, w.entryId());
            }
            int p = 1;
            upsert.setInt(p++, id.seriesId());
            upsert.setInt(p++, id.day());
            upsert.setInt(p++, sum.windows());
            upsert.setLong(p++, sum.firstStart());
            upsert.setLong(p++, sum.lastStart());
            upsert.setLong(p++, sum.amountNano());
            upsert.setLong(p++, sum.co2eMicrograms());
            upsert.setInt(p++, sum.countedWindows());
            upsert.setInt(p++, sum.flagBits());
            upsert.setShort(p++, (short) sum.worstQuality());
            upsert.setString(p++, sum.siteId());
            upsert.setLong(p++, minEntry);
            upsert.setLong(p, maxEntry);
            upsert.addBatch();
            upsertPayload.setInt(1, id.seriesId());
            upsertPayload.setInt(2, id.day());
            upsertPayload.setInt(3, WindowBlockCodec.crc(payload));
            upsertPayload.setBytes(4, payload);
            upsertPayload.addBatch();
        }
        upsert.executeBatch();
        upsertPayload.executeBatch();
    }

    /** Clears statements after a rollback. */
    public void discard() {
        try {
            upsert.clearBatch();
            upsertPayload.clearBatch();
            history.clearBatch();
        } catch (SQLException ignored) {
            // a broken connection: the session is replaced
        }
    }
}
