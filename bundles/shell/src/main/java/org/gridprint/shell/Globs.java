package org.gridprint.shell;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Meter id globs: {@code *} matches any run of characters (also across {@code /}), {@code ?} one character;
 * everything else is literal. Several patterns (a list or comma-separated) match if any matches.
 */
public final class Globs {

    private Globs() {
    }

    public static Pattern toPattern(String glob) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    /** True for everything when there are no patterns. */
    public static Predicate<String> matcher(List<String> globs) {
        if (globs == null || globs.isEmpty()) {
            return id -> true;
        }
        var patterns = globs.stream().map(Globs::toPattern).toList();
        return id -> patterns.stream().anyMatch(p -> p.matcher(id).matches());
    }

    /** Splits "a/*,b/c" into its non-blank parts; null or blank gives an empty list. */
    public static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }
}
