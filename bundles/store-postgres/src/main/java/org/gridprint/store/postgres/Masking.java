package org.gridprint.store.postgres;

import java.util.regex.Pattern;

/**
 * Removes the configured password from any text before it is logged or put into an exception: the password itself,
 * and anything written as {@code password=...} (e.g. a JDBC URL's query or a driver's error text).
 */
final class Masking {

    static final String MASK = "****";
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^&;\\s,)]+");

    private final String password;

    Masking(String password) {
        this.password = password == null ? "" : password;
    }

    String mask(String text) {
        if (text == null) {
            return "";
        }
        var out = password.isEmpty() ? text : text.replace(password, MASK);
        return ASSIGNMENT.matcher(out).replaceAll("$1" + MASK);
    }

    /** The throwable's message and its causes' messages, masked, joined by ": ". */
    String describe(Throwable t) {
        var sb = new StringBuilder();
        var seen = new java.util.IdentityHashMap<Throwable, Boolean>();
        for (var c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            var m = c.getMessage();
            if (m == null || m.isBlank() || sb.indexOf(m) >= 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m);
        }
        return mask(sb.length() == 0 ? t.getClass().getSimpleName() : sb.toString());
    }
}
