package org.gridprint.security.token;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Token lifetimes as operators write them: {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m}, {@code 1d}, or ISO-8601 {@code PT15M}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /** @param what names the field in the error */
    public static Duration parse(String text, String what) {
        var t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(text, what);
            }
        }
        var m = SIMPLE.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw bad(text, what);
        }
        var d = Duration.ZERO;
        try {
            if (m.group(1) != null) {
                d = d.plusDays(Long.parseLong(m.group(1)));
            }
            if (m.group(2) != null) {
                d = d.plusHours(Long.parseLong(m.group(2)));
            }
            if (m.group(3) != null) {
                d = d.plusMinutes(Long.parseLong(m.group(3)));
            }
            if (m.group(4) != null) {
                d = d.plusSeconds(Long.parseLong(m.group(4)));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(text, what);
        }
        return d;
    }

    private static IllegalArgumentException bad(String text, String what) {
        return new IllegalArgumentException(what + " '" + text + "': expected a duration such as 90s, 15m, 1h, "
                + "1h30m, 1d or PT15M");
    }

    /** 15m, 1h, 1h30m, 24h, 90s. */
    public static String format(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return d.toString();
        }
        var sb = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}
