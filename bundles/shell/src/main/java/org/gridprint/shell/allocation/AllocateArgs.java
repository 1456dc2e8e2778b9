package org.gridprint.shell.allocation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import org.gridprint.shell.TimeArgs;

/** The period of {@code gridprint:allocate}: {@code --period 2026-11} (a month), {@code 2026} or a day, or --from/--to. */
final class AllocateArgs {

    record Period(Instant from, Instant to, String label) {
    }

    private AllocateArgs() {
    }

    static Period period(String period, String from, String to, ZoneId zone) {
        if (period != null && (from != null || to != null)) {
            throw new IllegalArgumentException("--period " + period + " cannot be combined with --from/--to; expected"
                    + " one of them");
        }
        if (period != null) {
            var t = period.trim();
            try {
                if (t.matches("\\d{4}-\\d{2}")) {
                    var m = YearMonth.parse(t);
                    return new Period(m.atDay(1).atStartOfDay(zone).toInstant(),
                            m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), t);
                }
                if (t.matches("\\d{4}")) {
                    int y = Integer.parseInt(t);
                    return new Period(LocalDate.of(y, 1, 1).atStartOfDay(zone).toInstant(),
                            LocalDate.of(y + 1, 1, 1).atStartOfDay(zone).toInstant(), t);
                }
                if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    var d = LocalDate.parse(t);
                    return new Period(d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant(), t);
                }
            } catch (DateTimeException e) {
                // reported below
            }
            throw new IllegalArgumentException("--period: '" + period + "' is not a period; expected a month 2026-11,"
                    + " a year 2026 or a day 2026-11-05 (cut in the site's time zone " + zone + ")");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("missing period; expected --period 2026-11 or --from and --to (dates"
                    + " 2026-11-01 meaning midnight in " + zone + ", or instants 2026-11-01T00:00:00Z)");
        }
        var f = TimeArgs.parseInstant("--from", from, zone);
        var e = TimeArgs.parseInstant("--to", to, zone);
        if (!e.isAfter(f)) {
            throw new IllegalArgumentException("--to " + to + " must be after --from " + from);
        }
        return new Period(f, e, from.trim() + " .. " + to.trim());
    }
}
