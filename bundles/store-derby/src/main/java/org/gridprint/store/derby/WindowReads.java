package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowSink;
import org.gridprint.api.store.WindowVersion;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;

/** The reading side of the window store, on a reader connection. */
final class WindowReads {

    private WindowReads() {
    }

    static Optional<EmissionWindow> window(Connection c, WindowKey k) throws SQLException {
        int series = WindowRows.seriesId(c, k.meterId(), k.quantity(), k.scope(), k.method(), false);
        if (series < 0) {
            return Optional.empty();
        }
        long start = k.start().toEpochMilli();
        var block = WindowRows.readBlock(c, series, WindowBlockCodec.blockStart(start), probe(k));
        if (block == null) {
            return Optional.empty();
        }
        return block.stream().map(StoredWindow::window).filter(w -> w.start().toEpochMilli() == start).findFirst();
    }

    private static EmissionWindow probe(WindowKey k) {
        return new EmissionWindow(k.meterId(), "", k.quantity(), k.scope(), k.method(), k.start(),
                k.start().plusMillis(1), 0, 0, 0, 0, 0, Quality.GOOD, Set.of(), k.start(), k.start(), 1, k.start());
    }

    static long scan(Connection c, WindowQuery q, WindowSink sink) throws SQLException {
        var series = new ArrayList<>(WindowRows.allSeries(c));
        series.removeIf(s -> !q.meterIds().isEmpty() && !q.meterIds().contains(s.meterId())
                || q.scope().isPresent() && q.scope().get() != s.scope()
                || q.method().isPresent() && q.method().get() != s.method());
        series.sort(WindowRows.ORDER);
        long from = q.from().toEpochMilli();
        long to = q.to().toEpochMilli();
        long passed = 0;
        try (var ps = c.prepareStatement("SELECT DAY, PAYLOAD FROM WINDOW_BLOCK WHERE SERIES_ID = ? AND DAY >= ? "
                + "AND DAY <= ? ORDER BY DAY")) {
            for (var s : series) {
                ps.setInt(1, s.id());
                ps.setLong(2, WindowBlockCodec.blockStart(from));
                ps.setLong(3, WindowBlockCodec.blockStart(to - 1));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (var sw : WindowRows.decode(rs.getBytes(2), s, rs.getLong(1))) {
                            var w = sw.window();
                            long start = w.start().toEpochMilli();
                            if (start < from || start >= to || !q.siteId().isEmpty() && !q.siteId().equals(w.siteId())) {
                                continue;
                            }
                            passed++;
                            if (!sink.accept(w)) {
                                return passed;
                            }
                        }
                    }
                }
            }
        }
        return passed;
    }

    static Optional<EmissionWindow> lastWindow(Connection c, String meter, Quantity q, Scope s, AccountingMethod m)
            throws SQLException {
        int series = WindowRows.seriesId(c, meter, q, s, m, false);
        if (series < 0) {
            return Optional.empty();
        }
        try (var ps = c.prepareStatement("SELECT DAY, PAYLOAD FROM WINDOW_BLOCK WHERE SERIES_ID = ? ORDER BY DAY DESC "
                + "FETCH FIRST 1 ROWS ONLY")) {
            ps.setInt(1, series);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var block = WindowRows.decode(rs.getBytes(2), meter, q, s, m, rs.getLong(1));
                return Optional.of(block.get(block.size() - 1).window());
            }
        }
    }

    static List<WindowVersion> history(Connection c, WindowKey k) throws SQLException {
        int series = WindowRows.seriesId(c, k.meterId(), k.quantity(), k.scope(), k.method(), false);
        if (series < 0) {
            return List.of();
        }
        var stored = new ArrayList<StoredWindow>();
        long start = k.start().toEpochMilli();
        try (var ps = c.prepareStatement("SELECT PAYLOAD FROM WINDOW_HISTORY WHERE SERIES_ID = ? AND START_TS = ? "
                + "ORDER BY VERSION")) {
            ps.setInt(1, series);
            ps.setLong(2, start);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.addAll(WindowRows.decode(rs.getBytes(1), k.meterId(), k.quantity(), k.scope(), k.method(),
                            WindowBlockCodec.blockStart(start)));
                }
            }
        }
        var block = WindowRows.readBlock(c, series, WindowBlockCodec.blockStart(start), probe(k));
        if (block != null) {
            block.stream().filter(s -> s.window().start().toEpochMilli() == start).forEach(stored::add);
        }
        var out = new ArrayList<WindowVersion>(stored.size());
        try (var ps = c.prepareStatement("SELECT e.REASON, b.COMMITTED_AT FROM WINDOW_ENTRY e JOIN BATCH b "
                + "ON b.BATCH_ID = e.ENTRY_ID WHERE e.ENTRY_ID = ?")) {
            for (var s : stored) {
                ps.setLong(1, s.entryId());
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(new WindowVersion(s.window(), rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
                    } else {
                        out.add(new WindowVersion(s.window(), "(entry " + s.entryId() + " not found)",
                                s.window().computedAt()));
                    }
                }
            }
        }
        return out;
    }

    static long count(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT SUM(CAST(WINDOWS AS BIGINT)) FROM "
                + "WINDOW_BLOCK")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
