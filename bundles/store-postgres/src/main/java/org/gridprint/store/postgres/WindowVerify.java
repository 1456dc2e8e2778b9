package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.ledger.BlockSummary;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;
import org.gridprint.store.postgres.window.SeriesTable;
import org.gridprint.store.postgres.window.WindowSeries;

/**
 * Verify's view of the window rows, inside its snapshot. {@link #lines} gives the lines of a WINDOWS entry (the V
 * lines of the versions it wrote, current in {@code window_block} or superseded in {@code window_history}, and its N
 * line), loading entries in chunks of at most {@value #CHUNK_LINES} lines: the blocks whose entry range meets the
 * chunk, the history rows and reasons of the chunk. {@link #checkBlocks} streams every block (of the verified range)
 * once: undecodable payloads, the row CRC, the pre-summed columns and each window's 16-bit check, each finding
 * naming the window (meter, quantity, scope, method, start, version) or the block (series, UTC day) and the entry.
 */
final class WindowVerify {

    static final int CHUNK_LINES = 50_000;

    /** Reports a finding: entry, row, reason. */
    interface Sink {
        void add(long entryId, String row, String reason);
    }

    private final Connection c;
    private final String s;
    private final Sink findings;
    private final Map<Integer, WindowSeries> series = new HashMap<>();
    private final TreeMap<Long, List<String>> chunk = new TreeMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private long chunkFrom = 1;
    private long chunkTo = 0;

