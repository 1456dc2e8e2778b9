package org.gridprint.export.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 output: comma-separated, CRLF line ends, fields quoted only when they need it. */
final class Csv {

    static final String LINE_END = "\r\n";

    private Csv() {
    }

    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (var i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write(LINE_END);
    }

    /** The field as written: quoted (inner quotes doubled) if it holds a comma, quote, CR, LF or edge spaces. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        var needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0 || (!value.isEmpty()
                        && (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))));
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
