package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * People present on some days between two times of day in the site's zone ({@code Finance:40 Mon-Fri 07:00-19:00}).
 * A window's weight is people × the seconds of the window inside the schedule.
 *
 * @param firstDay    first day of the week of the schedule
 * @param lastDay     last day (inclusive; {@code Fri-Mon} wraps over the weekend)
 * @param startMinute minute of the day it starts (0..1439)
 * @param endMinute   minute of the day it ends, after the start (1..1440; 1440 = 24:00)
 */
public record OccupancyKey(String target, BigDecimal people, DayOfWeek firstDay, DayOfWeek lastDay, int startMinute,
        int endMinute) {

    public OccupancyKey {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(people, "people");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        if (startMinute < 0 || endMinute > 1440 || endMinute <= startMinute) {
            throw new IllegalArgumentException("occupancy of " + target + ": the time range must end after it starts"
                    + " within a day");
        }
    }

    boolean onDay(DayOfWeek d) {
        int f = firstDay.getValue();
        int l = lastDay.getValue();
        int v = d.getValue();
        return f <= l ? v >= f && v <= l : v >= f || v <= l;
    }

    /** Seconds of {@code [from, to)} inside the schedule, wall-clock times in {@code zone} (DST days as they fall). */
    long secondsInside(Instant from, Instant to, ZoneId zone) {
        long total = 0;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (int guard = 0; !day.isAfter(last) && guard < 400; day = day.plusDays(1), guard++) {
            if (!onDay(day.getDayOfWeek())) {
                continue;
            }
            // wall-clock times of that day (on the fall-back day 01:00-02:00 lasts two hours)
            var start = ZonedDateTime.of(day, LocalTime.of(startMinute / 60, startMinute % 60), zone).toInstant();
            var end = endMinute == 1440 ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(day, LocalTime.of(endMinute / 60, endMinute % 60), zone).toInstant();
            var a = start.isAfter(from) ? start : from;
            var b = end.isBefore(to) ? end : to;
            if (b.isAfter(a)) {
                total += b.getEpochSecond() - a.getEpochSecond();
            }
        }
        return total;
    }

    String text() {
        return target + ":" + people.toPlainString() + " " + day(firstDay) + (firstDay == lastDay ? "" : "-"
                + day(lastDay)) + " " + time(startMinute) + "-" + time(endMinute);
    }

    static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    static String day(DayOfWeek d) {
        return DAYS[d.getValue() - 1];
    }

    static String time(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
}
