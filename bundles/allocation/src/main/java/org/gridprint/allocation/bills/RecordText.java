package org.gridprint.allocation.bills;

import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical register text of the records of jobs, utility bills, tariffs and cost bills: one {@code key=value}
 * line per field, keys sorted, {@code \n} after each line. A value never holds a line break (checked here), so the
 * same record always gives the same bytes and parsing is the inverse of formatting.
 */
public final class RecordText {

    private RecordText() {
    }

    /**
     * @throws IllegalArgumentException a key or value with a line break, or a key with '=' (naming the key)
     */
    public static String format(Map<String, String> fields) {
        var sorted = new TreeMap<>(fields);
        var sb = new StringBuilder();
        sorted.forEach((k, v) -> {
            if (k.isEmpty() || k.indexOf('=') >= 0 || hasBreak(k)) {
                throw new IllegalArgumentException("record field name '" + k + "' must be non-empty without '=' or"
                        + " line breaks");
            }
            var value = v == null ? "" : v;
            if (hasBreak(value)) {
                throw new IllegalArgumentException("record field " + k + " holds a line break; expected one line");
            }
            sb.append(k).append('=').append(value).append('\n');
        });
        return sb.toString();
    }

    /** The fields of a text {@link #format} wrote (lines without '=' are ignored). */
    public static Map<String, String> parse(String text) {
        var m = new TreeMap<String, String>();
        for (var line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** True if {@code s} holds a line break or another control character (tab excepted). */
    public static boolean hasBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || (Character.isISOControl(c) && c != '\t')) {
                return true;
            }
        }
        return false;
    }
}
