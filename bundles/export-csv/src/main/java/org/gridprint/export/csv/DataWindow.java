package org.gridprint.export.csv;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.gridprint.api.store.HeldSpan;

/**
 * The part of an export period that can hold data, from the span of readings the store holds. An export never
 * walks a period the store has no data for (a period of 1970 to 9999 read in 31-day windows was 94,000 queries per
 * meter), and a period that contains all the data held and reaches more than {@link #SLACK} beyond it on either
 * side is refused, naming the data held, as an empty store is: both are almost always a typing error.
 */
final class DataWindow {

    /** How far a period may reach beyond the data held on a side without being refused. */
    static final Duration SLACK = Duration.ofDays(1);

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    /**
     * What to read: {@code from <= t < to}; empty when the period and the data held do not overlap.
     */
    record Range(Instant from, Instant to) {

        boolean isEmpty() {
            return !from.isBefore(to);
        }
    }

    private DataWindow() {
    }

    /**
     * @param from period start (inclusive)
     * @param to   period end (exclusive)
     * @param held the span of readings the store holds, empty when it holds none
     * @throws IllegalStateException    when the store holds no readings
     * @throws IllegalArgumentException when the period holds all the data and reaches more than a day beyond it
     */
    static Range clip(Instant from, Instant to, Optional<HeldSpan> held) {
        if (held.isEmpty()) {
            throw new IllegalStateException("the store holds no readings yet, so there is nothing to export");
        }
        var first = held.get().first();
        var last = held.get().last();
        var containsAll = !from.isAfter(first) && to.isAfter(last);
        var reachesBeyond = Duration.between(from, first).compareTo(SLACK) > 0
                || Duration.between(last, to).compareTo(SLACK) > 0;
        if (containsAll && reachesBeyond) {
            throw new IllegalArgumentException("export period " + MINUTE.format(from) + " .. " + MINUTE.format(to)
                    + " reaches far beyond the data held: " + describe(held.get()));
        }
        var readFrom = from.isAfter(first) ? from : first;
        var end = last.plusMillis(1); // readings are kept at millisecond precision
        var readTo = to.isBefore(end) ? to : end;
        return new Range(readFrom, readTo.isBefore(readFrom) ? readFrom : readTo);
    }

    /**
     * "the store holds readings from 2026-11-25T09:00Z to 2026-12-06T10:14Z; choose --from/--to within that, e.g.
     * --from 2026-11-25 --to 2026-12-07".
     */
    static String describe(HeldSpan held) {
        var fromDay = held.first().truncatedTo(ChronoUnit.DAYS);
        var toDay = held.last().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return "the store holds readings from " + MINUTE.format(held.first()) + " to " + MINUTE.format(held.last())
                + "; choose --from/--to within that, e.g. --from " + DAY.format(fromDay) + " --to " + DAY.format(toDay);
    }
}
