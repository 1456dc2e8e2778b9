package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowSink;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.api.store.WindowVersion;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.TotalsLabels;
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

    // ------------------------------------------------------------------------------------------------- totals

    private static final class Acc {
        long amount;
        long co2e;
        long windows;
        long excluded;
        int flagBits;
        int worst;
    }

    /** The tags of every registered meter (its tags, department:d, tenant:t). */
    private static Map<String, List<String>> tags(Connection c) throws SQLException {
        var out = new HashMap<String, List<String>>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT METER_ID, DEPARTMENT, TENANT, TAGS FROM "
                + "METER")) {
            while (rs.next()) {
                var t = new ArrayList<String>();
                var tags = rs.getString(4);
                if (tags != null && !tags.isEmpty()) {
                    Arrays.stream(tags.split(",")).filter(x -> !x.isEmpty()).forEach(t::add);
                }
                if (!rs.getString(2).isEmpty()) {
                    t.add("department:" + rs.getString(2));
                }
                if (!rs.getString(3).isEmpty()) {
                    t.add("tenant:" + rs.getString(3));
                }
                out.put(rs.getString(1), t.stream().distinct().toList());
            }
        }
        return out;
    }

    /** The time labels of a query's buckets, computed once per distinct instant (rows share their first starts). */
    private static final class Labels {
        private final java.time.ZoneId zone;
        private final List<Map<Long, String>> cache = new ArrayList<>();

        Labels(java.time.ZoneId zone) {
            this.zone = zone;
            for (int i = 0; i < GroupBy.values().length; i++) {
                cache.add(new HashMap<>());
            }
        }

        String of(GroupBy g, long at) {
            return cache.get(g.ordinal()).computeIfAbsent(at, t -> TotalsLabels.label(g, Instant.ofEpochMilli(t), zone));
        }
    }

    /** What a summary row (a month or a day of a series) contributes to a query. */
    private enum Use {
        /** every window of the row is in range, of the site asked for, and in one bucket: its sums are added */
        WHOLE,
        /** every window of the row is in range and of another site: nothing */
        SKIP,
        /** the row's parts must be read (a month's days, a day's windows) */
        PARTIAL
    }

    private static Use use(TotalsQuery q, Labels labels, long from, long to, String site, long first, long last) {
        boolean inside = first >= from && last < to;
        if (!inside || site == null) {
            return Use.PARTIAL;
        }
        if (!q.siteId().isEmpty() && !q.siteId().equals(site)) {
            return Use.SKIP; // a single-site row of another site
        }
        for (var g : q.groupBy()) {
            if (TotalsLabels.isTime(g) && !labels.of(g, first).equals(labels.of(g, last))) {
                return Use.PARTIAL;
            }
        }
        return Use.WHOLE;
    }

    /**
     * Totals in three levels: the WINDOW_MONTH rows of the months in range (a series' UTC month whose windows all fall
     * in one bucket, in range and of one site is added whole); the WINDOW_BLOCK day rows of the other series-months
     * (added whole likewise); the decoded windows of the remaining days (range edges, buckets that cut a UTC day,
     * mixed sites).
     */
    static List<WindowTotal> totals(Connection c, TotalsQuery q) throws SQLException {
        var allTags = tags(c);
        var series = new HashMap<Integer, WindowRows.Series>();
        for (var s : WindowRows.allSeries(c)) {
            if (!q.meterIds().isEmpty() && !q.meterIds().contains(s.meterId())
                    || q.scope().isPresent() && q.scope().get() != s.scope()
                    || q.method().isPresent() && q.method().get() != s.method()
                    || !q.tag().isEmpty() && !allTags.getOrDefault(s.meterId(), List.of()).contains(q.tag())) {
                continue;
            }
            series.put(s.id(), s);
        }
        var groups = new HashMap<List<String>, Acc>();
        var labels = new Labels(q.zone());
        long from = q.from().toEpochMilli();
        long to = q.to().toEpochMilli();
        var partialMonths = new java.util.TreeMap<Long, java.util.Set<Integer>>(); // month -> series read by day
        try (var ps = c.prepareStatement("SELECT MONTH, SERIES_ID, WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, "
                + "WORST_QUALITY, SITE_ID, FIRST_START, LAST_START FROM WINDOW_MONTH WHERE MONTH >= ? AND MONTH <= ?")) {
            ps.setLong(1, WindowMonths.monthStart(from));
            ps.setLong(2, WindowMonths.monthStart(to - 1));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var s = series.get(rs.getInt(2));
                    if (s == null) {
                        continue;
                    }
                    long first = rs.getLong(10);
                    var site = rs.getString(9);
                    switch (use(q, labels, from, to, site, first, rs.getLong(11))) {
                        case WHOLE -> add(groups, keys(q, s, site, first, allTags, labels), rs);
                        case SKIP -> {
                        }
                        case PARTIAL -> partialMonths.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>())
                                .add(s.id());
                    }
                }
            }
        }
        var boundary = new ArrayList<long[]>(); // {day, series}
        try (var ps = c.prepareStatement("SELECT DAY, SERIES_ID, WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, "
                + "WORST_QUALITY, SITE_ID, FIRST_START, LAST_START FROM WINDOW_BLOCK WHERE DAY >= ? AND DAY < ?")) {
            for (var m : partialMonths.entrySet()) {
                ps.setLong(1, Math.max(m.getKey(), WindowBlockCodec.blockStart(from)));
                ps.setLong(2, Math.min(WindowMonths.nextMonth(m.getKey()), WindowBlockCodec.blockStart(to - 1) + 1));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!m.getValue().contains(rs.getInt(2))) {
                            continue;
                        }
                        var s = series.get(rs.getInt(2));
                        long first = rs.getLong(10);
                        var site = rs.getString(9);
                        switch (use(q, labels, from, to, site, first, rs.getLong(11))) {
                            case WHOLE -> add(groups, keys(q, s, site, first, allTags, labels), rs);
                            case SKIP -> {
                            }
                            case PARTIAL -> boundary.add(new long[] { rs.getLong(1), rs.getInt(2) });
                        }
                    }
                }
            }
        }
        try (var ps = c.prepareStatement("SELECT PAYLOAD FROM WINDOW_BLOCK WHERE DAY = ? AND SERIES_ID = ?")) {
            for (var b : boundary) {
                var s = series.get((int) b[1]);
                ps.setLong(1, b[0]);
                ps.setInt(2, (int) b[1]);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    for (var sw : WindowRows.decode(rs.getBytes(1), s, b[0])) {
                        var w = sw.window();
                        long start = w.start().toEpochMilli();
                        if (start < from || start >= to || !q.siteId().isEmpty() && !q.siteId().equals(w.siteId())) {
                            continue;
                        }
                        for (var key : keys(q, s, w.siteId(), start, allTags, labels)) {
                            var a = groups.computeIfAbsent(key, k -> new Acc());
                            if (w.counted()) {
                                a.amount = Math.addExact(a.amount, w.amountNano());
                                a.co2e = Math.addExact(a.co2e, w.co2eMicrograms());
                                a.windows++;
                            } else {
                                a.excluded++;
                            }
                            a.flagBits |= WindowBlockCodec.flagBits(w.flags());
                            a.worst = Math.max(a.worst, w.quality().ordinal());
                        }
                    }
                }
            }
        }
        var out = new ArrayList<WindowTotal>(groups.size());
        groups.forEach((k, a) -> out.add(new WindowTotal(k, a.amount, a.co2e, a.windows, a.excluded,
                a.flagBits == 0 ? Set.of() : EnumSet.copyOf(WindowBlockCodec.flags(a.flagBits)),
                Quality.values()[a.worst])));
        out.sort((x, y) -> {
            for (int i = 0; i < x.group().size(); i++) {
                int d = x.group().get(i).compareTo(y.group().get(i));
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        });
        return out;
    }

    /** Adds a summary row (columns WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, WORST_QUALITY at 3..8) to its groups. */
    private static void add(Map<List<String>, Acc> groups, List<List<String>> keys, java.sql.ResultSet rs)
            throws SQLException {
        long windows = rs.getLong(3);
        long counted = rs.getLong(4);
        for (var key : keys) {
            var a = groups.computeIfAbsent(key, k -> new Acc());
            a.amount = Math.addExact(a.amount, rs.getLong(5));
            a.co2e = Math.addExact(a.co2e, rs.getLong(6));
            a.windows += counted;
            a.excluded += windows - counted;
            a.flagBits |= rs.getInt(7);
            a.worst = Math.max(a.worst, rs.getInt(8));
        }
    }

    /** The group keys a window (or a whole block) of series {@code s} falls in: several when grouped by TAG. */
    private static List<List<String>> keys(TotalsQuery q, WindowRows.Series s, String site, long start,
            Map<String, List<String>> allTags, Labels labels) {
        List<List<String>> keys = new ArrayList<>();
        keys.add(new ArrayList<>(q.groupBy().size()));
        for (var g : q.groupBy()) {
            if (g == GroupBy.TAG) {
                var tags = allTags.getOrDefault(s.meterId(), List.of());
                var next = new ArrayList<List<String>>();
                for (var k : keys) {
                    for (var t : tags.isEmpty() ? List.of("") : tags) {
                        var copy = new ArrayList<>(k);
                        copy.add(t);
                        next.add(copy);
                    }
                }
                keys = next;
                continue;
            }
            String v = switch (g) {
                case HOUR, DAY, MONTH, YEAR -> labels.of(g, start);
                case METER -> s.meterId();
                case SITE -> site;
                case QUANTITY -> s.quantity().name();
                case SCOPE -> s.scope().name();
                case METHOD -> s.method().name();
                default -> throw new IllegalStateException(g.name());
            };
            keys.forEach(k -> k.add(v));
        }
        return keys;
    }
}
