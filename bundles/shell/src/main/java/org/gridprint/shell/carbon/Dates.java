package org.gridprint.shell.carbon;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Calendar dates of instruments and offsets: {@code 2026-03-31}, or a year {@code 2026} (its first or last day). */
final class Dates {

    private Dates() {
    }

    static LocalDate date(String option, String text, boolean endOfYear) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": missing; expected a date 2026-03-31 or a year 2026");
        }
        var t = text.trim();
        try {
            if (t.matches("\\d{4}")) {
                int year = Integer.parseInt(t);
                return endOfYear ? LocalDate.of(year, 12, 31) : LocalDate.of(year, 1, 1);
            }
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a date; expected a date 2026-03-31 or"
                    + " a year 2026");
        }
    }
}
