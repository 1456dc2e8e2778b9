package org.gridprint.allocation.jobs;

import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gridprint.allocation.bills.CsvLines;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;

/**
 * Parses a job stamp file: header {@code machine,job,kind,at,product,quantity} (any order; product and quantity may
 * be left out), {@code kind} START or STOP, {@code at} ISO-8601 with an offset ({@code 2026-11-03T06:00:00Z},
 * {@code 2026-11-03T07:00:00+01:00}), {@code quantity} the units produced (STOP), blank = 0. Each stamp carries its
 * line number; a line that does not parse is an error naming the line, the field and what is expected. A file of more
 * than {@link JobService#MAX_BATCH} stamps is refused whole (a START and its STOP may be far apart in it).
 */
final class JobCsv {

    static final String HEADER = "machine,job,kind,at,product,quantity";

    record NumberedStamp(int line, JobStamp stamp) {
    }

    record Parsed(List<NumberedStamp> stamps, List<ItemError> errors) {
    }

    private JobCsv() {
    }

    static Parsed parse(String fileName, Reader csv) {
        var stamps = new ArrayList<NumberedStamp>();
        var errors = new ArrayList<ItemError>();
        var source = "file:" + fileName;
        int[] tooMany = {0};
        var result = CsvLines.read(fileName, csv, Set.of("machine", "job", "kind", "at"), HEADER, null, line -> {
            var item = "line " + line.number();
            if (line.extraValues()) {
                errors.add(new ItemError(line.number(), item, "", "more values than the header has columns; expected "
                        + HEADER));
                return true;
            }
            var kindText = line.get("kind").toUpperCase(Locale.ROOT);
            JobStamp.Kind kind;
            try {
                kind = JobStamp.Kind.valueOf(kindText);
            } catch (IllegalArgumentException e) {
                errors.add(new ItemError(line.number(), item, "kind", "kind '" + line.get("kind")
                        + "'; expected START or STOP"));
                return true;
            }
            var at = instant(line.get("at"));
            if (at == null) {
                errors.add(new ItemError(line.number(), item, "at", "at '" + line.get("at") + "' is not a time;"
                        + " expected ISO-8601 with an offset, e.g. 2026-11-03T06:00:00Z or 2026-11-03T07:00:00+01:00"));
                return true;
            }
            double quantity = 0;
            var q = line.get("quantity");
            if (!q.isEmpty()) {
                try {
                    quantity = Double.parseDouble(q);
                } catch (NumberFormatException e) {
                    quantity = Double.NaN;
                }
                if (Double.isNaN(quantity) || Double.isInfinite(quantity) || quantity < 0) {
                    errors.add(new ItemError(line.number(), item, "quantity", "quantity '" + q + "'; expected the units"
                            + " produced, a number >= 0 (e.g. 120 or 12.5)"));
                    return true;
                }
            }
            if (stamps.size() == JobService.MAX_BATCH) {
                tooMany[0] = line.number();
                return false;
            }
            stamps.add(new NumberedStamp(line.number(), new JobStamp(line.get("machine"), line.get("job"), kind, at,
                    line.get("product"), quantity, source)));
            return true;
        });
        if (tooMany[0] > 0) {
            return new Parsed(List.of(), List.of(new ItemError(tooMany[0], "line " + tooMany[0], "", "file " + fileName
                    + " holds more than " + JobService.MAX_BATCH + " stamps; expected at most " + JobService.MAX_BATCH
                    + " per file (split it); nothing of it was stored")));
        }
        var all = new ArrayList<ItemError>(result.errors());
        all.addAll(errors);
        return new Parsed(stamps, all);
    }

    static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
