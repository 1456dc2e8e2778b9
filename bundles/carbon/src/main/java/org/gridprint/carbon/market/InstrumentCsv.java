package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.carbon.Instrument;
import org.gridprint.carbon.csv.CsvLine;

/**
 * Parses an instruments file ({@code etc/gridprint/instruments/*.csv}): lines starting with {@code #} and blank lines
 * are ignored; the first other line is the header naming the columns (any order, case-insensitive):
 * {@code id,type,mwh,vintageFrom,vintageTo,market} (required) and {@code trackingSystem,retirementId,site,
 * gramsPerKwh,source} (optional). Fields may be quoted with {@code "} (a quote inside doubled). Every problem names
 * the file, the line, the field, the value and what is expected; a bad row never stops the others.
 */
public final class InstrumentCsv {

    static final List<String> REQUIRED = List.of("id", "type", "mwh", "vintagefrom", "vintageto", "market");
    static final Set<String> KNOWN = Set.of("id", "type", "mwh", "vintagefrom", "vintageto", "market",
            "trackingsystem", "retirementid", "site", "gramsperkwh", "source");

    /** A parsed row and where it came from. */
    public record Row(String file, int line, Instrument instrument) {
    }

    /** The rows that could be read and the problems of the others. */
    public record Parsed(List<Row> rows, List<String> problems) {
    }

    private InstrumentCsv() {
    }

    public static Parsed parse(String file, List<String> lines) {
        var rows = new ArrayList<Row>();
        var problems = new ArrayList<String>();
        Map<String, Integer> columns = null;
        int headerSize = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            var line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> cells;
            try {
                cells = split(line);
            } catch (IllegalArgumentException e) {
                problems.add(file + " line " + lineNo + ": " + e.getMessage());
                continue;
            }
            if (columns == null) {
                columns = new HashMap<>();
                headerSize = cells.size();
                for (int c = 0; c < cells.size(); c++) {
                    var name = cells.get(c).trim().toLowerCase(Locale.ROOT);
                    if (!KNOWN.contains(name)) {
                        problems.add(file + " line " + lineNo + ": column '" + cells.get(c).trim() + "' is not known;"
                                + " expected id, type, mwh, vintageFrom, vintageTo, market, trackingSystem,"
                                + " retirementId, site, gramsPerKwh, source");
                    }
                    columns.put(name, c);
                }
                for (var r : REQUIRED) {
                    if (!columns.containsKey(r)) {
                        problems.add(file + " line " + lineNo + ": the header lacks column '" + r
                                + "'; expected a header such as id,type,mwh,vintageFrom,vintageTo,market,"
                                + "trackingSystem,retirementId,site,gramsPerKwh,source");
                        return new Parsed(rows, problems);
                    }
                }
                continue;
            }
            var where = file + " line " + lineNo;
            if (cells.size() > headerSize) {
                problems.add(where + ": has " + cells.size() + " fields but the header names " + headerSize
                        + "; expected one field per column (quote a text that contains a comma; decimals take '.')");
                continue;
            }
            var rowProblems = new ArrayList<String>();
            var cols = columns;
            java.util.function.Function<String, String> cell = name -> {
                var c = cols.get(name);
                return c == null || c >= cells.size() ? "" : cells.get(c).trim();
            };
            var mwh = decimal(cell.apply("mwh"), "mwh", "the quantity in MWh, e.g. 120 or 12.5", rowProblems);
            var grams = cell.apply("gramsperkwh").isEmpty() ? BigDecimal.ZERO
                    : decimal(cell.apply("gramsperkwh"), "gramsPerKwh", "the rate in g CO2e/kWh (0 for renewable"
                            + " certificates)", rowProblems);
            var from = date(cell.apply("vintagefrom"), "vintageFrom", rowProblems);
            var to = date(cell.apply("vintageto"), "vintageTo", rowProblems);
            var id = cell.apply("id");
            if (id.isEmpty()) {
                rowProblems.add("id is empty; expected the tracking-system certificate id or contract id");
            }
            if (rowProblems.isEmpty()) {
                try {
                    var in = InstrumentText.validate(new Instrument(id, cell.apply("type"), mwh, from, to,
                            cell.apply("market"), cell.apply("trackingsystem"), cell.apply("retirementid"),
                            cell.apply("site"), grams, cell.apply("source")));
                    rows.add(new Row(file, lineNo, in));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            } else {
                problems.add(where + " (instrument '" + id + "'): " + String.join("; ", rowProblems));
            }
        }
        if (columns == null) {
            problems.add(file + ": no header line; expected id,type,mwh,vintageFrom,vintageTo,market,...");
        }
        return new Parsed(rows, problems);
    }

    private static BigDecimal decimal(String v, String field, String expected, List<String> problems) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            problems.add(field + " = '" + v + "' is not a number; expected " + expected + " with '.' as decimal"
                    + " separator");
            return BigDecimal.ONE;
        }
    }

    private static LocalDate date(String v, String field, List<String> problems) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            problems.add(field + " = '" + v + "' is not a date; expected yyyy-MM-dd, e.g. 2026-01-01");
            return LocalDate.EPOCH;
        }
    }

    /** Splits one CSV line ({@link CsvLine}: commas, optional double quotes, a doubled quote is a quote). */
    static List<String> split(String line) {
        return CsvLine.split(line).orElseThrow(() -> new IllegalArgumentException(
                "a quoted field is not closed; expected a closing '\"'"));
    }
}
