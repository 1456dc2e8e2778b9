package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gridprint.api.Quality;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.TotalsLabels;
import org.gridprint.ledger.WindowBlockCodec;

/**
 * {@code EmissionWindowStore.totals} on a reader connection, in three levels:
 * <ol>
 * <li>the WINDOW_MONTH rows of the UTC months in range: a series' month whose windows are all in range, of one site
 * and in one bucket is added whole. A month cut by a bucket edge or the range (a zone's month that cuts UTC days)
 * whose windows are all counted, unflagged, GOOD and of one site is added whole to the bucket of its last window and
 * <em>corrected</em> by the decoded windows of the few UTC days the edges cut (each window of another bucket or out
 * of range is taken off and added to its own bucket): exact, because sums and counts subtract and there are no flags
 * or qualities to take back;</li>
 * <li>the WINDOW_BLOCK day rows (read through the covering index WINDOW_BLOCK_SUMMARY) of the other series-months,
 * each added whole likewise when it can be;</li>
 * <li>the decoded windows of the remaining days.</li>
 * </ol>
 */
final class WindowTotals {

    /** At most this many days of a month are decoded to correct it; more: its day rows are read instead. */
    private static final int MAX_CORRECTED_DAYS = 3;
    /** Above this many series decoded on one day, the day's rows are read in one query. */
    private static final int DAY_READ_SERIES = 32;
    private static final long DAY = WindowBlockCodec.BLOCK_MILLIS;

    private static final String SUMMARY = "WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, WORST_QUALITY, SITE_ID, "
            + "FIRST_START, LAST_START";

    private WindowTotals() {
    }

    private static final class Acc {
        long amount;
        long co2e;
        long windows;
        long excluded;
        int flagBits;
        int worst;
    }

    /** The time labels of a query's buckets, computed once per distinct instant. */
    private static final class Labels {
        private final ZoneId zone;
        private final List<Map<Long, String>> cache = new ArrayList<>();

        Labels(ZoneId zone) {
            this.zone = zone;
            for (int i = 0; i < GroupBy.values().length; i++) {
                cache.add(new HashMap<>());
            }
        }

        String of(GroupBy g, long at) {
            return cache.get(g.ordinal()).computeIfAbsent(at, t -> TotalsLabels.label(g, Instant.ofEpochMilli(t), zone));
        }
    }

