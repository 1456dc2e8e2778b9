package org.gridprint.shell;

import java.time.Duration;
import java.time.Instant;

/** Short human durations for tables: {@code 12s}, {@code 4m05s}, {@code 2h10m}, {@code 3d04h}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /** How long ago {@code then} was; a time in the future shows as negative ("-5s"). */
    public static String age(Instant then, Instant now) {
        return format(Duration.between(then, now));
    }
}
