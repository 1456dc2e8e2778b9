package org.gridprint.carbon.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.carbon.csv.CsvLine;

/**
 * A small CSV reader for the factor files: comma-separated, a header line naming the columns, fields optionally in
 * double quotes ({@code ""} inside quotes is one quote), lines starting with {@code #} and blank lines ignored, a
 * leading UTF-8 byte-order mark ignored. A quoted field cannot span lines (lines are split by {@link CsvLine}).
 */
final class Csv {

    /** One data row: its 1-based line number in the file and its fields by column name. */
    record Row(int line, Map<String, String> fields) {
        String get(String column) {
            var v = fields.get(column);
            return v == null ? "" : v.trim();
        }
    }

    /** The rows, or the first syntax problem. */
    record Table(List<String> header, List<Row> rows) {
    }

    private Csv() {
    }

    /**
     * @param where the file's name for messages
     * @throws IllegalArgumentException a syntax error naming {@code where}, the line and what was expected
     */
    static Table parse(String text, String where) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        var lines = text.split("\r?\n", -1);
        List<String> header = null;
        var rows = new ArrayList<Row>();
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            final int lineNumber = i + 1;
            var fields = CsvLine.split(line).orElseThrow(() -> new IllegalArgumentException(where + ", line " + lineNumber
                    + ": unbalanced double quote: expected a quoted field to end on its line"));
            if (header == null) {
                header = new ArrayList<>();
                for (var h : fields) {
                    var name = h.trim();
                    if (header.contains(name)) {
                        throw new IllegalArgumentException(where + ", line " + (i + 1) + ": column '" + name
                                + "' appears twice in the header");
                    }
                    header.add(name);
                }
                continue;
            }
            if (fields.size() > header.size()) {
                throw new IllegalArgumentException(where + ", line " + (i + 1) + ": " + fields.size()
                        + " fields: expected at most " + header.size() + " (the header's columns " + header + ")");
            }
            var map = new HashMap<String, String>();
            for (int c = 0; c < fields.size(); c++) {
                map.put(header.get(c), fields.get(c));
            }
            rows.add(new Row(i + 1, map));
        }
        if (header == null) {
            throw new IllegalArgumentException(where + ": no header line: expected a first line naming the columns");
        }
        return new Table(List.copyOf(header), rows);
    }
}
