package org.gridprint.carbon.market;

import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a register record: one {@code key=value} line per field, sorted by key, each line ending in
 * {@code \n}. Values may contain {@code =} but no line break. Deterministic: the same fields give the same bytes.
 */
public final class KeyValueText {

    private KeyValueText() {
    }

    /** The canonical text of the fields (sorted by key). */
    public static String format(Map<String, String> fields) {
        var sb = new StringBuilder();
        for (var e : new TreeMap<>(fields).entrySet()) {
            var key = e.getKey();
            var value = e.getValue() == null ? "" : e.getValue();
            if (key.isEmpty() || key.indexOf('=') >= 0 || hasLineBreak(key)) {
                throw new IllegalArgumentException("field name '" + key + "' must be non-empty, without '=' or a line"
                        + " break");
            }
            if (hasLineBreak(value)) {
                throw new IllegalArgumentException(key + " must not contain a line break, was '"
                        + value.replace("\n", "\\n").replace("\r", "\\r") + "'");
            }
            sb.append(key).append('=').append(value).append('\n');
        }
        return sb.toString();
    }

    /**
     * The fields of a canonical text.
     *
     * @param what names the record in errors, e.g. {@code instrument 'REC-1' (register instrument)}
     * @throws IllegalArgumentException a line without {@code =} or a repeated key, naming {@code what} and the line
     */
    public static Map<String, String> parse(String text, String what) {
        var fields = new TreeMap<String, String>();
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(what + ": line " + (i + 1) + " '" + line
                        + "' is not of the form key=value");
            }
            if (fields.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(what + ": line " + (i + 1) + " repeats field '"
                        + line.substring(0, eq) + "'");
            }
        }
        return fields;
    }

    /** A field's value, or an error naming the record and the field. */
    public static String required(Map<String, String> fields, String field, String what) {
        var v = fields.get(field);
        if (v == null) {
            throw new IllegalArgumentException(what + ": field '" + field + "' is missing");
        }
        return v;
    }

    static boolean hasLineBreak(String s) {
        return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }
}
