package org.gridprint.shell.allocation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;

/**
 * The days {@code [from, to)} of {@code --period 2026-11} (a month), {@code 2026} (a year), {@code 2026-11-05} (a
 * day), or {@code --from 2026-11-01 --to 2026-12-01}; without any of them, the current month. Days are cut in each
 * site's zone by the service.
 */
record AuditPeriod(LocalDate from, LocalDate to) {

    static AuditPeriod parse(String period, String from, String to, LocalDate today) {
        if (period != null && (from != null || to != null)) {
            throw new IllegalArgumentException("--period " + period + " cannot be combined with --from/--to; expected"
                    + " one of them");
        }
        if (period != null) {
            var p = period.trim();
            try {
                if (p.matches("\\d{4}")) {
                    var y = Year.parse(p);
                    return new AuditPeriod(y.atDay(1), y.plusYears(1).atDay(1));
                }
                if (p.matches("\\d{4}-\\d{2}")) {
                    var m = YearMonth.parse(p);
                    return new AuditPeriod(m.atDay(1), m.plusMonths(1).atDay(1));
                }
                if (p.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    var d = LocalDate.parse(p);
                    return new AuditPeriod(d, d.plusDays(1));
                }
            } catch (DateTimeException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("--period '" + period + "' is not a period; expected a month 2026-11, a"
                    + " year 2026 or a day 2026-11-05");
        }
        if (from != null || to != null) {
            var f = from == null ? null : date("--from", from);
            var t = to == null ? null : date("--to", to);
            if (f == null) {
                f = t.minusMonths(1);
            }
            if (t == null) {
                t = today.plusDays(1);
            }
            if (!t.isAfter(f)) {
                throw new IllegalArgumentException("--to " + t + " must be after --from " + f);
            }
            return new AuditPeriod(f, t);
        }
        var m = YearMonth.from(today);
        return new AuditPeriod(m.atDay(1), m.plusMonths(1).atDay(1));
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date; expected YYYY-MM-DD, e.g."
                    + " 2026-11-01 (midnight in the site's time zone)");
        }
    }
}
