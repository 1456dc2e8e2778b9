package org.gridprint.allocation.datacenter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads configuration values given as a String or a String[] (Karaf .cfg files give strings). */
final class Texts {

    private Texts() {
    }

    static String string(Map<String, ?> props, String key) {
        var v = props.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof String[] array) {
            return String.join(",", array).trim();
        }
        if (v instanceof Iterable<?> it) {
            var parts = new ArrayList<String>();
            it.forEach(o -> parts.add(String.valueOf(o)));
            return String.join(",", parts).trim();
        }
        return String.valueOf(v).trim();
    }

    /** Comma-separated items, trimmed, empty ones dropped. */
    static List<String> items(String text) {
        var out = new ArrayList<String>();
        for (var p : text.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }
}
