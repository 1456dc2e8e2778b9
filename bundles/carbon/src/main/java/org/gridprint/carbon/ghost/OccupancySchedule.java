package org.gridprint.carbon.ghost;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a static asset's building is occupied, in the site's local time: entries separated by {@code ;}, each
 * {@code <days> <HH:mm>-<HH:mm>}, where days are one day ({@code Sat}), a range ({@code Mon-Fri}, wrapping allowed:
 * {@code Fri-Mon}) or {@code daily}; {@code 24:00} ends at midnight; an end before the start runs over midnight
 * ({@code Fri 22:00-06:00} is Friday 22:00 to Saturday 06:00). Empty or {@code none}: never occupied.
 * Example: {@code Mon-Fri 07:00-19:00; Sat 08:00-12:00}.
 * <p>
 * Local times are turned into instants with the zone's rules ({@link ZonedDateTime#of}): on the spring-forward day
 * an hour does not exist and is neither occupied nor unoccupied; on the fall-back day the repeated hour counts twice
 * as real time. Durations are always real (UTC) time.
 */
public final class OccupancySchedule {

    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat",
            DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private static final LocalTime MIDNIGHT = LocalTime.MIDNIGHT;

    /** One entry: days, and a local start and end (end null = midnight at the end of the day). */
    private record Entry(Set<DayOfWeek> days, LocalTime from, LocalTime to, boolean overnight) {
    }

    private final String text;
    private final List<Entry> entries;

    private OccupancySchedule(String text, List<Entry> entries) {
        this.text = text;
        this.entries = List.copyOf(entries);
    }

    /** Never occupied. */
    public static OccupancySchedule none() {
        return new OccupancySchedule("", List.of());
    }

    /**
     * Parses a schedule.
     *
     * @throws IllegalArgumentException naming the entry and what is expected
     */
    public static OccupancySchedule parse(String text) {
        var t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("none")) {
            return none();
        }
        var entries = new ArrayList<Entry>();
        for (var raw : t.split(";")) {
            var entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            var parts = entry.split("\\s+");
            if (parts.length != 2) {
                throw bad(entry, "expected '<days> <HH:mm>-<HH:mm>', e.g. 'Mon-Fri 07:00-19:00'");
            }
            var days = days(entry, parts[0]);
            var times = parts[1].split("-");
            if (times.length != 2) {
                throw bad(entry, "expected the hours as '<HH:mm>-<HH:mm>', e.g. '07:00-19:00'");
            }
            var from = time(entry, times[0], false);
            var to = time(entry, times[1], true);
            if (from.equals(to) && !times[1].trim().equals("24:00")) {
                throw bad(entry, "the start equals the end; expected an end after the start ('24:00' for midnight)");
            }
            boolean overnight = !to.equals(MIDNIGHT) && to.isBefore(from);
            entries.add(new Entry(days, from, to, overnight));
        }
        return new OccupancySchedule(t, entries);
    }

    /** The schedule as configured. */
    public String text() {
        return text;
    }

    /** Milliseconds of {@code [from, to)} that are occupied in {@code zone}. */
    public long occupiedMillis(Instant from, Instant to, ZoneId zone) {
        if (!to.isAfter(from) || entries.isEmpty()) {
            return 0;
        }
        var spans = new ArrayList<long[]>();
        var first = from.atZone(zone).toLocalDate().minusDays(1);
        var last = to.atZone(zone).toLocalDate();
        for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (var e : entries) {
                if (!e.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                long s = ZonedDateTime.of(day, e.from(), zone).toInstant().toEpochMilli();
                LocalDate endDay = e.overnight() || e.to().equals(MIDNIGHT) ? day.plusDays(1) : day;
                long en = ZonedDateTime.of(endDay, e.to(), zone).toInstant().toEpochMilli();
                long a = Math.max(s, from.toEpochMilli());
                long b = Math.min(en, to.toEpochMilli());
                if (b > a) {
                    spans.add(new long[] {a, b});
                }
            }
        }
        spans.sort((x, y) -> Long.compare(x[0], y[0]));
        long total = 0;
        long curStart = Long.MIN_VALUE;
        long curEnd = Long.MIN_VALUE;
        for (var s : spans) {
            if (s[0] > curEnd) {
                if (curEnd > curStart) {
                    total += curEnd - curStart;
                }
                curStart = s[0];
                curEnd = s[1];
            } else {
                curEnd = Math.max(curEnd, s[1]);
            }
        }
        if (curEnd > curStart) {
            total += curEnd - curStart;
        }
        return total;
    }

    /** Milliseconds of {@code [from, to)} that are not occupied. */
    public long unoccupiedMillis(Instant from, Instant to, ZoneId zone) {
        return to.toEpochMilli() - from.toEpochMilli() - occupiedMillis(from, to, zone);
    }

    private static Set<DayOfWeek> days(String entry, String spec) {
        var s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        var out = EnumSet.noneOf(DayOfWeek.class);
        var range = s.split("-");
        if (range.length == 1) {
            out.add(day(entry, range[0]));
        } else if (range.length == 2) {
            var a = day(entry, range[0]);
            var b = day(entry, range[1]);
            for (var d = a; ; d = d.plus(1)) {
                out.add(d);
                if (d == b) {
                    break;
                }
            }
        } else {
            throw bad(entry, "days '" + spec + "' must be one day, a range like Mon-Fri, or daily");
        }
        return out;
    }

    private static DayOfWeek day(String entry, String name) {
        var d = DAYS.get(name.length() >= 3 ? name.substring(0, 3) : name);
        if (d == null) {
            throw bad(entry, "day '" + name + "' is not known; expected Mon, Tue, Wed, Thu, Fri, Sat, Sun");
        }
        return d;
    }

    private static LocalTime time(String entry, String hhmm, boolean end) {
        var t = hhmm.trim();
        if (end && t.equals("24:00")) {
            return MIDNIGHT;
        }
        if (!t.matches("\\d{1,2}:\\d{2}")) {
            throw bad(entry, "time '" + t + "' is not HH:mm" + (end ? " (24:00 for midnight)" : ""));
        }
        var p = t.split(":");
        int h = Integer.parseInt(p[0]);
        int m = Integer.parseInt(p[1]);
        if (h > 23 || m > 59) {
            throw bad(entry, "time '" + t + "' is out of range; expected 00:00 .. 23:59" + (end ? " or 24:00" : ""));
        }
        return LocalTime.of(h, m);
    }

    private static IllegalArgumentException bad(String entry, String expected) {
        return new IllegalArgumentException("occupancy entry '" + entry + "': " + expected);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "none" : text;
    }
}
