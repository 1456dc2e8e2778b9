package org.gridprint.carbon.ghost;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates the raw properties of an {@code org.gridprint.carbon.asset} configuration; collects every problem. */
public final class AssetParser {

    public static final String PID = "org.gridprint.carbon.asset";

    /** The outcome: a valid asset with its poll period, or the problems (each naming PID, field, value, expectation). */
    public sealed interface Result {
        record Valid(Asset asset, int pollMinutes) implements Result {
        }

        record Invalid(String pid, List<String> problems) implements Result {
        }
    }

    private AssetParser() {
    }

    public static Result parse(Map<String, ?> properties) {
        var pid = text(properties.get("service.pid"));
        if (pid.isEmpty()) {
            pid = PID;
        }
        var problems = new ArrayList<String>();
        var id = text(properties.get("id"));
        if (id.isEmpty() || id.length() > 150) {
            problems.add(pid + ": id = '" + id + "'; expected the asset id (1..150 characters), e.g. 'hq/ahu-3'");
        }
        var site = text(properties.get("site"));
        if (site.isEmpty()) {
            problems.add(pid + ": site is missing; expected the id of the asset's site (org.gridprint.carbon.site)");
        }
        var rated = decimal(pid, properties, "ratedKw", null, "the rated power in kW, a decimal number > 0", problems);
        var mult = decimal(pid, properties, "leakageMultiplier", BigDecimal.ONE,
                "the share of the rated power drawn while unoccupied, a decimal number > 0 (e.g. 0.15)", problems);
        OccupancySchedule schedule = OccupancySchedule.none();
        try {
            schedule = OccupancySchedule.parse(text(properties.get("occupancy")));
        } catch (IllegalArgumentException e) {
            problems.add(pid + ": occupancy = '" + text(properties.get("occupancy")) + "': " + e.getMessage());
        }
        Optional<LocalDate> since = Optional.empty();
        var sinceText = text(properties.get("since"));
        if (!sinceText.isEmpty()) {
            try {
                since = Optional.of(LocalDate.parse(sinceText));
            } catch (DateTimeException e) {
                problems.add(pid + ": since = '" + sinceText + "' is not a date; expected yyyy-MM-dd, e.g. 2026-01-01");
            }
        }
        int poll = 15;
        var pollText = text(properties.get("pollMinutes"));
        if (!pollText.isEmpty()) {
            try {
                poll = Integer.parseInt(pollText);
                if (poll < 1 || poll > 1440) {
                    problems.add(pid + ": pollMinutes = " + poll + " is out of range; expected 1..1440");
                }
            } catch (NumberFormatException e) {
                problems.add(pid + ": pollMinutes = '" + pollText + "' is not a whole number; expected 1..1440");
            }
        }
        if (!problems.isEmpty()) {
            return new Result.Invalid(pid, problems);
        }
        return new Result.Valid(new Asset(pid, id, site, rated, mult, schedule, since), poll);
    }

    private static BigDecimal decimal(String pid, Map<String, ?> properties, String field, BigDecimal dflt,
            String expected, List<String> problems) {
        var raw = properties.get(field);
        var t = text(raw);
        if (t.isEmpty()) {
            if (dflt == null) {
                problems.add(pid + ": " + field + " is missing; expected " + expected);
            }
            return dflt == null ? BigDecimal.ONE : dflt;
        }
        try {
            var v = new BigDecimal(t);
            if (v.signum() <= 0) {
                problems.add(pid + ": " + field + " = " + t + " must be > 0; expected " + expected);
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(pid + ": " + field + " = '" + t + "' is not a number; expected " + expected
                    + ", with '.' as decimal separator");
            return BigDecimal.ONE;
        }
    }

    private static String text(Object raw) {
        return raw == null ? "" : raw.toString().trim();
    }
}
