package org.gridprint.shell.allocation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The days of a statement: {@code --period 2026-11} (a month), {@code --period 2026} (a year), {@code --period
 * 2026-11-05} (a day), or {@code --from 2026-11-01 --to 2026-12-01} (the day after the last). Days are cut in the data
 * center's time zone by the service.
 */
record StatementPeriod(LocalDate from, LocalDate to) {

    static final String EXPECTED = "expected --period 2026-11 (a month), 2026 (a year) or 2026-11-05 (a day), or"
            + " --from 2026-11-01 --to 2026-12-01 (the day after the last)";

    static StatementPeriod parse(String period, String from, String to) {
        var hasPeriod = period != null && !period.isBlank();
        var hasRange = (from != null && !from.isBlank()) || (to != null && !to.isBlank());
        if (hasPeriod && hasRange) {
            throw new IllegalArgumentException("give --period or --from/--to, not both; " + EXPECTED);
        }
        if (hasPeriod) {
            var p = period.trim();
            try {
                if (p.matches("\\d{4}")) {
                    var y = Year.parse(p);
                    return new StatementPeriod(y.atDay(1), y.plusYears(1).atDay(1));
                }
                if (p.matches("\\d{4}-\\d{2}")) {
                    var m = YearMonth.parse(p);
                    return new StatementPeriod(m.atDay(1), m.plusMonths(1).atDay(1));
                }
                var d = LocalDate.parse(p);
                return new StatementPeriod(d, d.plusDays(1));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--period: '" + period + "' is not a period; " + EXPECTED);
            }
        }
        if (!hasRange) {
            throw new IllegalArgumentException("gridprint:statement needs a period; " + EXPECTED);
        }
        var f = date("--from", from);
        var t = date("--to", to);
        if (!t.isAfter(f)) {
            throw new IllegalArgumentException("--to " + t + " must be after --from " + f
                    + " (--to is the day after the last day)");
        }
        return new StatementPeriod(f, t);
    }

    private static LocalDate date(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": missing; " + EXPECTED);
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a date; expected 2026-11-01");
        }
    }
}
