package org.gridprint.carbon.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits one line of the carbon bundle's CSV files (factor files, instruments files): fields separated by commas, a
 * field optionally in double quotes (a quote may follow white space only; {@code ""} inside quotes is one quote; a
 * field is quoted at most once, a later quote is text). A quoted field cannot span lines. Each file's reader adds its
 * own header rules and messages.
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** The fields of one line, untrimmed, or empty when a quoted field is not closed on the line. */
    public static Optional<List<String>> split(String line) {
        var out = new ArrayList<String>();
        var sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"' && sb.toString().isBlank() && !wasQuoted) {
                sb.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
                wasQuoted = false;
            } else {
                sb.append(c);
            }
        }
        if (quoted) {
            return Optional.empty();
        }
        out.add(sb.toString());
        return Optional.of(out);
    }
}
