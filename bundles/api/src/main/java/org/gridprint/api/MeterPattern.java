package org.gridprint.api;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A meter id glob, the one syntax every part of Gridprint uses to select meters: {@code *} matches any run of
 * characters (also none, and also across {@code /}), {@code ?} exactly one character; every other character
 * matches itself (so {@code .} is a dot). {@code hq/b1/*} selects {@code hq/b1/ahu-1} and {@code hq/b1/p3/ahu-2};
 * a glob without {@code *} or {@code ?} is a plain meter id. Immutable and thread-safe.
 */
public final class MeterPattern {

    private final String glob;
    private final Pattern regex;

    private MeterPattern(String glob) {
        this.glob = glob;
        this.regex = toRegex(glob);
    }

    /**
     * @param glob the glob as written (not trimmed); the empty glob matches only the empty id
     * @throws NullPointerException if glob is null
     */
    public static MeterPattern parse(String glob) {
        return new MeterPattern(Objects.requireNonNull(glob, "glob"));
    }

    /** True if any of the globs matches; true for every id when there are none (null or empty list). */
    public static Predicate<String> anyOf(List<String> globs) {
        if (globs == null || globs.isEmpty()) {
            return id -> true;
        }
        var patterns = globs.stream().map(MeterPattern::parse).toList();
        return id -> patterns.stream().anyMatch(p -> p.matches(id));
    }

    /** Splits {@code "a/*, b/c"} into its trimmed non-blank parts; null or blank gives an empty list. */
    public static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** True if the text has a wildcard ({@code *} or {@code ?}), false if it is a plain meter id. */
    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** True if the whole id matches the glob. */
    public boolean matches(String id) {
        return id != null && regex.matcher(id).matches();
    }

    /** The glob as parsed. */
    public String glob() {
        return glob;
    }

    private static Pattern toRegex(String glob) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (var i = 0; i < glob.length(); i++) {
            var c = glob.charAt(i);
            if (c == '*' || c == '?') {
                appendQuoted(regex, literal);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        appendQuoted(regex, literal);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void appendQuoted(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeterPattern p && p.glob.equals(glob);
    }

    @Override
    public int hashCode() {
        return glob.hashCode();
    }

    @Override
    public String toString() {
        return glob;
    }
}