    /** A summary row (a month or a day of one series): columns of {@link #SUMMARY} from 3 on. */
    private record Row(long windows, long counted, long amount, long co2e, int flagBits, int worst, String site,
            long first, long last) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getInt(7), rs.getInt(8),
                    rs.getString(9), rs.getLong(10), rs.getLong(11));
        }

        /** Every window counted, unflagged, GOOD, of one site: taking some off is exact. */
        boolean plain() {
            return windows == counted && flagBits == 0 && worst == 0 && site != null;
        }
    }

    /** What a summary row contributes to a query. */
    private enum Use {
        /** every window of the row is in range, of the site asked for, and in one bucket: its sums are added */
        WHOLE,
        /** every window of the row is of another site: nothing */
        SKIP,
        /** the row's parts must be read (a month's days, a day's windows) */
        PARTIAL
    }

    /** The state of one totals query. */
    private static final class Run {
        final TotalsQuery q;
        final long from;
        final long to;
        final Labels labels;
        final Map<String, List<String>> tags;
        final Map<Integer, WindowRows.Series> series;
        final Map<List<String>, Acc> groups = new HashMap<>();
        /** day → series → the keys its month was added to (corrected), or null (decoded and added) */
        final TreeMap<Long, Map<Integer, List<List<String>>>> decode = new TreeMap<>();
        final Map<List<Long>, Optional<long[]>> correctable = new HashMap<>();

        Run(TotalsQuery q, Map<String, List<String>> tags, Map<Integer, WindowRows.Series> series) {
            this.q = q;
            this.from = q.from().toEpochMilli();
            this.to = q.to().toEpochMilli();
            this.labels = new Labels(q.zone());
            this.tags = tags;
            this.series = series;
        }

        Use use(Row r) {
            if (r.site() != null && !q.siteId().isEmpty() && !q.siteId().equals(r.site())) {
                return Use.SKIP; // a single-site row of another site
            }
            if (r.first() < from || r.last() >= to || r.site() == null) {
                return Use.PARTIAL;
            }
            for (var g : q.groupBy()) {
                if (TotalsLabels.isTime(g) && !labels.of(g, r.first()).equals(labels.of(g, r.last()))) {
                    return Use.PARTIAL;
                }
            }
            return Use.WHOLE;
        }

        /**
         * The days of a plain month row that hold windows outside the bucket of its last window or outside the range
         * (empty: none), or empty Optional when the month cannot be corrected (too many such days, or its last
         * window is out of range).
         */
        Optional<long[]> correctionDays(Row r) {
            if (r.last() < from || r.last() >= to) {
                return Optional.empty();
            }
            return correctable.computeIfAbsent(List.of(r.first(), r.last()), k -> {
                var days = new long[MAX_CORRECTED_DAYS];
                int n = 0;
                for (long d = WindowBlockCodec.blockStart(r.first()); d <= r.last(); d += DAY) {
                    if (!sameBucket(d, d + DAY - 1, r.last())) {
                        if (n == days.length) {
                            return Optional.empty();
                        }
                        days[n++] = d;
                    }
                }
                return Optional.of(Arrays.copyOf(days, n));
            });
        }

        /** Whether every instant of [a, b] is in range and in the buckets of {@code home}. */
        private boolean sameBucket(long a, long b, long home) {
            if (a < from || b >= to) {
                return false;
            }
            for (var g : q.groupBy()) {
                if (TotalsLabels.isTime(g)) {
                    var h = labels.of(g, home);
                    if (!labels.of(g, a).equals(h) || !labels.of(g, b).equals(h)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The group keys a window (or a whole row) of series {@code s} falls in: several when grouped by TAG. */
        List<List<String>> keys(WindowRows.Series s, String site, long start) {
            List<List<String>> keys = new ArrayList<>();
            keys.add(new ArrayList<>(q.groupBy().size()));
            for (var g : q.groupBy()) {
                if (g == GroupBy.TAG) {
                    var meterTags = tags.getOrDefault(s.meterId(), List.of());
                    var next = new ArrayList<List<String>>();
                    for (var k : keys) {
                        for (var t : meterTags.isEmpty() ? List.of("") : meterTags) {
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

        void add(List<List<String>> keys, Row r) {
            for (var key : keys) {
                var a = groups.computeIfAbsent(key, k -> new Acc());
                a.amount = Math.addExact(a.amount, r.amount());
                a.co2e = Math.addExact(a.co2e, r.co2e());
                a.windows += r.counted();
                a.excluded += r.windows() - r.counted();
                a.flagBits |= r.flagBits();
                a.worst = Math.max(a.worst, r.worst());
            }
        }

        void queue(long day, int seriesId, List<List<String>> home) {
            decode.computeIfAbsent(day, k -> new HashMap<>()).put(seriesId, home);
        }

        /** Adds the windows of a decoded block that are in range (and of the site asked for) to their groups. */
        void addDecoded(WindowRows.Series s, List<StoredWindow> block) {
            for (var sw : block) {
                var w = sw.window();
                long start = w.start().toEpochMilli();
                if (start < from || start >= to || !q.siteId().isEmpty() && !q.siteId().equals(w.siteId())) {
                    continue;
                }
                for (var key : keys(s, w.siteId(), start)) {
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

        /**
         * Moves the windows of a decoded day of a plain month (added whole to {@code home}) that belong elsewhere:
         * off {@code home}, onto their own groups when in range. They are all counted, unflagged and GOOD.
         */
        void correct(WindowRows.Series s, List<StoredWindow> block, List<List<String>> home) {
            for (var sw : block) {
                var w = sw.window();
                long start = w.start().toEpochMilli();
                var own = start >= from && start < to ? keys(s, w.siteId(), start) : List.<List<String>>of();
                if (own.equals(home)) {
                    continue;
                }
                for (var key : home) {
                    var a = groups.get(key);
                    a.amount = Math.subtractExact(a.amount, w.amountNano());
                    a.co2e = Math.subtractExact(a.co2e, w.co2eMicrograms());
                    a.windows--;
                }
                for (var key : own) {
                    var a = groups.computeIfAbsent(key, k -> new Acc());
                    a.amount = Math.addExact(a.amount, w.amountNano());
                    a.co2e = Math.addExact(a.co2e, w.co2eMicrograms());
                    a.windows++;
                }
            }
        }
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
        if (!q.from().isBefore(q.to())) {
            return List.of();
        }
        // the levels are separate statements at READ COMMITTED: a storeWindows committed between them (a month row
        // read before it, an edge day decoded after it) would mix two states; every WINDOWS entry adds a
        // WINDOW_ENTRY row, so an unchanged newest entry around the run means one state was read. Bounded retries.
        List<WindowTotal> out = List.of();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long before = newestWindowEntry(c);
            var run = new Run(q, allTags, series);
            months(c, run);
            out = finish(run);
            if (newestWindowEntry(c) == before) {
                return out;
            }
        }
        return out;
    }

    /** Attempts of a totals query while window writes commit under it; the last one is answered regardless. */
    static final int MAX_ATTEMPTS = 4;

    /** Test hook: runs between the month rows and the day rows of every attempt. */
    static volatile Runnable afterMonths = () -> {
    };

    private static long newestWindowEntry(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MAX(ENTRY_ID) FROM WINDOW_ENTRY")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Level 1: the month rows; the series-months that need their days are collected and read (level 2). */
    private static void months(Connection c, Run run) throws SQLException {
        var partial = new TreeMap<Long, Set<Integer>>(); // month -> series read by day
        try (var ps = c.prepareStatement("SELECT MONTH, SERIES_ID, " + SUMMARY + " FROM WINDOW_MONTH "
                + "WHERE MONTH >= ? AND MONTH <= ?")) {
            ps.setLong(1, WindowMonths.monthStart(run.from));
            ps.setLong(2, WindowMonths.monthStart(run.to - 1));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var s = run.series.get(rs.getInt(2));
                    if (s == null) {
                        continue;
                    }
                    var r = Row.of(rs);
                    switch (run.use(r)) {
                        case WHOLE -> run.add(run.keys(s, r.site(), r.first()), r);
                        case SKIP -> {
                        }
                        case PARTIAL -> {
                            var days = r.plain() ? run.correctionDays(r) : Optional.<long[]>empty();
                            if (days.isPresent()) {
                                var home = run.keys(s, r.site(), r.last());
                                run.add(home, r);
                                for (long d : days.get()) {
                                    run.queue(d, s.id(), home);
                                }
                            } else {
                                partial.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(s.id());
                            }
                        }
                    }
                }
            }
        }
        afterMonths.run();
        days(c, run, partial);
        decode(c, run);
    }

    /** Level 2: the day rows of the series-months given (through the covering index). */
    private static void days(Connection c, Run run, TreeMap<Long, Set<Integer>> partial) throws SQLException {
        try (var ps = c.prepareStatement("SELECT DAY, SERIES_ID, " + SUMMARY + " FROM WINDOW_BLOCK "
                + "WHERE DAY >= ? AND DAY < ?")) {
            for (var m : partial.entrySet()) {
                ps.setLong(1, Math.max(m.getKey(), WindowBlockCodec.blockStart(run.from)));
                ps.setLong(2, Math.min(WindowMonths.nextMonth(m.getKey()), WindowBlockCodec.blockStart(run.to - 1) + 1));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!m.getValue().contains(rs.getInt(2))) {
                            continue;
                        }
                        var s = run.series.get(rs.getInt(2));
                        var r = Row.of(rs);
                        switch (run.use(r)) {
                            case WHOLE -> run.add(run.keys(s, r.site(), r.first()), r);
                            case SKIP -> {
                            }
                            case PARTIAL -> run.queue(rs.getLong(1), s.id(), null);
                        }
                    }
                }
            }
        }
    }

    /** Level 3: the queued days decoded, a day at a time (one query for the day when many series need it). */
    private static void decode(Connection c, Run run) throws SQLException {
        try (var one = c.prepareStatement("SELECT SERIES_ID, PAYLOAD FROM WINDOW_BLOCK WHERE DAY = ? AND SERIES_ID = ?");
                var all = c.prepareStatement("SELECT SERIES_ID, PAYLOAD FROM WINDOW_BLOCK WHERE DAY = ?")) {
            for (var d : run.decode.entrySet()) {
                long day = d.getKey();
                var wanted = d.getValue();
                boolean wholeDay = wanted.size() > DAY_READ_SERIES;
                for (int id : wholeDay ? Set.of(-1) : wanted.keySet()) {
                    var ps = wholeDay ? all : one;
                    ps.setLong(1, day);
                    if (!wholeDay) {
                        ps.setInt(2, id);
                    }
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int sid = rs.getInt(1);
                            if (!wanted.containsKey(sid)) {
                                continue;
                            }
                            var s = run.series.get(sid);
                            var block = WindowRows.decode(rs.getBytes(2), s, day);
                            var home = wanted.get(sid);
                            if (home == null) {
                                run.addDecoded(s, block);
                            } else {
                                run.correct(s, block, home);
                            }
                        }
                    }
                }
            }
        }
    }

    private static List<WindowTotal> finish(Run run) {
        var out = new ArrayList<WindowTotal>(run.groups.size());
        run.groups.forEach((k, a) -> out.add(new WindowTotal(k, a.amount, a.co2e, a.windows, a.excluded,
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
}
