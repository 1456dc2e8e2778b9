package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.ledger.BlockSummary;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;

/**
 * Verify of WINDOWS entries: their V lines rebuilt from the block rows (current versions) and WINDOW_HISTORY rows
 * (superseded ones), their N line from WINDOW_ENTRY. Reads only the blocks of the UTC days the entries' windows start
 * in (WINDOW_ENTRY.FIRST_DAY..LAST_DAY). Names a block whose CRC or summary columns disagree with its payload, and a
 * window whose stored check no longer matches its line (by key and entry). The WINDOW_MONTH rows of the series and
 * months of those blocks (and every month row naming an entry of the range) are recomputed from their day rows: a
 * month row that differs, is missing or has no day rows is named by series and month.
 */
final class WindowVerify {

    private WindowVerify() {
    }

    static Map<Long, List<String>> lines(Connection c, long from, long to, Findings findings) throws SQLException {
        var out = new HashMap<Long, List<String>>();
        long minDay;
        long maxDay;
        try (var ps = c.prepareStatement("SELECT MIN(FIRST_DAY), MAX(LAST_DAY) FROM WINDOW_ENTRY WHERE ENTRY_ID "
                + "BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                rs.next();
                minDay = rs.getLong(1);
                if (rs.wasNull()) {
                    return out;
                }
                maxDay = rs.getLong(2);
            }
        }
        try (var ps = c.prepareStatement("SELECT ENTRY_ID, REASON FROM WINDOW_ENTRY WHERE ENTRY_ID BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(CanonicalLines.windowsReason(rs.getString(2)));
                }
            }
        }
        var series = new HashMap<Integer, WindowRows.Series>();
        WindowRows.allSeries(c).forEach(s -> series.put(s.id(), s));
        var months = new java.util.LinkedHashSet<List<Long>>(); // {series, UTC month} of the blocks checked here
        try (var ps = c.prepareStatement("SELECT DAY, SERIES_ID, PAYLOAD, CRC, WINDOWS, COUNTED, AMOUNT, CO2E, "
                + "FLAG_BITS, WORST_QUALITY, SITE_ID, FIRST_START, LAST_START, MAX_ENTRY FROM WINDOW_BLOCK "
                + "WHERE DAY BETWEEN ? AND ?")) {
            ps.setLong(1, minDay);
            ps.setLong(2, maxDay);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long day = rs.getLong(1);
                    long maxEntry = rs.getLong(14);
                    boolean owner = maxEntry >= from && maxEntry <= to; // block-level findings once, by its newest entry
                    if (owner) {
                        months.add(List.of((long) rs.getInt(2), WindowMonths.monthStart(day)));
                    }
                    var s = series.get(rs.getInt(2));
                    var where = "window block " + (s == null ? "series " + rs.getInt(2) : s.describe()) + " day "
                            + Instant.ofEpochMilli(day);
                    var payload = rs.getBytes(3);
                    boolean crcOk = WindowBlockCodec.crc(payload) == rs.getInt(4);
                    List<StoredWindow> windows;
                    try {
                        if (s == null) {
                            throw new IllegalArgumentException("its series " + rs.getInt(2) + " is not a known series");
                        }
                        windows = WindowBlockCodec.decode(payload, s.meterId(), s.quantity(), s.scope(), s.method());
                    } catch (IllegalArgumentException e) {
                        if (owner) {
                            findings.addRow(maxEntry, where, "the window block does not decode: " + e.getMessage());
                        }
                        continue;
                    }
                    var named = new java.util.HashSet<Long>();
                    for (var w : windows) {
                        long entry = w.entryId();
                        if (entry < from || entry > to) {
                            continue;
                        }
                        out.computeIfAbsent(entry, k -> new ArrayList<>())
                                .add(CanonicalLines.windowVersion(w.window()));
                        if (!w.checkMatches()) {
                            named.add(entry);
                            findings.addRow(entry, "window " + WindowRows.describe(w.window().key()) + " version "
                                    + w.window().version(), "the stored window of entry " + entry + " no longer "
                                    + "matches its check: it was changed after it was written");
                        }
                    }
                    if (!owner) {
                        continue;
                    }
                    long blamed = named.isEmpty() ? maxEntry : named.iterator().next();
                    if (!crcOk) {
                        findings.addRow(blamed, where, "the block's CRC-32C no longer matches its payload");
                    }
                    var sum = windows.isEmpty() ? null : BlockSummary.of(windows);
                    if (sum == null || sum.windows() != rs.getInt(5) || sum.countedWindows() != rs.getInt(6)
                            || sum.amountNano() != rs.getLong(7) || sum.co2eMicrograms() != rs.getLong(8)
                            || sum.flagBits() != rs.getInt(9) || sum.worstQuality() != rs.getInt(10)
                            || !java.util.Objects.equals(sum.siteId(), rs.getString(11))
                            || sum.firstStart() != rs.getLong(12) || sum.lastStart() != rs.getLong(13)
                            || windows.stream().mapToLong(StoredWindow::entryId).max().orElse(0) != maxEntry) {
                        findings.addRow(blamed, where, "the block's summary columns (windows, sums, flags, quality, "
                                + "site, first/last start, newest entry) do not match its payload");
                    }
                }
            }
        }
        checkMonths(c, from, to, months, series, findings);
        try (var ps = c.prepareStatement("SELECT SERIES_ID, START_TS, VERSION, ENTRY_ID, PAYLOAD, CRC FROM "
                + "WINDOW_HISTORY WHERE ENTRY_ID BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long entry = rs.getLong(4);
                    var s = series.get(rs.getInt(1));
                    var where = "window history " + (s == null ? "series " + rs.getInt(1) : s.describe()) + " "
                            + Instant.ofEpochMilli(rs.getLong(2)) + " version " + rs.getInt(3);
                    var payload = rs.getBytes(5);
                    try {
                        if (s == null) {
                            throw new IllegalArgumentException("its series is not a known series");
                        }
                        var ws = WindowBlockCodec.decode(payload, s.meterId(), s.quantity(), s.scope(), s.method());
                        for (var w : ws) {
                            out.computeIfAbsent(entry, k -> new ArrayList<>())
                                    .add(CanonicalLines.windowVersion(w.window()));
                            if (!w.checkMatches() || WindowBlockCodec.crc(payload) != rs.getInt(6)) {
                                findings.addRow(entry, "window " + WindowRows.describe(w.window().key()) + " version "
                                        + w.window().version(), "the stored history version of entry " + entry
                                        + " no longer matches its check: it was changed after it was written");
                            }
                        }
                    } catch (IllegalArgumentException e) {
                        findings.addRow(entry, where, "the window history row does not decode: " + e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** Compares each month row with the sum of its day rows; findings go to the newest entry of the month in range. */
    private static void checkMonths(Connection c, long from, long to, java.util.Set<List<Long>> months,
            Map<Integer, WindowRows.Series> series, Findings findings) throws SQLException {
        try (var ps = c.prepareStatement("SELECT SERIES_ID, MONTH FROM WINDOW_MONTH WHERE MAX_ENTRY BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    months.add(List.of((long) rs.getInt(1), rs.getLong(2)));
                }
            }
        }
        try (var ps = c.prepareStatement("SELECT " + WindowMonths.COLUMNS + " FROM WINDOW_MONTH WHERE MONTH = ? AND "
                + "SERIES_ID = ?")) {
            for (var m : months) {
                int id = m.get(0).intValue();
                long month = m.get(1);
                var sum = WindowMonths.recompute(c, id, month);
                ps.setLong(1, month);
                ps.setInt(2, id);
                try (var rs = ps.executeQuery()) {
                    boolean present = rs.next();
                    long rowEntry = present ? rs.getLong(11) : 0;
                    String problem;
                    if (!present) {
                        problem = sum.days == 0 ? null : "the month summary row is missing (its days hold windows)";
                    } else if (sum.days == 0) {
                        problem = "the month summary row has no window blocks";
                    } else if (!sum.matches(rs, 1)) {
                        problem = "the month summary columns (days, windows, sums, flags, quality, site, first/last "
                                + "start, newest entry) do not match the sum of its day blocks";
                    } else {
                        problem = null;
                    }
                    long blamed = sum.days > 0 && sum.maxEntry >= from && sum.maxEntry <= to ? sum.maxEntry
                            : rowEntry >= from && rowEntry <= to ? rowEntry : -1;
                    if (problem != null && blamed >= 0) {
                        var s = series.get(id);
                        findings.addRow(blamed, "window month " + (s == null ? "series " + id : s.describe()) + " "
                                + Instant.ofEpochMilli(month).toString().substring(0, 7), problem);
                    }
                }
            }
        }
    }
}
