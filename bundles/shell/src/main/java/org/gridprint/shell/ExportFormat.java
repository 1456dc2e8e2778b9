package org.gridprint.shell;

import java.util.regex.Pattern;

/**
 * The {@code --format} of {@code gridprint:export}: it becomes part of an OSGi service filter
 * ({@code (gridprint.export.format=<format>)}), so only letters, digits, '-' and '_' are accepted; anything else
 * ({@code *}, parentheses, '\', '=') would change the filter or break its syntax.
 */
final class ExportFormat {

    static final String DEFAULT = "emission-windows-csv";
    static final String EXPECTED = "a format name of letters, digits, '-' and '_' (e.g. csv)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ExportFormat() {
    }

    /** The format name; null means {@value #DEFAULT}. */
    static String parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        var t = text.trim();
        if (!NAME.matcher(t).matches()) {
            throw new IllegalArgumentException("--format: '" + text + "' is not a format name; expected " + EXPECTED);
        }
        return t;
    }
}
