package org.gridprint.api.allocation;

import java.util.Locale;

/**
 * How a tenant statement is written: {@code TEXT} for people, {@code CSV} (RFC 4180, one record per window, period
 * line, factor, offset and finding) and {@code JSON} for programs.
 *
 * @since 1.0.0
 */
public enum StatementFormat {
    TEXT, CSV, JSON;

    /** Parses {@code text}, {@code csv} or {@code json} (any case). */
    public static StatementFormat parse(String text) {
        var t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (var f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("statement format '" + text + "' is not known; expected text, csv or json");
    }
}
