package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gridprint.api.Quality;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.WindowTotal;
import org.gridprint.ledger.TotalsLabels;
import org.gridprint.ledger.WindowBlockCodec;
import org.gridprint.store.postgres.window.SeriesTable;
import org.gridprint.store.postgres.window.WindowSeries;

/**
 * {@code totals} in the store. The query's range is cut into buckets of its finest time dimension in its zone
 * (Java's time-zone rules, so DST and zone cuts are exact); a day block whose windows all start inside one bucket
 * (and inside the range) is summed by PostgreSQL from its pre-summed columns (GROUP BY series and bucket), every
 * other block overlapping the range is decoded here and its windows are summed one by one. TAG and the tag filter
 * use the meter table (tags, {@code department:<d>}, {@code tenant:<t>}); a meter with no tag is in the group "".
 */
final class WindowTotals {

    private static final Quality[] QUALITIES = Quality.values();

    private final Readers readers;
    private final String s;
    /** Runs phase 2 beside phase 1 (null: one after the other, e.g. a pool of one connection). */
    private final ExecutorService concurrent;

    WindowTotals(Readers readers, String schema, boolean concurrent) {
        this.readers = readers;
        this.s = schema;
        this.concurrent = concurrent ? Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "gridprint-postgres-totals");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Ends the helper threads (the store is closing). */
    void close() {
        if (concurrent != null) {
            concurrent.shutdownNow();
        }
    }

    /** One group's running sums. */
    private static final class Acc {
        long amount;
        long co2e;
        long windows;
        long excluded;
        int flags;
        int worst;

        void add(long amount, long co2e, long windows, long excluded, int flags, int worst) {
            this.amount = Math.addExact(this.amount, amount);
            this.co2e = Math.addExact(this.co2e, co2e);
            this.windows += windows;
            this.excluded += excluded;
            this.flags |= flags;
            this.worst = Math.max(this.worst, worst);
        }
    }

    /** The query's buckets: starts (UTC millis, ascending) and the end of the last one. */
    private record Buckets(long[] starts, long end, List<Instant> local) {
        int find(long t) {
            int i = Arrays.binarySearch(starts, t);
            return i >= 0 ? i : -i - 2;
        }

        long endOf(int i) {
            return i + 1 < starts.length ? starts[i + 1] : end;
        }
    }

    private static Buckets buckets(TotalsQuery q) {
        GroupBy finest = null;
        for (var g : q.groupBy()) {
            if (TotalsLabels.isTime(g) && (finest == null || g.ordinal() < finest.ordinal())) {
                finest = g;
            }
        }
        long to = Readers.millis(q.to());
        if (finest == null) {
            return new Buckets(new long[] { Readers.millis(q.from()) }, to, List.of(q.from()));
        }
        var starts = new ArrayList<Long>();
        var instants = new ArrayList<Instant>();
        var t = TotalsLabels.bucketStart(finest, q.from(), q.zone());
        while (t.toEpochMilli() < to) {
            starts.add(t.toEpochMilli());
            instants.add(t);
            if (starts.size() > 1_000_000) {
                throw new IllegalArgumentException("totals query " + q.from() + " .. " + q.to() + " by " + finest
                        + " has more than 1,000,000 buckets: shorten it or group coarser");
            }
            t = TotalsLabels.nextBucket(finest, t, q.zone());
        }
        return new Buckets(starts.stream().mapToLong(Long::longValue).toArray(), to, instants);
    }

    List<WindowTotal> totals(TotalsQuery q) {
        return readers.run("totals " + q.from() + " .. " + q.to() + " by " + q.groupBy(), c -> run(c, q));
    }

