package org.gridprint.allocation.tariff;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A time-of-use band: the days it applies on and the minutes of the day {@code [fromMinute, toMinute)} (0..1440) in
 * the tariff's time zone, and its price per kWh.
 */
public record Band(String name, Set<DayOfWeek> days, int fromMinute, int toMinute, BigDecimal rate) {

    public Band {
        Objects.requireNonNull(name, "name");
        days = Set.copyOf(days);
        Objects.requireNonNull(rate, "rate");
    }

    boolean covers(DayOfWeek day, int minute) {
        return days.contains(day) && minute >= fromMinute && minute < toMinute;
    }

    boolean overlaps(Band o) {
        return days.stream().anyMatch(o.days::contains) && fromMinute < o.toMinute && o.fromMinute < toMinute;
    }

    /** The canonical form: {@code name days hh:mm-hh:mm rate}, days as sorted three-letter names. */
    String text() {
        var d = days.stream().sorted().map(x -> x.name().substring(0, 3).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("+"));
        return name + " " + d + " " + hhmm(fromMinute) + "-" + hhmm(toMinute) + " " + rate.toPlainString();
    }

    static String hhmm(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
}
