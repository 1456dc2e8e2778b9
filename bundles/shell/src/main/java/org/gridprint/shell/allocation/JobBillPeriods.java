package org.gridprint.shell.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.gridprint.shell.TimeArgs;

/**
 * The periods of gridprint:jobs, gridprint:bills and gridprint:utility-bills: {@code --period} a month
 * ({@code 2026-11}), a day ({@code 2026-11-03}) or a year ({@code 2026}), or {@code --from}/{@code --to}; days are
 * cut in the command's zone. Errors name the option and what is expected.
 */
final class JobBillPeriods {

    static final String PERIOD_EXPECTED = "a month 2026-11, a day 2026-11-03 or a year 2026";

    /** Days {@code [from, to)}. */
    record Days(LocalDate from, LocalDate to) {
        Instant start(ZoneId zone) {
            return from.atStartOfDay(zone).toInstant();
        }

        Instant end(ZoneId zone) {
            return to.atStartOfDay(zone).toInstant();
        }
    }

    private JobBillPeriods() {
    }

    /** {@code --period} or {@code --from}/{@code --to} as dates; neither: the month of {@code today}. */
    static Days days(String period, String from, String to, LocalDate today) {
        if (period != null && (from != null || to != null)) {
            throw new IllegalArgumentException("--period " + period + " and --from/--to cannot be combined; expected"
                    + " one of them");
        }
        if (period != null) {
            return period(period);
        }
        if (from == null && to == null) {
            var m = YearMonth.from(today);
            return new Days(m.atDay(1), m.plusMonths(1).atDay(1));
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException((from == null ? "--from" : "--to") + ": missing; --from and --to go"
                    + " together (dates, --to exclusive: 2026-11-01 .. 2026-12-01)");
        }
        var f = date("--from", from);
        var t = date("--to", to);
        if (!t.isAfter(f)) {
            throw new IllegalArgumentException("--to " + t + " must be after --from " + f + " (--to is exclusive)");
        }
        return new Days(f, t);
    }

    static Days period(String text) {
        var t = text.trim();
        try {
            if (t.matches("\\d{4}")) {
                int y = Integer.parseInt(t);
                return new Days(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                var m = YearMonth.parse(t);
                return new Days(m.atDay(1), m.plusMonths(1).atDay(1));
            }
            var d = LocalDate.parse(t);
            return new Days(d, d.plusDays(1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--period: '" + text + "'; expected " + PERIOD_EXPECTED);
        }
    }

    static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a date; expected an ISO date such as"
                    + " 2026-11-01");
        }
    }

    /** An instant option: ISO instant or date (midnight in {@code zone}). */
    static Instant instant(String option, String text, ZoneId zone) {
        return TimeArgs.parseInstant(option, text, zone);
    }
}
