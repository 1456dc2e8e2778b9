package org.gridprint.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import org.gridprint.api.store.TotalsQuery.GroupBy;

/**
 * The time buckets of store-side totals (api TotalsQuery), shared by the backends so that their group labels agree:
 * HOUR {@code 2026-01-31T22:00-05:00} (local hour with its offset, unambiguous across a DST change), DAY
 * {@code 2026-01-31}, MONTH {@code 2026-01}, YEAR {@code 2026}, all in the query's zone.
 */
public final class TotalsLabels {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmXXX");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("uuuu");

    private TotalsLabels() {
    }

    /** Whether {@code g} is a time bucket. */
    public static boolean isTime(GroupBy g) {
        return g == GroupBy.HOUR || g == GroupBy.DAY || g == GroupBy.MONTH || g == GroupBy.YEAR;
    }

    /** The label of the bucket holding {@code start}. */
    public static String label(GroupBy g, Instant start, ZoneId zone) {
        var t = start.atZone(zone);
        return switch (g) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS).format(HOUR);
            case DAY -> t.format(DAY);
            case MONTH -> t.format(MONTH);
            case YEAR -> t.format(YEAR);
            default -> throw new IllegalArgumentException(g + " is not a time bucket");
        };
    }

    /** The start of the bucket holding {@code at}. */
    public static Instant bucketStart(GroupBy g, Instant at, ZoneId zone) {
        var t = at.atZone(zone);
        ZonedDateTime s = switch (g) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.firstDayOfMonth());
            case YEAR -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.firstDayOfYear());
            default -> throw new IllegalArgumentException(g + " is not a time bucket");
        };
        return s.toInstant();
    }

    /** The start of the bucket after the one starting at {@code bucketStart}. */
    public static Instant nextBucket(GroupBy g, Instant bucketStart, ZoneId zone) {
        var t = bucketStart.atZone(zone);
        ZonedDateTime n = switch (g) {
            case HOUR -> t.plusHours(1);
            case DAY -> t.toLocalDate().plusDays(1).atStartOfDay(zone);
            case MONTH -> t.toLocalDate().plusMonths(1).atStartOfDay(zone);
            case YEAR -> t.toLocalDate().plusYears(1).atStartOfDay(zone);
            default -> throw new IllegalArgumentException(g + " is not a time bucket");
        };
        return n.toInstant();
    }
}
