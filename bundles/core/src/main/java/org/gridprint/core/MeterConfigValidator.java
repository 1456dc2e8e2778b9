package org.gridprint.core;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gridprint.api.Meter;

/**
 * Turns the raw properties of one {@code org.gridprint.meter} configuration into a {@link Meter}, or into
 * errors that each name the configuration (PID and file), the field, the value and what is expected.
 * Reads the raw map rather than the typed annotation so that a wrong type ({@code counterRollover = abc})
 * is reported like any other error instead of failing inside the component runtime. Pure: no OSGi needed.
 */
public final class MeterConfigValidator {

    /** Allowed characters of a meter id. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9/_.:\\-]+");
    /** Longest meter id: the store's METER_ID columns are VARCHAR(512). */
    public static final int MAX_ID_LENGTH = 512;
    static final String ID_EXPECTED = "a non-empty id of at most " + MAX_ID_LENGTH
            + " characters A-Z a-z 0-9 / _ . : - (e.g. hq/b1/panel-3/ahu-2)";

    /** The result: a meter or the list of errors. */
    public sealed interface Result {
        /** The configuration is usable. */
        record Valid(Meter meter, String origin) implements Result {
        }

        /** The configuration is not usable; each error is a complete sentence for the log. */
        record Invalid(String origin, List<String> errors) implements Result {
            public Invalid {
                errors = List.copyOf(errors);
            }

            /** All errors in one message. */
            public String message() {
                return "meter configuration " + origin + " is invalid and ignored until fixed: "
                        + String.join("; ", errors);
            }
        }
    }

    private MeterConfigValidator() {
    }

    public static Result validate(Map<String, ?> properties) {
        var origin = ConfigOrigin.describe(properties, MeterConfigImpl.FACTORY_PID);
        var errors = new ArrayList<String>();

        var id = text(properties, "id");
        if (id.isEmpty()) {
            errors.add(error(origin, "id", properties.get("id"), ID_EXPECTED + "; the field is missing or empty"));
        } else if (!validId(id)) {
            errors.add(error(origin, "id", id, ID_EXPECTED + lengthNote(id)));
        }
        var site = text(properties, "site");
        if (site.isEmpty()) {
            errors.add(error(origin, "site", properties.get("site"), "a non-empty site id; the field is missing or empty"));
        }
        var parent = text(properties, "parent");
        if (!parent.isEmpty() && !validId(parent)) {
            errors.add(error(origin, "parent", parent, "empty or a meter id: " + ID_EXPECTED + lengthNote(parent)));
        } else if (!parent.isEmpty() && parent.equals(id)) {
            errors.add(error(origin, "parent", parent, "the id of another meter, not the meter itself"));
        }
        double rollover = 0;
        var rawRollover = properties.get("counterRollover");
        if (rawRollover != null && !rawRollover.toString().isBlank()) {
            var parsed = number(rawRollover);
            if (parsed.isEmpty() || parsed.get().isNaN() || parsed.get().isInfinite() || parsed.get() < 0) {
                errors.add(error(origin, "counterRollover", rawRollover,
                        "a finite number >= 0 in the quantity's canonical unit (0 = unknown)"));
            } else {
                rollover = parsed.get();
            }
        }
        if (!errors.isEmpty()) {
            return new Result.Invalid(origin, errors);
        }
        var name = text(properties, "name");
        var meter = new Meter(id, name.isEmpty() ? id : name, site, text(properties, "location"),
                text(properties, "assetType"), text(properties, "phase"), text(properties, "department"),
                text(properties, "tenant"), tags(properties.get("tags")),
                parent.isEmpty() ? Optional.empty() : Optional.of(parent), rollover);
        return new Result.Valid(meter, origin);
    }

    private static boolean validId(String id) {
        return id.length() <= MAX_ID_LENGTH && ID_PATTERN.matcher(id).matches();
    }

    private static String lengthNote(String id) {
        return id.length() > MAX_ID_LENGTH ? "; it has " + id.length() + " characters" : "";
    }

    static String error(String origin, String field, Object value, String expected) {
        return origin + ": field '" + field + "' = " + (value == null ? "<missing>" : "'" + value + "'")
                + "; expected " + expected;
    }

    private static String text(Map<String, ?> properties, String key) {
        var value = properties.get(key);
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value) == 0 ? "" : String.valueOf(Array.get(value, 0)).trim();
        }
        return value.toString().trim();
    }

    private static Optional<Double> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return Optional.of(Double.parseDouble(value.toString().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Tags from "a, b,c", a String[] or a collection; blanks dropped, order kept. */
    static List<String> tags(Object value) {
        var raw = new ArrayList<String>();
        if (value == null) {
            return List.of();
        } else if (value instanceof String s) {
            raw.addAll(Arrays.asList(s.split(",")));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> raw.addAll(Arrays.asList(String.valueOf(o).split(","))));
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                raw.addAll(Arrays.asList(String.valueOf(Array.get(value, i)).split(",")));
            }
        } else {
            raw.add(value.toString());
        }
        return raw.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
    }
}
