package org.gridprint.carbon.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;

/**
 * The canonical text of a {@link FactorVersion} as stored in the {@code factor} register (key = the factor's id): one
 * {@code key=value} line per component, keys sorted (Java string order), each line ending in {@code \n}, UTF-8.
 * <ul>
 * <li>{@code format=1}: the version of this form;</li>
 * <li>decimals ({@code publishedValue}, {@code gramsPerUnit}) in plain notation without trailing zeros
 * ({@code 499.3}, {@code 226.478670341}, {@code 0}), never an exponent;</li>
 * <li>instants in ISO-8601 UTC ({@link Instant#toString()}): {@code 2022-01-01T00:00:00Z}; an open start is
 * {@link Instant#MIN} ({@code -1000000000-01-01T00:00:00Z}), an open end {@link Instant#MAX};</li>
 * <li>enums by name, {@code estimated} as {@code true}/{@code false};</li>
 * <li>text with {@code \} written {@code \\}, a line feed {@code \n}, a carriage return {@code \r}.</li>
 * </ul>
 * The same factor always gives the same bytes, so registering it again stores nothing. {@link #parse} reads it back
 * (refs written by another process or before a restart resolve); decimals come back in the canonical form, so compare
 * them with {@code compareTo}.
 */
public final class FactorText {

    /** The register name. */
    public static final String REGISTER = "factor";

    static final String FORMAT = "1";

    private FactorText() {
    }

    /** The canonical text. */
    public static String format(FactorVersion f) {
        var m = new TreeMap<String, String>();
        m.put("format", FORMAT);
        m.put("id", f.id());
        m.put("kind", f.kind().name());
        m.put("scope", f.scope().name());
        m.put("method", f.method().name());
        m.put("region", f.region());
        m.put("publishedValue", Units.canonical(f.publishedValue()).toPlainString());
        m.put("publishedUnit", f.publishedUnit());
        m.put("gramsPerUnit", Units.canonical(f.gramsPerUnit()).toPlainString());
        m.put("perUnit", f.perUnit());
        m.put("gwpSet", f.gwpSet());
        m.put("source", f.source());
        m.put("edition", f.edition());
        m.put("validFrom", f.validFrom().toString());
        m.put("validTo", f.validTo().toString());
        m.put("provider", f.provider());
        m.put("estimated", Boolean.toString(f.estimated()));
        m.put("model", f.model());
        var sb = new StringBuilder(512);
        for (var e : m.entrySet()) {
            sb.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /** The factor with its decimals in canonical form: what {@code parse(format(f))} gives. */
    public static FactorVersion canonical(FactorVersion f) {
        return new FactorVersion(f.id(), f.kind(), f.scope(), f.method(), f.region(),
                Units.canonical(f.publishedValue()), f.publishedUnit(), Units.canonical(f.gramsPerUnit()), f.perUnit(),
                f.gwpSet(), f.source(), f.edition(), f.validFrom(), f.validTo(), f.provider(), f.estimated(),
                f.model());
    }

    /**
     * Reads a canonical text back.
     *
     * @param where names the record in messages, e.g. {@code register factor ref 17 (key egrid2022/subregion/CAMX/co2e)}
     * @throws IllegalArgumentException a text that is not a factor text, naming {@code where}, the line or field and
     *                                  what was expected
     */
    public static FactorVersion parse(String text, String where) {
        var m = new TreeMap<String, String>();
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": line " + (i + 1) + " '" + abbreviate(line)
                        + "': expected key=value");
            }
            if (m.put(line.substring(0, eq), unescape(line.substring(eq + 1), where)) != null) {
                throw new IllegalArgumentException(where + ": key " + line.substring(0, eq) + " given twice");
            }
        }
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(where + ": format = '" + m.get("format") + "': expected format=" + FORMAT
                    + " (a factor text of the catalog)");
        }
        try {
            var f = new FactorVersion(req(m, "id", where), FactorKind.valueOf(req(m, "kind", where)),
                    Scope.valueOf(req(m, "scope", where)), AccountingMethod.valueOf(req(m, "method", where)),
                    req(m, "region", where), decimal(m, "publishedValue", where), req(m, "publishedUnit", where),
                    decimal(m, "gramsPerUnit", where), req(m, "perUnit", where), req(m, "gwpSet", where),
                    req(m, "source", where), req(m, "edition", where), instant(m, "validFrom", where),
                    instant(m, "validTo", where), req(m, "provider", where), bool(m, "estimated", where),
                    req(m, "model", where));
            if (m.size() != 18) {
                var unknown = new TreeMap<>(m);
                for (var k : new String[] {"format", "id", "kind", "scope", "method", "region", "publishedValue",
                        "publishedUnit", "gramsPerUnit", "perUnit", "gwpSet", "source", "edition", "validFrom",
                        "validTo", "provider", "estimated", "model"}) {
                    unknown.remove(k);
                }
                throw new IllegalArgumentException(where + ": unknown keys " + unknown.keySet());
            }
            return f;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String req(Map<String, String> m, String key, String where) {
        var v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": key " + key + " is missing");
        }
        return v;
    }

    private static BigDecimal decimal(Map<String, String> m, String key, String where) {
        var v = req(m, key, where);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " = '" + abbreviate(v) + "': expected a decimal");
        }
    }

    private static Instant instant(Map<String, String> m, String key, String where) {
        var v = req(m, key, where);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": " + key + " = '" + abbreviate(v)
                    + "': expected an ISO-8601 UTC instant such as 2022-01-01T00:00:00Z");
        }
    }

    private static boolean bool(Map<String, String> m, String key, String where) {
        var v = req(m, key, where);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(where + ": " + key + " = '" + abbreviate(v) + "': expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        var sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s, String where) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = i + 1 < s.length() ? s.charAt(++i) : '?';
            switch (n) {
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> throw new IllegalArgumentException(where + ": escape '\\" + n
                        + "' in '" + abbreviate(s) + "': expected \\\\, \\n or \\r");
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
