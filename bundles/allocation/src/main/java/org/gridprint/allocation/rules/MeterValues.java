package org.gridprint.allocation.rules;

import org.gridprint.api.Meter;

/** A meter's value of a dimension: {@code department}, {@code tenant}, or a tag {@code key=value} / {@code key:value}. */
public final class MeterValues {

    private MeterValues() {
    }

    /** The value, empty when the meter has none. */
    public static String value(Meter meter, String dimension) {
        if (dimension.equals("department")) {
            return meter.department().trim();
        }
        if (dimension.equals("tenant")) {
            return meter.tenant().trim();
        }
        for (var tag : meter.tags()) {
            var t = tag.trim();
            if (t.length() > dimension.length() + 1 && t.startsWith(dimension)) {
                char sep = t.charAt(dimension.length());
                if (sep == '=' || sep == ':') {
                    return t.substring(dimension.length() + 1).trim();
                }
            }
        }
        return "";
    }
}
