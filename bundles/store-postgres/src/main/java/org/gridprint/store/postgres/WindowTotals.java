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

    WindowTotals(Readers readers, String schema) {
        this.readers = readers;
        this.s = schema;
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
        try {
            var where = new StringBuilder(" JOIN " + s + ".window_series ws ON ws.series_id = b.series_id WHERE "
                    + "b.day >= ? AND b.day <= ? AND b.last_start >= ? AND b.first_start < ?");
            if (!q.meterIds().isEmpty()) {
                where.append(" AND ws.meter_id = ANY(?)");
            }
            if (!q.siteId().isEmpty()) {
                where.append(" AND (b.site_id = ? OR b.site_id IS NULL)");
            }
            q.scope().ifPresent(x -> where.append(" AND ws.scope = ").append(x.ordinal()));
            q.method().ifPresent(x -> where.append(" AND ws.method = ").append(x.ordinal()));
            // 1. blocks wholly inside one bucket and the range: PostgreSQL sums their pre-summed columns
            boolean bySite = q.groupBy().contains(GroupBy.SITE) || !q.siteId().isEmpty();
            var whole = "b.first_start >= ? AND b.last_start < ? AND width_bucket(b.first_start, ?::bigint[]) "
                    + "= width_bucket(b.last_start, ?::bigint[])" + (bySite ? " AND b.site_id IS NOT NULL" : "");
            var sql = "SELECT " + WindowReads.SERIES_COLUMNS + ", width_bucket(b.first_start, ?::bigint[]) - 1 AS k, "
                    + "b.site_id, sum(b.amount), sum(b.co2e), sum(b.counted), sum(b.n - b.counted), bit_or(b.flags), "
                    + "max(b.worst) FROM " + s + ".window_block b" + where + " AND " + whole
                    + " GROUP BY ws.series_id, k, b.site_id";
            var bucketStarts = new Long[b.starts().length];
            for (int i = 0; i < bucketStarts.length; i++) {
                bucketStarts[i] = b.starts()[i];
            }
            var thresholds = c.createArrayOf("bigint", bucketStarts);
            try (var ps = c.prepareStatement(sql)) {
                ps.setArray(1, thresholds);
                int p = filters(c, ps, 2, q, from, to);
                ps.setLong(p++, from);
                ps.setLong(p++, to);
                ps.setArray(p++, thresholds);
                ps.setArray(p, thresholds);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var ser = SeriesTable.row(rs, 1);
                        if (ser.isEmpty()) {
                            continue;
                        }
                        int bucket = rs.getInt(6);
                        var site = rs.getString(7);
                        for (var key : keys(q, ser.get(), site, b.local().get(bucket), meterTags)) {
                            groups.computeIfAbsent(key, x -> new Acc()).add(rs.getLong(8), rs.getLong(9),
                                    rs.getLong(10), rs.getLong(11), rs.getInt(12), rs.getInt(13));
                        }
                    }
                }
            }
            // 2. every other block overlapping the range: decoded here; only the UTC days a bucket edge cuts can
            // hold such blocks (all days when there are many edges)
            var cut = cutDays(b, from, to);
            var rest = "SELECT " + WindowReads.SERIES_COLUMNS + ", (SELECT p.payload FROM " + s + ".window_payload p "
                    + "WHERE p.series_id = b.series_id AND p.day = b.day) FROM " + s + ".window_block b" + where + (cut == null ? "" : bySite ? " AND (b.day = ANY(?::int[]) OR b.site_id IS NULL)"
                    : " AND b.day = ANY(?::int[])") + " AND NOT (" + whole + ")";
            try (var ps = c.prepareStatement(rest)) {
                ps.setFetchSize(256);
                int p = filters(c, ps, 1, q, from, to);
                if (cut != null) {
                    ps.setArray(p++, c.createArrayOf("integer", cut));
                }
                ps.setLong(p++, from);
                ps.setLong(p++, to);
                ps.setArray(p++, thresholds);
                ps.setArray(p, thresholds);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var ser = SeriesTable.row(rs, 1);
                        if (ser.isEmpty()) {
                            continue;
                        }
                        for (var h : WindowReads.decodeOrSkip(ser.get(), rs.getBytes(6))) {
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
                            for (var key : keys(q, ser.get(), w.siteId(), b.local().get(bucket), meterTags)) {
                                groups.computeIfAbsent(key, x -> new Acc()).add(counted ? w.amountNano() : 0,
                                        counted ? w.co2eMicrograms() : 0, counted ? 1 : 0, counted ? 0 : 1,
                                        WindowBlockCodec.flagBits(w.flags()), w.quality().ordinal());
                            }
                        }
                    }
                }
            }
        } finally {
            c.rollback();
        }
        var out = new ArrayList<WindowTotal>(groups.size());
        groups.forEach((k, a) -> out.add(new WindowTotal(k, a.amount, a.co2e, a.windows, a.excluded,
                WindowBlockCodec.flags(a.flags), QUALITIES[a.worst])));
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

    private static int filters(Connection c, java.sql.PreparedStatement ps, int p, TotalsQuery q, long from, long to)
            throws SQLException {
        ps.setInt(p++, WindowReads.day(from));
        ps.setInt(p++, WindowReads.day(to - 1));
        ps.setLong(p++, from);
        ps.setLong(p++, to);
        if (!q.meterIds().isEmpty()) {
            ps.setArray(p++, c.createArrayOf("text", q.meterIds().toArray()));
        }
        if (!q.siteId().isEmpty()) {
            ps.setString(p++, q.siteId());
        }
        return p;
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
