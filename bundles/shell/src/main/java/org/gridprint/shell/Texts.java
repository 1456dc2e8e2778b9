package org.gridprint.shell;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Formatting of values, times and hashes for tables. */
public final class Texts {

    private Texts() {
    }

    /** {@code 2026-11-25T10:00:00Z}: seconds precision, or milliseconds if the instant has them. */
    public static String time(Instant t) {
        if (t == null) {
            return "-";
        }
        // ISO_INSTANT prints the fraction only when there is one
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@code 2026-11-25T10:00:00Z (4m05s ago)}: the time and how long before {@code now} it was. */
    public static String timeAgo(Instant t, Instant now) {
        return time(t) + " (" + Durations.age(t, now) + " ago)";
    }

    /** As {@link #time(Instant)} in UTC; in another zone with its offset: {@code 2026-03-08T00:00:00-05:00}. */
    public static String time(Instant t, ZoneId zone) {
        if (t == null || zone.normalized().equals(ZoneOffset.UTC)) {
            return time(t);
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** At most {@code decimals} decimals, trailing zeros dropped: 12.5, 1234.567, 0. NaN/infinite as such. */
    public static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        var bd = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (bd.signum() == 0) {
            return "0";
        }
        return bd.scale() < 0 ? bd.setScale(0).toPlainString() : bd.toPlainString();
    }

    /** First {@code n} characters of a hash, followed by "…" when cut. */
    public static String shortHash(String hash, int n) {
        if (hash == null) {
            return "-";
        }
        return hash.length() <= n ? hash : hash.substring(0, n) + "…";
    }

    /** Cuts long free text for a table cell. */
    public static String cell(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        var oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }
}