    private List<WindowTotal> run(Connection c, TotalsQuery q) throws SQLException {
        var b = buckets(q);
        boolean tags = q.groupBy().contains(GroupBy.TAG) || !q.tag().isEmpty();
        var meterTags = tags ? meterTags(c) : Map.<String, List<String>>of();
        var groups = new TreeMap<List<String>, Acc>(WindowTotals::compare);
        long from = Readers.millis(q.from());
        long to = Readers.millis(q.to());
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        Future<TreeMap<List<String>, Acc>> rest = null;
        try {
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '64MB'"); // the group-by of a year of blocks hashes in memory
            }
            var series = series(c, q);
            if (series.isEmpty()) {
                return List.of();
            }
            boolean allSeries = q.meterIds().isEmpty() && q.scope().isEmpty() && q.method().isEmpty();
            var ids = c.createArrayOf("integer", series.keySet().toArray());
            boolean bySite = q.groupBy().contains(GroupBy.SITE) || !q.siteId().isEmpty();
            var thresholds = thresholds(c, b);
            var whole = "b.first_start >= ? AND b.last_start < ? AND width_bucket(b.first_start, ?::bigint[]) "
                    + "= width_bucket(b.last_start, ?::bigint[])" + (bySite ? " AND b.site_id IS NOT NULL" : "");
            var site = q.siteId().isEmpty() ? "" : " AND (b.site_id = ? OR b.site_id IS NULL)";
            // phase 2 on a second pooled connection in the same snapshot (exported), beside phase 1
            if (concurrent != null) {
                String snapshot;
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
                var m = meterTags;
                rest = concurrent.submit(() -> readers.run("totals (blocks cut by a bucket edge)", c2 -> {
                    c2.setAutoCommit(false);
                    c2.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    try {
                        try (var st = c2.createStatement()) {
                            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
                        }
                        var g = new TreeMap<List<String>, Acc>(WindowTotals::compare);
                        decodeCut(c2, q, b, series, m, g, from, to, bySite, allSeries, whole, site);
                        return g;
                    } finally {
                        c2.rollback();
                    }
                }));
            }
            // 1. blocks wholly inside one bucket and the range: PostgreSQL sums their pre-summed columns
            var sql = "SELECT b.series_id, width_bucket(b.first_start, ?::bigint[]) - 1 AS k, b.site_id, "
                    + "sum(b.amount), sum(b.co2e), sum(b.counted), sum(b.n - b.counted), bit_or(b.flags), "
                    + "max(b.worst) FROM " + s + ".window_block b WHERE b.day >= ? AND b.day <= ? AND " + whole + site
                    + (allSeries ? "" : " AND b.series_id = ANY(?)") + " GROUP BY b.series_id, k, b.site_id";
            try (var ps = c.prepareStatement(sql)) {
                int p = 1;
                ps.setArray(p++, thresholds);
                ps.setInt(p++, WindowReads.day(from));
                ps.setInt(p++, WindowReads.day(to - 1));
                p = whole(ps, p, from, to, thresholds);
                if (!q.siteId().isEmpty()) {
                    ps.setString(p++, q.siteId());
                }
                if (!allSeries) {
                    ps.setArray(p, ids);
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var ser = series.get(rs.getInt(1));
                        if (ser == null) {
                            continue;
                        }
                        for (var key : keys(q, ser, rs.getString(3), b.local().get(rs.getInt(2)), meterTags)) {
                            groups.computeIfAbsent(key, x -> new Acc()).add(rs.getLong(4), rs.getLong(5),
                                    rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getInt(9));
                        }
                    }
                }
            }
            var merged = rest == null ? groups : rest.get();
            if (merged != groups) {
                groups.forEach((k, a) -> merged.computeIfAbsent(k, x -> new Acc()).add(a.amount, a.co2e, a.windows,
                        a.excluded, a.flags, a.worst));
            }
            groups = merged;
            if (rest == null) {
                decodeCut(c, q, b, series, meterTags, groups, from, to, bySite, allSeries, whole, site);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PostgreSQL store: totals interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("PostgreSQL store: totals failed: " + e.getCause(), e.getCause());
        } finally {
            if (rest != null && !rest.isDone()) {
                rest.cancel(true);
            }
            c.rollback();
        }
        var out = new ArrayList<WindowTotal>(groups.size());
        groups.forEach((k, a) -> out.add(new WindowTotal(k, a.amount, a.co2e, a.windows, a.excluded,
                WindowBlockCodec.flags(a.flags), QUALITIES[a.worst])));
        return out;
    }

    /**
     * Phase 2: every block overlapping the range that phase 1 did not sum, decoded here. Only blocks of the UTC days
     * that a bucket edge or the range's ends cut can be split: looked up by (series, day) pairs; with too many pairs
     * (HOUR) every block of the range is a candidate.
     */
    private void decodeCut(Connection c, TotalsQuery q, Buckets b, Map<Integer, WindowSeries> series,
            Map<String, List<String>> meterTags, TreeMap<List<String>, Acc> groups, long from, long to,
            boolean bySite, boolean allSeries, String whole, String site) throws SQLException {
            var thresholds = thresholds(c, b);
            var cut = cutDays(b, from, to);
            var rest = "SELECT b.series_id, p.payload FROM ";
            var tail = " JOIN " + s + ".window_payload p ON p.series_id = b.series_id AND p.day = b.day WHERE "
                    + "b.last_start >= ? AND b.first_start < ?" + site + " AND NOT (" + whole + ")";
            if (cut != null && (long) cut.length * series.size() <= 200_000) {
                var sids = new Integer[cut.length * series.size()];
                var days = new Integer[sids.length];
                int i = 0;
                for (int sid : series.keySet()) {
                    for (int d : cut) {
                        sids[i] = sid;
                        days[i++] = d;
                    }
                }
                decodeRest(c, rest + "unnest(?::int[], ?::int[]) AS k(sid, d) JOIN " + s + ".window_block b ON "
                        + "b.series_id = k.sid AND b.day = k.d" + tail, q, b, series, meterTags, groups, from, to,
                        thresholds, ps -> {
                            ps.setArray(1, c.createArrayOf("integer", sids));
                            ps.setArray(2, c.createArrayOf("integer", days));
                            return 3;
                        });
                if (bySite) {
                    // blocks of several sites on days no edge cuts: not summed above, decoded too
                    decodeRest(c, rest + s + ".window_block b" + tail + " AND b.site_id IS NULL AND b.day >= ? AND "
                            + "b.day <= ? AND NOT (b.day = ANY(?::int[]))" + (allSeries ? ""
                                    : " AND b.series_id = ANY(?)"), q, b, series, meterTags, groups, from, to,
                            thresholds, null);
                }
            } else {
                decodeRest(c, rest + s + ".window_block b" + tail + " AND b.day >= ? AND b.day <= ?" + (allSeries
                        ? "" : " AND b.series_id = ANY(?)"), q, b, series, meterTags, groups, from, to, thresholds,
                        null);
            }
    }

    private static java.sql.Array thresholds(Connection c, Buckets b) throws SQLException {
        var bucketStarts = new Long[b.starts().length];
        for (int i = 0; i < bucketStarts.length; i++) {
            bucketStarts[i] = b.starts()[i];
        }
        return c.createArrayOf("bigint", bucketStarts);
    }

    /** Sets the parameters of the "whole block" condition from {@code p}; returns the next index. */
    private static int whole(java.sql.PreparedStatement ps, int p, long from, long to, java.sql.Array thresholds)
            throws SQLException {
        ps.setLong(p++, from);
        ps.setLong(p++, to);
        ps.setArray(p++, thresholds);
        ps.setArray(p++, thresholds);
        return p;
    }

    /** Sets leading parameters (returns the next index); null: none. */
    @FunctionalInterface
    private interface Leading {
        int set(java.sql.PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs a query of (series id, payload) rows: leading parameters, then from, to, [site], the whole condition,
     * and for a query without leading parameters the day range, [the cut days], [the series ids].
     */
    private void decodeRest(Connection c, String sql, TotalsQuery q, Buckets b, Map<Integer, WindowSeries> series,
            Map<String, List<String>> meterTags, TreeMap<List<String>, Acc> groups, long from, long to,
            java.sql.Array thresholds, Leading leading) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setFetchSize(256);
            int p = leading == null ? 1 : leading.set(ps);
            ps.setLong(p++, from);
            ps.setLong(p++, to);
            if (!q.siteId().isEmpty()) {
                ps.setString(p++, q.siteId());
            }
            p = whole(ps, p, from, to, thresholds);
            if (leading == null) {
                ps.setInt(p++, WindowReads.day(from));
                ps.setInt(p++, WindowReads.day(to - 1));
                if (sql.contains("NOT (b.day = ANY")) {
                    ps.setArray(p++, c.createArrayOf("integer", cutDays(b, from, to)));
                }
                if (sql.contains("b.series_id = ANY")) {
                    ps.setArray(p, c.createArrayOf("integer", series.keySet().toArray()));
                }
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var ser = series.get(rs.getInt(1));
                    if (ser == null) {
                        continue;
                    }
                    for (var h : WindowReads.decodeOrSkip(ser, rs.getBytes(2))) {
                        var w = h.window();
                        long st = w.start().toEpochMilli();
                        if (st < from || st >= to || !q.siteId().isEmpty() && !q.siteId().equals(w.siteId())) {
                            continue;
                        }
                        int bucket = b.find(st);
                        if (bucket < 0) {
                            continue;
                        }
                        boolean counted = w.counted();
                        for (var key : keys(q, ser, w.siteId(), b.local().get(bucket), meterTags)) {
                            groups.computeIfAbsent(key, x -> new Acc()).add(counted ? w.amountNano() : 0,
                                    counted ? w.co2eMicrograms() : 0, counted ? 1 : 0, counted ? 0 : 1,
                                    WindowBlockCodec.flagBits(w.flags()), w.quality().ordinal());
                        }
                    }
                }
            }
        }
    }

    /** The window series the query's meter, scope and method filters select. */
    private Map<Integer, WindowSeries> series(Connection c, TotalsQuery q) throws SQLException {
        var sql = new StringBuilder("SELECT " + WindowReads.SERIES_COLUMNS + " FROM " + s + ".window_series ws "
                + "WHERE TRUE");
        if (!q.meterIds().isEmpty()) {
            sql.append(" AND ws.meter_id = ANY(?)");
        }
        q.scope().ifPresent(x -> sql.append(" AND ws.scope = ").append(x.ordinal()));
        q.method().ifPresent(x -> sql.append(" AND ws.method = ").append(x.ordinal()));
        var out = new HashMap<Integer, WindowSeries>();
        try (var ps = c.prepareStatement(sql.toString())) {
            if (!q.meterIds().isEmpty()) {
                ps.setArray(1, c.createArrayOf("text", q.meterIds().toArray()));
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    SeriesTable.row(rs, 1).ifPresent(x -> out.put(x.id(), x));
                }
            }
        }
        return out;
    }

    /**
     * The UTC days with a bucket edge (or the range's ends) inside them: a block of any other day has all its starts
     * in one bucket. Null when there are too many to list (HOUR): then every block is a candidate.
     */
    private static Integer[] cutDays(Buckets b, long from, long to) {
        if (b.starts().length > 4096) {
            return null;
        }
        var days = new java.util.TreeSet<Integer>();
        days.add(WindowReads.day(from));
        days.add(WindowReads.day(to - 1));
        for (long t : b.starts()) {
            if (Math.floorMod(t, WindowBlockCodec.BLOCK_MILLIS) != 0) {
                days.add(WindowReads.day(t));
            }
        }
        return days.toArray(new Integer[0]);
    }

    /** The group keys of a series in a bucket (several for TAG; none when the tag filter leaves the meter out). */
    private static List<List<String>> keys(TotalsQuery q, WindowSeries ser, String site, Instant bucket,
            Map<String, List<String>> meterTags) {
        List<String> tags = meterTags.getOrDefault(ser.meterId(), List.of());
        if (!q.tag().isEmpty() && !tags.contains(q.tag())) {
            return List.of();
        }
        var out = new ArrayList<List<String>>();
        out.add(new ArrayList<>());
        for (var g : q.groupBy()) {
            if (g == GroupBy.TAG) {
                var values = tags.isEmpty() ? List.of("") : tags;
                var next = new ArrayList<List<String>>();
                for (var k : out) {
                    for (var t : values) {
                        var copy = new ArrayList<>(k);
                        copy.add(t);
                        next.add(copy);
                    }
                }
                out = next;
                continue;
            }
            String v = switch (g) {
                case HOUR, DAY, MONTH, YEAR -> TotalsLabels.label(g, bucket, q.zone());
                case METER -> ser.meterId();
                case SITE -> site;
                case QUANTITY -> ser.quantity().name();
                case SCOPE -> ser.scope().name();
                case METHOD -> ser.method().name();
                case TAG -> throw new IllegalStateException();
            };
            out.forEach(k -> k.add(v));
        }
        return out.stream().map(List::copyOf).toList();
    }

    /** Each meter's tags: its tags, department:&lt;d&gt; and tenant:&lt;t&gt;, distinct, in that order. */
    private Map<String, List<String>> meterTags(Connection c) throws SQLException {
        var out = new HashMap<String, List<String>>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT meter_id, tags, department, tenant FROM "
                + s + ".meter")) {
            while (rs.next()) {
                var list = new ArrayList<String>();
                for (var t : rs.getString(2).split(",")) {
                    if (!t.isBlank() && !list.contains(t)) {
                        list.add(t);
                    }
                }
                if (!rs.getString(3).isEmpty()) {
                    list.add("department:" + rs.getString(3));
                }
                if (!rs.getString(4).isEmpty()) {
                    list.add("tenant:" + rs.getString(4));
                }
                out.put(rs.getString(1), List.copyOf(list));
            }
        }
        return out;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

}