    WindowVerify(Connection c, String schema, Sink findings) throws SQLException {
        this.c = c;
        this.s = schema;
        this.findings = findings;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT series_id, meter_id, quantity, scope, "
                + "method FROM " + s + ".window_series")) {
            while (rs.next()) {
                int id = rs.getInt(1);
                var ser = SeriesTable.row(rs, 1);
                if (ser.isPresent()) {
                    series.put(id, ser.get());
                } else {
                    findings.add(0, "window series " + id, "names no quantity, scope or method (quantity "
                            + rs.getShort(3) + ", scope " + rs.getShort(4) + ", method " + rs.getShort(5) + ")");
                }
            }
        }
    }

    static String name(EmissionWindow w) {
        return "window " + w.meterId() + " " + w.quantity() + " " + w.scope() + " " + w.method() + " " + w.start()
                + " version " + w.version();
    }

    private static String blockName(WindowSeries ser, int sid, int day) {
        return "window block " + (ser == null ? "series " + sid : ser.describe()) + " day "
                + Instant.ofEpochMilli(day * WindowBlockCodec.BLOCK_MILLIS);
    }

    /**
     * The lines of WINDOWS entry {@code entryId} (verify asks in ascending order); lines of entries between the last
     * asked and this one that no WINDOWS entry claimed are reported.
     */
    List<String> lines(long entryId) throws SQLException {
        if (entryId > chunkTo) {
            unclaimed(Long.MAX_VALUE);
            load(entryId);
        }
        unclaimed(entryId);
        var out = chunk.remove(entryId);
        names.remove(entryId);
        return out == null ? new ArrayList<>() : out;
    }

    /** Ends the walk: window versions whose entry was never asked for are reported. */
    void finish() {
        unclaimed(Long.MAX_VALUE);
    }

    private void unclaimed(long below) {
        while (!chunk.isEmpty() && chunk.firstKey() < below) {
            var e = chunk.pollFirstEntry();
            var n = names.remove(e.getKey());
            findings.add(e.getKey(), n, "no WINDOWS entry " + e.getKey() + " accounts for this window version ("
                    + e.getValue().size() + " line(s) name that entry)");
        }
    }

    private void load(long from) throws SQLException {
        long to = from;
        long lines = 0;
        try (var ps = c.prepareStatement("SELECT entry_id, item_count FROM " + s + ".ledger_entry WHERE kind = "
                + "'WINDOWS' AND entry_id >= ? ORDER BY entry_id")) {
            ps.setFetchSize(1000);
            ps.setLong(1, from);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (lines > 0 && lines + rs.getInt(2) > CHUNK_LINES) {
                        break;
                    }
                    to = rs.getLong(1);
                    lines += Math.max(0, rs.getInt(2));
                }
            }
        }
        chunkFrom = from;
        chunkTo = to;
        try (var ps = c.prepareStatement("SELECT b.series_id, b.day, p.payload FROM " + s + ".window_block b JOIN "
                + s + ".window_payload p ON p.series_id = b.series_id AND p.day = b.day WHERE "
                + "int8range(b.min_entry, b.max_entry, '[]') && int8range(?, ?, '[]')")) {
            ps.setFetchSize(256);
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var ser = series.get(rs.getInt(1));
                    if (ser == null) {
                        continue; // reported by checkBlocks
                    }
                    for (var w : decodeQuietly(ser, rs.getBytes(3))) {
                        collect(w);
                    }
                }
            }
        }
        try (var ps = c.prepareStatement("SELECT series_id, start_ts, version, payload FROM " + s + ".window_history "
                + "WHERE entry_id >= ? AND entry_id <= ?")) {
            ps.setFetchSize(256);
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int sid = rs.getInt(1);
                    var ser = series.get(sid);
                    var row = "window history " + (ser == null ? "series " + sid : ser.describe()) + " "
                            + Instant.ofEpochMilli(rs.getLong(2)) + " version " + rs.getInt(3);
                    if (ser == null) {
                        findings.add(0, row, "its series does not exist");
                        continue;
                    }
                    List<StoredWindow> list;
                    try {
                        list = ser.decode(rs.getBytes(4));
                    } catch (IllegalArgumentException e) {
                        findings.add(0, row, "cannot be decoded: " + e.getMessage());
                        continue;
                    }
                    for (var w : list) {
                        if (!w.checkMatches()) {
                            findings.add(w.entryId(), name(w.window()), "window check " + hex(w.check())
                                    + " does not match the stored fields (they give "
                                    + hex(WindowBlockCodec.check(w.window())) + "): the superseded version was "
                                    + "changed");
                        }
                        collect(w);
                    }
                }
            }
        }
        try (var ps = c.prepareStatement("SELECT entry_id, reason FROM " + s + ".window_reason WHERE entry_id >= ? "
                + "AND entry_id <= ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long e = rs.getLong(1);
                    chunk.computeIfAbsent(e, k -> new ArrayList<>()).add(CanonicalLines.windowsReason(
                            rs.getString(2)));
                    names.putIfAbsent(e, "reason of entry " + e);
                }
            }
        }
    }

    private void collect(StoredWindow w) {
        long e = w.entryId();
        if (e < chunkFrom || e > chunkTo) {
            return;
        }
        chunk.computeIfAbsent(e, k -> new ArrayList<>()).add(CanonicalLines.windowVersion(w.window()));
        names.putIfAbsent(e, name(w.window()));
    }

    private static List<StoredWindow> decodeQuietly(WindowSeries ser, byte[] payload) {
        try {
            return ser.decode(payload);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Streams the blocks holding versions of entries >= {@code fromEntry} and checks each. */
    void checkBlocks(long fromEntry) throws SQLException {
        try (var ps = c.prepareStatement("SELECT coalesce(b.series_id, p.series_id), coalesce(b.day, p.day), b.n, "
                + "b.first_start, b.last_start, b.amount, b.co2e, b.counted, b.flags, b.worst, b.site_id, "
                + "b.min_entry, b.max_entry, p.crc, p.payload, b.series_id IS NULL, p.series_id IS NULL FROM " + s
                + ".window_block b FULL JOIN " + s + ".window_payload p ON p.series_id = b.series_id AND p.day = "
                + "b.day WHERE b.max_entry >= ? OR b.series_id IS NULL")) {
            ps.setFetchSize(256);
            ps.setLong(1, fromEntry);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("PostgreSQL store: verify interrupted while checking window "
                                + "blocks");
                    }
                    int sid = rs.getInt(1);
                    int day = rs.getInt(2);
                    var ser = series.get(sid);
                    long maxEntry = rs.getLong(13);
                    var block = blockName(ser, sid, day);
                    if (ser == null) {
                        findings.add(maxEntry, block, "its window series does not exist");
                        continue;
                    }
                    if (rs.getBoolean(16)) {
                        findings.add(0, block, "a window payload row has no block row (window_block): its windows "
                                + "are left out of totals");
                        continue;
                    }
                    if (rs.getBoolean(17)) {
                        findings.add(maxEntry, block, "the block row has no payload row (window_payload): its "
                                + "windows were deleted");
                        continue;
                    }
                    var payload = rs.getBytes(15);
                    List<StoredWindow> list;
                    try {
                        list = ser.decode(payload);
                    } catch (IllegalArgumentException e) {
                        findings.add(maxEntry, block, "cannot be decoded: " + e.getMessage());
                        continue;
                    }
                    boolean named = false;
                    long minE = Long.MAX_VALUE;
                    long maxE = 0;
                    for (var w : list) {
                        minE = Math.min(minE, w.entryId());
                        maxE = Math.max(maxE, w.entryId());
                        if (WindowReads.day(w.window().start().toEpochMilli()) != day) {
                            findings.add(w.entryId(), name(w.window()), "is stored in the block of another day ("
                                    + LocalDate.ofEpochDay(day) + ")");
                            named = true;
                        }
                        if (!w.checkMatches()) {
                            findings.add(w.entryId(), name(w.window()), "window check " + hex(w.check())
                                    + " does not match the stored fields (they give "
                                    + hex(WindowBlockCodec.check(w.window())) + "): the window was changed in its "
                                    + "block row");
                            named = true;
                        }
                    }
                    if (named || list.isEmpty()) {
                        if (list.isEmpty()) {
                            findings.add(maxEntry, block, "holds no window");
                        }
                        continue;
                    }
                    if (WindowBlockCodec.crc(payload) != rs.getInt(14)) {
                        findings.add(maxEntry, block, "row digest " + hex(rs.getInt(14)) + " does not match its "
                                + "payload (" + hex(WindowBlockCodec.crc(payload)) + "): the block row was changed");
                        continue;
                    }
                    var sum = BlockSummary.of(list);
                    var stored = new BlockSummary(rs.getInt(3), rs.getInt(8), rs.getLong(6), rs.getLong(7),
                            rs.getInt(9), rs.getShort(10), rs.getString(11), rs.getLong(4), rs.getLong(5));
                    if (!sum.equals(stored) || minE != rs.getLong(12) || maxE != maxEntry) {
                        findings.add(maxEntry, block, "pre-summed columns " + stored + " entries " + rs.getLong(12)
                                + ".." + maxEntry + " do not match its windows " + sum + " entries " + minE + ".."
                                + maxE + ": totals would be wrong");
                    }
                }
            }
        }
    }

    private static String hex(int v) {
        return HexFormat.of().toHexDigits(v);
    }
}
