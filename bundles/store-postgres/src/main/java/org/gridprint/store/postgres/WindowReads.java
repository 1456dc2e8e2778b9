package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
import org.gridprint.store.postgres.window.SeriesTable;
import org.gridprint.store.postgres.window.WindowSeries;

/**
 * Window queries on pooled reader connections: day blocks selected by their columns (series, day, start range,
 * site), decoded here. A block that cannot be decoded is skipped (verify names it).
 */
final class WindowReads {

    static final String SERIES_COLUMNS = "ws.series_id, ws.meter_id, ws.quantity, ws.scope, ws.method";

    private final Readers readers;
    private final String s;

    WindowReads(Readers readers, String schema) {
        this.readers = readers;
        this.s = schema;
    }

    /** Days since the epoch of a millisecond instant, clamped to int. */
    static int day(long millis) {
        long d = Math.floorDiv(millis, WindowBlockCodec.BLOCK_MILLIS);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, d));
    }

    static List<StoredWindow> decodeOrSkip(WindowSeries ser, byte[] payload) {
        try {
            return ser.decode(payload);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    long scan(WindowQuery q, WindowSink sink) {
        var what = "window scan " + q.from() + " .. " + q.to();
        return readers.run(what, c -> {
            c.setAutoCommit(false);
            long from = Readers.millis(q.from());
            long to = Readers.millis(q.to());
            var sql = new StringBuilder("SELECT " + SERIES_COLUMNS + ", p.payload FROM " + s
                    + ".window_block b JOIN " + s + ".window_series ws ON ws.series_id = b.series_id JOIN " + s
                    + ".window_payload p ON p.series_id = b.series_id AND p.day = b.day "
                    + "WHERE b.day >= ? AND b.day <= ? AND b.last_start >= ? AND b.first_start < ?");
            if (!q.meterIds().isEmpty()) {
                sql.append(" AND ws.meter_id = ANY(?)");
            }
            if (!q.siteId().isEmpty()) {
                sql.append(" AND (b.site_id = ? OR b.site_id IS NULL)");
            }
            q.scope().ifPresent(x -> sql.append(" AND ws.scope = ").append(x.ordinal()));
            q.method().ifPresent(x -> sql.append(" AND ws.method = ").append(x.ordinal()));
            sql.append(" ORDER BY ws.meter_id COLLATE \"C\", ws.quantity, ws.scope, ws.method, b.day");
            try (var ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(256);
                int p = 1;
                ps.setInt(p++, day(from));
                ps.setInt(p++, day(to - 1));
                ps.setLong(p++, from);
                ps.setLong(p++, to);
                if (!q.meterIds().isEmpty()) {
                    ps.setArray(p++, c.createArrayOf("text", q.meterIds().toArray()));
                }
                if (!q.siteId().isEmpty()) {
                    ps.setString(p, q.siteId());
                }
                long n = 0;
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var ser = SeriesTable.row(rs, 1);
                        if (ser.isEmpty()) {
                            continue;
                        }
                        for (var h : decodeOrSkip(ser.get(), rs.getBytes(6))) {
                            var w = h.window();
                            long st = w.start().toEpochMilli();
                            if (st < from || st >= to || !q.siteId().isEmpty() && !q.siteId().equals(w.siteId())) {
                                continue;
                            }
                            if (Thread.currentThread().isInterrupted()) {
                                throw new IllegalStateException("PostgreSQL store: " + what + " interrupted after "
                                        + n + " windows");
                            }
                            n++;
                            if (!sink.accept(w)) {
                                return n;
                            }
                        }
                    }
                }
                return n;
            } finally {
                c.rollback();
            }
        });
    }

    List<EmissionWindow> windows(WindowQuery q) {
        var out = new ArrayList<EmissionWindow>();
        scan(q, out::add);
        return out;
    }

    /** The current version of a key with the entry that wrote it. */
    Optional<StoredWindow> stored(WindowKey k) {
        return readers.run("window " + describe(k), c -> stored(c, k));
    }

    private Optional<StoredWindow> stored(Connection c, WindowKey k) throws SQLException {
        long start = k.start().toEpochMilli();
        try (var ps = seriesQuery(c, "SELECT " + SERIES_COLUMNS + ", b.payload FROM " + s + ".window_payload b "
                + "JOIN " + s + ".window_series ws ON ws.series_id = b.series_id WHERE %s AND b.day = ?", k.meterId(),
                k.quantity(), k.scope(), k.method())) {
            ps.setInt(5, day(start));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var ser = SeriesTable.row(rs, 1);
                    if (ser.isEmpty()) {
                        continue;
                    }
                    for (var h : decodeOrSkip(ser.get(), rs.getBytes(6))) {
                        if (h.window().start().toEpochMilli() == start) {
                            return Optional.of(h);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    Optional<EmissionWindow> window(WindowKey k) {
        return stored(k).map(StoredWindow::window);
    }

    Optional<EmissionWindow> lastWindow(String meterId, Quantity q, Scope scope, AccountingMethod method) {
        return readers.run("last window of " + meterId + " " + q + " " + scope + " " + method, c -> {
            try (var ps = seriesQuery(c, "SELECT " + SERIES_COLUMNS + ", b.payload FROM " + s
                    + ".window_payload b JOIN " + s + ".window_series ws ON ws.series_id = b.series_id WHERE %s "
                    + "ORDER BY b.day DESC LIMIT 1", meterId, q, scope, method)) {
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        var ser = SeriesTable.row(rs, 1);
                        if (ser.isPresent()) {
                            var list = decodeOrSkip(ser.get(), rs.getBytes(6));
                            if (!list.isEmpty()) {
                                return Optional.of(list.get(list.size() - 1).window());
                            }
                        }
                    }
                }
                return Optional.<EmissionWindow>empty();
            }
        });
    }

    /** Every version of the key, oldest first, with the reason and time of the entry that wrote it. */
    List<WindowVersion> history(WindowKey k) {
        return readers.run("history of window " + describe(k), c -> {
            var out = new ArrayList<WindowVersion>();
            long start = k.start().toEpochMilli();
            var entries = new ArrayList<Long>();
            try (var ps = seriesQuery(c, "SELECT " + SERIES_COLUMNS + ", h.payload FROM " + s + ".window_history h "
                    + "JOIN " + s + ".window_series ws ON ws.series_id = h.series_id WHERE %s AND h.start_ts = ? "
                    + "ORDER BY h.version", k.meterId(), k.quantity(), k.scope(), k.method())) {
                ps.setLong(5, start);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var ser = SeriesTable.row(rs, 1);
                        if (ser.isPresent()) {
                            for (var h : decodeOrSkip(ser.get(), rs.getBytes(6))) {
                                out.add(new WindowVersion(h.window(), "", h.window().computedAt()));
                                entries.add(h.entryId());
                            }
                        }
                    }
                }
            }
            var current = stored(c, k);
            if (current.isPresent()) {
                out.add(new WindowVersion(current.get().window(), "", current.get().window().computedAt()));
                entries.add(current.get().entryId());
            }
            // the reason is the entry's N line: kept in window_reason; the time is the entry's commit time
            try (var ps = c.prepareStatement("SELECT e.committed_at, coalesce(r.reason, '') FROM " + s
                    + ".ledger_entry e LEFT JOIN " + s + ".window_reason r ON r.entry_id = e.entry_id "
                    + "WHERE e.entry_id = ?")) {
                for (int i = 0; i < out.size(); i++) {
                    ps.setLong(1, entries.get(i));
                    try (var rs = ps.executeQuery()) {
                        if (rs.next()) {
                            var v = out.get(i);
                            out.set(i, new WindowVersion(v.window(), rs.getString(2),
                                    java.time.Instant.ofEpochMilli(rs.getLong(1))));
                        }
                    }
                }
            }
            return out;
        });
    }

    long count() {
        return readers.run("window count", c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT coalesce(sum(n), 0) FROM " + s
                    + ".window_block")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** A statement whose {@code %s} is the series' condition (parameters 1..4). */
    private static PreparedStatement seriesQuery(Connection c, String sql, String meterId, Quantity q, Scope scope,
            AccountingMethod method) throws SQLException {
        var ps = c.prepareStatement(String.format(sql, "ws.meter_id = ? AND ws.quantity = ? AND ws.scope = ? "
                + "AND ws.method = ?"));
        ps.setString(1, meterId);
        ps.setShort(2, (short) q.ordinal());
        ps.setShort(3, (short) scope.ordinal());
        ps.setShort(4, (short) method.ordinal());
        return ps;
    }

    static String describe(WindowKey k) {
        return k.meterId() + " " + k.quantity() + " " + k.scope() + " " + k.method() + " at " + k.start();
    }

}
