package org.gridprint.allocation.bills;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridprint.api.allocation.ItemError;

/**
 * Reads the CSV files of this bundle (job stamps, utility bills, meter logs) with Apache Commons CSV: a header line
 * (names trimmed, case-insensitive, a leading byte order mark ignored), then one record per line; blank lines and lines starting with {@code #} are
 * skipped. Each record comes with its 1-based line number in the file (the header is line 1 when it is the first
 * line); a value spanning lines is refused. A file that is not CSV past some line (an unbalanced quote) ends there
 * with one error naming the line. At most {@value #MAX_LINES} lines are read.
 */
public final class CsvLines {

    /** Largest number of lines read from one file. */
    public static final int MAX_LINES = 2_000_000;

    /** One record: its line and its values by lower-case header name (absent columns absent). */
    public record Line(int number, Map<String, String> values, List<String> cells, boolean extraValues) {
        public String get(String column) {
            var v = values.get(column);
            return v == null ? "" : v.trim();
        }
    }

    /** Receives the lines; returning false stops reading. */
    @FunctionalInterface
    public interface LineSink {
        boolean accept(Line line);
    }

    /** How a file ended: the header as written, and file-level errors (bad header, bad CSV) if any. */
    public record Result(List<String> header, List<ItemError> errors, int lines) {
    }

    private CsvLines() {
    }

    /**
     * @param fileName  the file's name, for errors
     * @param required  header names that must be present (lower case)
     * @param expected  the header in words, for errors
     * @param headerCheck when not null, checks the header as written (e.g. a wide layout): an error text or null
     */
    public static Result read(String fileName, Reader csv, Set<String> required, String expected,
            java.util.function.Function<List<String>, String> headerCheck, LineSink sink) {
        var errors = new ArrayList<ItemError>();
        var format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).build();
        List<String> header = null;
        List<String> raw = null;
        int lineNo = 0;
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            var it = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    errors.add(new ItemError(lineNo + 1, "line " + (lineNo + 1), "",
                            "file " + fileName + " is not valid CSV from line " + (lineNo + 1) + " on ("
                                    + reason(e) + "); expected comma-separated values, quotes balanced; the"
                                    + " rest of the file was not read"));
                    break;
                }
                int first = lineNo + 1;
                lineNo = (int) Math.max(parser.getCurrentLineNumber(), first);
                // the parser has consumed the record's line break (if any): a record on one line ends there
                int number = first;
                if (lineNo >= MAX_LINES) {
                    errors.add(new ItemError(number, "line " + number, "", "file " + fileName + " has more than "
                            + MAX_LINES + " lines; expected at most " + MAX_LINES + " (split it); the rest was not"
                            + " read"));
                    break;
                }
                var values = r.values();
                if (values.length == 0 || values.length == 1 && values[0].isEmpty()
                        || values[0].startsWith("#")) {
                    continue;
                }
                boolean multiLine = false;
                for (var v : values) {
                    if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                        multiLine = true;
                    }
                }
                if (header == null) {
                    header = new ArrayList<>();
                    raw = new ArrayList<>();
                    for (int i = 0; i < values.length; i++) {
                        // a spreadsheet's UTF-8 export may begin with a byte order mark
                        var v = (i == 0 && values[i].startsWith("\uFEFF") ? values[i].substring(1) : values[i]).trim();
                        header.add(v.toLowerCase(Locale.ROOT));
                        raw.add(v);
                    }
                    var missing = new ArrayList<String>();
                    for (var need : required) {
                        if (!header.contains(need)) {
                            missing.add(need);
                        }
                    }
                    String problem = !missing.isEmpty() ? "header line " + number + " of " + fileName + " lacks "
                            + String.join(", ", missing.stream().sorted().toList()) + " (it has " + String.join(",",
                                    header) + "); expected " + expected
                            : headerCheck == null ? null : headerCheck.apply(raw);
                    if (problem != null) {
                        errors.add(new ItemError(number, "line " + number, "header", problem));
                        return new Result(raw, errors, lineNo);
                    }
                    continue;
                }
                if (multiLine) {
                    errors.add(new ItemError(number, "line " + number, "", "a quoted value spans lines " + number
                            + ".." + lineNo + "; expected one record per line"));
                    continue;
                }
                var map = new LinkedHashMap<String, String>();
                for (int i = 0; i < values.length && i < header.size(); i++) {
                    map.put(header.get(i), values[i]);
                }
                if (!sink.accept(new Line(number, map, List.of(values), values.length > header.size()))) {
                    break;
                }
            }
        } catch (IOException e) {
            errors.add(new ItemError(lineNo + 1, "line " + (lineNo + 1), "", "file " + fileName
                    + " could not be read from line " + (lineNo + 1) + " on (" + reason(e) + ")"));
        }
        if (header == null && errors.isEmpty()) {
            errors.add(new ItemError(1, "line 1", "header", "file " + fileName + " is empty; expected a header line "
                    + expected + " and one line per item"));
        }
        return new Result(raw == null ? List.of() : raw, errors, lineNo);
    }

    private static String reason(Exception e) {
        var m = e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            m = e.getCause().getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("[\\r\\n]+", " ");
    }
}
