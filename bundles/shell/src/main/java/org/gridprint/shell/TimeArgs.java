package org.gridprint.shell;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the time arguments of the commands: ISO instants ({@code 2026-11-25T10:00:00Z}, also with an offset
 * {@code +01:00}), ISO dates ({@code 2026-11-25}, meaning midnight in the command's zone: UTC unless the command
 * has {@code --zone}) and relative spans ({@code 15m}, {@code 1h}, {@code 7d}). Errors name the argument and what
 * is expected.
 */
public final class TimeArgs {

    static final String INSTANT_EXPECTED = "an ISO instant (2026-11-25T10:00:00Z) or an ISO date (2026-11-25, ";
    static final String SPAN_EXPECTED = "a positive span: a whole number and a unit s, m, h, d or w (15m, 1h, 7d)";
    private static final Pattern SPAN = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    private TimeArgs() {
    }

    /** A period: {@code from <= t < to}. */
    public record Period(Instant from, Instant to) {
        public Period {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
            }
        }

        /** {@code from <= t < to}. */
        public boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    /** An instant; a date means UTC midnight. */
    public static Instant parseInstant(String argument, String text) {
        return parseInstant(argument, text, ZoneOffset.UTC);
    }

    /** An instant; a date means midnight in {@code zone} (the first instant of that day there). */
    public static Instant parseInstant(String argument, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(argument + ": missing value; expected " + instantExpected(zone));
        }
        var t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(Locale.ROOT));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(argument + ": '" + text + "' is not a time; expected "
                    + instantExpected(zone));
        }
    }

    private static String instantExpected(ZoneId zone) {
        return INSTANT_EXPECTED + (zone.normalized().equals(ZoneOffset.UTC) ? "UTC midnight)" : "midnight in " + zone + ")");
    }

    public static Duration parseSpan(String argument, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(argument + ": missing value; expected " + SPAN_EXPECTED);
        }
        var m = SPAN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(argument + ": '" + text + "' is not a span; expected " + SPAN_EXPECTED);
        }
        long n = Long.parseLong(m.group(1));
        var span = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (span.isZero()) {
            throw new IllegalArgumentException(argument + ": '" + text + "' is zero; expected " + SPAN_EXPECTED);
        }
        return span;
    }

    /** An IANA zone id ({@code UTC}, {@code Europe/Berlin}) or an offset ({@code +01:00}); null or blank is UTC. */
    public static ZoneId parseZone(String argument, String text) {
        if (text == null || text.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(argument + ": '" + text + "' is not a time zone; expected an IANA zone id "
                    + "(UTC, Europe/Berlin, America/New_York) or an offset (+01:00)");
        }
    }

    /**
     * Resolves {@code --from/--to/--last} into a period. {@code --last} counts back from {@code now} and
     * cannot be combined with {@code --from}; {@code --to} defaults to now, {@code --from} to
     * {@code to - defaultLast}.
     */
    public static Period period(String from, String to, String last, Instant now, Duration defaultLast) {
        return period(from, to, last, now, defaultLast, ZoneOffset.UTC);
    }

    /** As {@link #period(String, String, String, Instant, Duration)}; dates mean midnight in {@code zone}. */
    public static Period period(String from, String to, String last, Instant now, Duration defaultLast, ZoneId zone) {
        if (last != null && from != null) {
            throw new IllegalArgumentException("--last " + last + " and --from " + from
                    + " cannot be combined; expected either --last <span> or --from <time> [--to <time>]");
        }
        var end = to == null ? now : parseInstant("--to", to, zone);
        if (last != null) {
            return new Period(end.minus(parseSpan("--last", last)), end);
        }
        var start = from == null ? end.minus(defaultLast) : parseInstant("--from", from, zone);
        return new Period(start, end);
    }
}
