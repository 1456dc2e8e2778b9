package org.gridprint.driver.bacnet.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

/** Reads typed fields of a configuration, collecting errors that name the field, the value and what is expected. */
final class Fields {

    private final String where;
    private final Map<String, ?> props;
    private final List<String> errors;

    Fields(String where, Map<String, ?> props, List<String> errors) {
        this.where = where;
        this.props = props;
        this.errors = errors;
    }

    Optional<String> text(String key) {
        var v = props.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String[] a) {
            v = String.join(",", a);
        } else if (v instanceof java.util.Collection<?> c) {
            v = String.join(",", c.stream().map(String::valueOf).toList());
        }
        var s = String.valueOf(v).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    String required(String key, String expected) {
        var v = text(key);
        if (v.isEmpty()) {
            errors.add(where + ": " + key + " is missing: expected " + expected);
            return null;
        }
        return v.get();
    }

    int integer(String key, int def, long min, long max) {
        var v = text(key);
        if (v.isEmpty()) {
            return def;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(where + ": " + key + " = \"" + v.get() + "\": expected an integer " + min + ".." + max);
        return def;
    }

    double decimal(String key, double def) {
        var v = text(key);
        if (v.isEmpty()) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (Double.isFinite(d) && d != 0) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(where + ": " + key + " = \"" + v.get() + "\": expected a finite, non-zero number");
        return def;
    }

    boolean bool(String key, boolean def) {
        var v = text(key);
        if (v.isEmpty()) {
            return def;
        }
        var s = v.get().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        errors.add(where + ": " + key + " = \"" + v.get() + "\": expected true or false");
        return def;
    }

    /** A property identifier by BACnet name ({@code present-value}) or camel case ({@code presentValue}). */
    static Optional<PropertyIdentifier> property(String text) {
        var key = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (int id = 0; id < 520; id++) {
            var p = PropertyIdentifier.forId(id);
            if (p.toString().replace("-", "").toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
