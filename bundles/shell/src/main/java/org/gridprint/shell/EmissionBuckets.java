package org.gridprint.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;

/**
 * The rows of {@code gridprint:emissions}: one per emission record ({@code --by interval}) or the records of one
 * meter and accounting method summed per hour, day or month cut in a time zone. An interval belongs to the bucket
 * that contains its start (an interval across midnight counts for the day it started in). The same rule cuts the
 * period: only records with {@code from <= start < to} are shown and totalled ({@link #startingIn}), so an interval
 * across a period boundary is counted in exactly one of two neighbouring periods.
 */
public final class EmissionBuckets {

    /** How rows are cut. */
    public enum By {
        INTERVAL, HOUR, DAY, MONTH;

        static final String EXPECTED = "interval, hour, day or month";

        public static By parse(String text) {
            if (text == null || text.isBlank()) {
                return INTERVAL;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--by: '" + text + "' is not a grouping; expected " + EXPECTED);
            }
        }

        /** The next coarser grouping to suggest when rows were left out, empty after month. */
        String coarser() {
            return this == MONTH ? "" : values()[ordinal() + 1].name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One printed row.
     *
     * @param start     the interval's start, or the bucket's
     * @param end       the interval's end, or the bucket's
     * @param intervals emission records summed in this row
     * @param factors   the distinct factors (value, source, edition, ...) of those records, in order of appearance
     */
    public record Row(String meterId, AccountingMethod method, Instant start, Instant end, int intervals, double kwh,
            double kgCo2e, List<EmissionFactor> factors) {

        public Row {
            factors = List.copyOf(factors);
        }
    }

    /** The rows shown under a limit and how many were left out. */
    public record Page(List<Row> shown, int leftOut) {
    }

    private EmissionBuckets() {
    }

    /**
     * The records whose interval starts in the period ({@code from <= start < to}). The store returns every
     * interval overlapping the period; without this an interval across {@code from} or {@code to} would count in
     * both neighbouring periods.
     */
    public static List<EmissionRecord> startingIn(List<EmissionRecord> records, TimeArgs.Period period) {
        return records.stream().filter(r -> period.contains(r.interval().start())).toList();
    }

    /** Rows ordered by meter, start and method. */
    public static List<Row> rows(List<EmissionRecord> records, By by, ZoneId zone) {
        var groups = new LinkedHashMap<Key, List<EmissionRecord>>();
        for (var r : records) {
            var interval = r.interval();
            var start = by == By.INTERVAL ? interval.start() : bucketStart(interval.start(), by, zone);
            var end = by == By.INTERVAL ? interval.end() : bucketEnd(start, by, zone);
            groups.computeIfAbsent(new Key(interval.meterId(), r.factor().method(), start, end), k -> new ArrayList<>())
                    .add(r);
        }
        var rows = new ArrayList<Row>(groups.size());
        for (Map.Entry<Key, List<EmissionRecord>> g : groups.entrySet()) {
            var kwh = 0.0;
            var kg = 0.0;
            Set<EmissionFactor> factors = new LinkedHashSet<>();
            for (var r : g.getValue()) {
                kwh += r.interval().energy();
                kg += r.kgCo2e();
                factors.add(r.factor());
            }
            var k = g.getKey();
            rows.add(new Row(k.meterId(), k.method(), k.start(), k.end(), g.getValue().size(), kwh, kg,
                    List.copyOf(factors)));
        }
        rows.sort(Comparator.comparing(Row::meterId).thenComparing(Row::start).thenComparing(Row::method));
        return rows;
    }

    /** The start of the hour, day or month (in {@code zone}) that contains {@code t}. */
    static Instant bucketStart(Instant t, By by, ZoneId zone) {
        var local = t.atZone(zone);
        return switch (by) {
            case INTERVAL -> t;
            // on local time, keeping the offset: the repeated hour of a DST fall-back is two buckets
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> local.toLocalDate().atStartOfDay(zone).toInstant();
            case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
        };
    }

    /** The end of the bucket starting at {@code start}: a day or month may be 23 or 25 hours longer or shorter. */
    static Instant bucketEnd(Instant start, By by, ZoneId zone) {
        var local = start.atZone(zone);
        return switch (by) {
            case INTERVAL -> start;
            case HOUR -> local.plusHours(1).toInstant();
            case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case MONTH -> local.toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
        };
    }

    /** At most {@code limit} rows: the newest by start (then meter), kept in the order of {@code rows}. */
    public static Page newest(List<Row> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, 0);
        }
        var keep = new LinkedHashSet<Row>(rows.stream()
                .sorted(Comparator.comparing(Row::start).thenComparing(Row::meterId).reversed()).limit(limit).toList());
        return new Page(rows.stream().filter(keep::contains).toList(), rows.size() - limit);
    }

    /** What to print after the table when rows were left out. */
    public static String leftOutNote(Page page, By by) {
        var coarser = by.coarser();
        return "showing the newest " + page.shown().size() + " rows; " + page.leftOut() + " older rows left out (--limit)"
                + (coarser.isEmpty() ? "; use a shorter period or a meter glob"
                        : "; use --by " + coarser + " for fewer rows");
    }

    /** The g CO2e/kWh cell: the factor, or "2 factors" when the row mixes factors. */
    public static String factorCell(Row row) {
        return row.factors().size() == 1 ? Texts.number(row.factors().get(0).gramsCo2ePerUnit(), 1)
                : row.factors().size() + " factors";
    }

    /** The source / edition cell: of the one factor, or "2 factors: a / 2023; b / 2024". */
    public static String sourceCell(Row row) {
        var sources = row.factors().stream().map(f -> f.source() + " / " + f.edition()).distinct().toList();
        var joined = String.join("; ", sources);
        return row.factors().size() == 1 ? joined : row.factors().size() + " factors: " + joined;
    }

    private record Key(String meterId, AccountingMethod method, Instant start, Instant end) {
    }
}
