package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses one rule from configuration properties (or from the fields of a stored rule set's text). Every error names
 * the PID, the field, the value and what is expected.
 */
public final class RuleParser {

    /** Dimension names: a tag key. */
    private static final Pattern DIMENSION = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TIME_RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");
    private static final int MAX_DECIMALS = 6;

    private RuleParser() {
    }

    public static Rule parse(String pid, Map<String, ?> properties) {
        String site = text(properties, RuleFields.SITE);
        if (site.isEmpty()) {
            throw new RuleConfigException(pid, RuleFields.SITE, site, "the site id the rule allocates (e.g. demo-hq)");
        }
        String dimension = text(properties, RuleFields.DIMENSION);
        if (dimension.isEmpty()) {
            dimension = "department";
        }
        if (!DIMENSION.matcher(dimension).matches()) {
            throw new RuleConfigException(pid, RuleFields.DIMENSION, dimension,
                    "department, tenant or another tag key (letters, digits, _ . -)");
        }
        String methodText = text(properties, RuleFields.METHOD);
        var method = RuleMethod.parse(methodText).orElseThrow(() -> new RuleConfigException(pid, RuleFields.METHOD,
                methodText, "one of " + RuleMethod.names()));
        for (var field : RuleFields.KEY_FIELDS) {
            if (!field.equals(method.keyField()) && !text(properties, field).isEmpty()) {
                throw new RuleConfigException(pid, field, text(properties, field), "no value: method "
                        + method.configName() + (method.keyField().isEmpty() ? " has no keys" : " reads its keys from '"
                        + method.keyField() + "'"));
            }
        }
        var pool = pool(pid, properties, method);
        String keyText = method.keyField().isEmpty() ? "" : text(properties, method.keyField());
        List<StaticKey> statics = List.of();
        List<OccupancyKey> occupancy = List.of();
        List<MeterKey> meters = List.of();
        switch (method) {
            case FIXED, AREA, HEADCOUNT -> statics = staticKeys(pid, method, keyText);
            case OCCUPANCY -> occupancy = occupancyKeys(pid, keyText);
            case RUNTIME, THERMAL -> meters = meterKeys(pid, method, keyText);
            case SUBMETER -> {
            }
        }
        String name = text(properties, RuleFields.NAME);
        if (name.isEmpty()) {
            name = pool.text();
        }
        if (name.contains("\n") || name.contains("=")) {
            throw new RuleConfigException(pid, RuleFields.NAME, name, "a name without '=' or line breaks");
        }
        return new Rule(name, site, dimension, pool, method, statics, occupancy, meters);
    }

    private static Pool pool(String pid, Map<String, ?> properties, RuleMethod method) {
        String text = text(properties, RuleFields.POOL);
        String main = text(properties, RuleFields.MAIN);
        if (text.isEmpty() && method == RuleMethod.SUBMETER) {
            text = Pool.Tagged.TEXT;
        }
        if (text.isEmpty()) {
            throw new RuleConfigException(pid, RuleFields.POOL, text, "the meters whose energy is split (e.g."
                    + " demo/hq/chiller-1), or 'remainder' (the site's main minus what the other rules take)");
        }
        if (!main.isEmpty() && !text.equalsIgnoreCase(Pool.Remainder.TEXT)) {
            throw new RuleConfigException(pid, RuleFields.MAIN, main, "no value: only a 'remainder' pool has main meters");
        }
        if (text.equalsIgnoreCase(Pool.Remainder.TEXT)) {
            if (method == RuleMethod.SUBMETER) {
                throw new RuleConfigException(pid, RuleFields.METHOD, method.configName(), "a keyed method (fixed,"
                        + " area, headcount, occupancy, runtime, thermal) for the pool 'remainder': the remainder has"
                        + " no submeter of its own");
            }
            return new Pool.Remainder(ids(pid, RuleFields.MAIN, main));
        }
        if (text.equalsIgnoreCase(Pool.Tagged.TEXT)) {
            if (method != RuleMethod.SUBMETER) {
                throw new RuleConfigException(pid, RuleFields.POOL, text, "meter ids or 'remainder' for method "
                        + method.configName() + " ('tagged' is the pool of method submeter)");
            }
            return new Pool.Tagged();
        }
        return new Pool.Meters(ids(pid, RuleFields.POOL, text));
    }

    private static List<String> ids(String pid, String field, String text) {
        var out = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (var part : text.split(",")) {
            var id = part.trim();
            if (id.isEmpty()) {
                if (text.isBlank()) {
                    continue;
                }
                throw new RuleConfigException(pid, field, text, "meter ids separated by commas, none empty");
            }
            if (!seen.add(id)) {
                throw new RuleConfigException(pid, field, text, "each meter once (" + id + " is named twice)");
            }
            out.add(id);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<String> entries(String pid, String field, String text, String expected) {
        if (text.isEmpty()) {
            throw new RuleConfigException(pid, field, text, expected);
        }
        var out = new ArrayList<String>();
        for (var part : text.split(",")) {
            var e = part.trim();
            if (e.isEmpty()) {
                throw new RuleConfigException(pid, field, text, expected + " (an entry is empty)");
            }
            out.add(e);
        }
        return out;
    }

    private static String target(String pid, String field, String entry, String expected) {
        int colon = entry.indexOf(':');
        var target = colon < 0 ? "" : entry.substring(0, colon).trim();
        if (target.isEmpty() || target.contains("=")) {
            throw new RuleConfigException(pid, field, entry, expected);
        }
        return target;
    }

    private static List<StaticKey> staticKeys(String pid, RuleMethod method, String text) {
        String field = method.keyField();
        String unit = switch (method) {
            case AREA -> "floor area in m2";
            case HEADCOUNT -> "number of people";
            default -> "share";
        };
        String expected = "target:" + unit + " entries separated by commas (e.g. Finance:" + (method == RuleMethod.AREA
                ? "1200, Operations:1800" : method == RuleMethod.HEADCOUNT ? "12, Operations:30" : "40, Operations:60")
                + "), each number >= 0 with at most " + MAX_DECIMALS + " decimals, each target once, not all 0";
        var out = new ArrayList<StaticKey>();
        var seen = new HashSet<String>();
        BigDecimal sum = BigDecimal.ZERO;
        for (var e : entries(pid, field, text, expected)) {
            var target = target(pid, field, e, expected);
            var value = number(pid, field, e, e.substring(e.indexOf(':') + 1).trim(), expected);
            if (method == RuleMethod.HEADCOUNT && value.stripTrailingZeros().scale() > 0) {
                throw new RuleConfigException(pid, field, e, "a whole number of people; " + expected);
            }
            if (!seen.add(target)) {
                throw new RuleConfigException(pid, field, e, expected + " (" + target + " is named twice)");
            }
            sum = sum.add(value);
            out.add(new StaticKey(target, value));
        }
        if (sum.signum() == 0) {
            throw new RuleConfigException(pid, field, text, expected);
        }
        out.sort(Comparator.comparing(StaticKey::target));
        return out;
    }

    private static BigDecimal number(String pid, String field, String entry, String text, String expected) {
        try {
            var v = new BigDecimal(text);
            if (v.signum() < 0 || v.stripTrailingZeros().scale() > MAX_DECIMALS || v.compareTo(BigDecimal.TEN.pow(12)) > 0) {
                throw new RuleConfigException(pid, field, entry, expected);
            }
            return v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
        } catch (NumberFormatException ex) {
            throw new RuleConfigException(pid, field, entry, expected);
        }
    }

    private static List<MeterKey> meterKeys(String pid, RuleMethod method, String text) {
        String field = method.keyField();
        String expected = "target:meter entries separated by commas (e.g. Finance:demo/hq/fcu-3, Operations:"
                + "demo/hq/fcu-4), each meter " + (method == RuleMethod.RUNTIME ? "a RUNTIME hour counter"
                : "a THERMAL_ENERGY (BTU) meter") + "; a target may have several meters, a meter one target";
        var out = new ArrayList<MeterKey>();
        var seen = new HashSet<String>();
        for (var e : entries(pid, field, text, expected)) {
            var target = target(pid, field, e, expected);
            var meter = e.substring(e.indexOf(':') + 1).trim();
            if (meter.isEmpty()) {
                throw new RuleConfigException(pid, field, e, expected);
            }
            if (!seen.add(meter)) {
                throw new RuleConfigException(pid, field, e, expected + " (" + meter + " is named twice)");
            }
            out.add(new MeterKey(target, meter));
        }
        out.sort(Comparator.comparing(MeterKey::target).thenComparing(MeterKey::meterId));
        return out;
    }

    private static List<OccupancyKey> occupancyKeys(String pid, String text) {
        String field = RuleFields.OCCUPANCY;
        String expected = "target:people days hh:mm-hh:mm entries separated by commas (e.g. Finance:40 Mon-Fri"
                + " 07:00-19:00, Operations:12 Mon-Sun 00:00-24:00; days Mon..Sun, a range Mon-Fri or 'daily'); a"
                + " target may have several entries";
        var out = new ArrayList<OccupancyKey>();
        for (var e : entries(pid, field, text, expected)) {
            var target = target(pid, field, e, expected);
            var parts = e.substring(e.indexOf(':') + 1).trim().split("\\s+");
            if (parts.length != 3) {
                throw new RuleConfigException(pid, field, e, expected);
            }
            var people = number(pid, field, e, parts[0], expected);
            DayOfWeek first;
            DayOfWeek last;
            if (parts[1].equalsIgnoreCase("daily")) {
                first = DayOfWeek.MONDAY;
                last = DayOfWeek.SUNDAY;
            } else {
                var days = parts[1].split("-");
                if (days.length > 2) {
                    throw new RuleConfigException(pid, field, e, expected);
                }
                first = day(pid, field, e, days[0], expected);
                last = days.length == 2 ? day(pid, field, e, days[1], expected) : first;
            }
            var m = TIME_RANGE.matcher(parts[2]);
            if (!m.matches()) {
                throw new RuleConfigException(pid, field, e, expected);
            }
            int start = minute(m.group(1), m.group(2));
            int end = minute(m.group(3), m.group(4));
            if (start < 0 || end < 0 || start >= 1440 || end <= start) {
                throw new RuleConfigException(pid, field, e, "a time range within one day that ends after it starts"
                        + " (00:00..24:00); " + expected);
            }
            out.add(new OccupancyKey(target, people, first, last, start, end));
        }
        out.sort(Comparator.comparing(OccupancyKey::target).thenComparing(OccupancyKey::text));
        return out;
    }

    private static int minute(String h, String m) {
        int hh = Integer.parseInt(h);
        int mm = Integer.parseInt(m);
        if (mm > 59 || hh > 24 || (hh == 24 && mm != 0)) {
            return -1;
        }
        return hh * 60 + mm;
    }

    private static DayOfWeek day(String pid, String field, String entry, String text, String expected) {
        for (int i = 0; i < OccupancyKey.DAYS.length; i++) {
            if (OccupancyKey.DAYS[i].equalsIgnoreCase(text.trim())) {
                return DayOfWeek.of(i + 1);
            }
        }
        throw new RuleConfigException(pid, field, entry, expected + " ('" + text + "' is not a day: Mon, Tue, Wed, Thu,"
                + " Fri, Sat, Sun)");
    }

    /** A property as trimmed text; String[] (a list in a .cfg) joined by commas. */
    static String text(Map<String, ?> properties, String key) {
        Object v = properties.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof String[] a) {
            return String.join(", ", a).trim();
        }
        if (v instanceof Iterable<?> it) {
            var sb = new StringBuilder();
            for (var o : it) {
                sb.append(sb.length() == 0 ? "" : ", ").append(o);
            }
            return sb.toString().trim();
        }
        return String.valueOf(v).trim();
    }
}
