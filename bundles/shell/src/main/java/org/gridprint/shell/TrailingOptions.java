package org.gridprint.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Karaf reads options only before the first argument ({@code gridprint:readings --last 1h hq/m1}). So that the
 * natural order ({@code gridprint:readings hq/m1 --last 1h}) works too, the commands collect what follows their
 * argument and parse it here: {@code --name value}, {@code --name=value} and short aliases.
 */
public final class TrailingOptions {

    private TrailingOptions() {
    }

    /**
     * @param tokens  what followed the argument (may be null)
     * @param aliases every accepted spelling mapped to the canonical option name (itself included)
     * @param context for messages, e.g. "after the meter id"
     * @return canonical option name to value
     */
    public static Map<String, String> parse(List<String> tokens, Map<String, String> aliases, String context) {
        var result = new HashMap<String, String>();
        if (tokens == null) {
            return result;
        }
        var expected = aliases.values().stream().distinct().sorted().collect(Collectors.joining(", "));
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            var name = token;
            String value = null;
            var eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0) {
                name = token.substring(0, eq);
                value = token.substring(eq + 1);
            }
            var canonical = aliases.get(name);
            if (canonical == null) {
                throw new IllegalArgumentException("unexpected '" + token + "' " + context + "; expected one of the options "
                        + expected);
            }
            if (value == null) {
                if (i + 1 >= tokens.size()) {
                    throw new IllegalArgumentException(canonical + ": missing value " + context);
                }
                value = tokens.get(++i);
            }
            result.put(canonical, value);
        }
        return result;
    }

    /**
     * {@code --limit}: the trailing value if one was given, else the option's; a whole number >= 1.
     *
     * @param options what {@link #parse} returned
     * @param option  the value Karaf set (or the default)
     */
    public static int limit(Map<String, String> options, int option) {
        var limit = options.containsKey("--limit") ? integer("--limit", options.get("--limit")) : option;
        return positiveLimit(limit);
    }

    /** Checks a {@code --limit} value: a whole number >= 1. */
    public static int positiveLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit: " + limit + "; expected a whole number >= 1");
        }
        return limit;
    }

    /** Parses a whole number option value. */
    public static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number; expected e.g. 100");
        }
    }
}
