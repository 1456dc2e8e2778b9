package org.gridprint.driver.modbus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;

/**
 * Parses the {@code registers} property into {@link RegisterEntry} records. Pure: no I/O, no OSGi.
 * <p>
 * The property is one string or an array of strings; every string may hold several entries separated
 * by {@code ,} (or line breaks). An entry is {@code key=value} fields separated by {@code ;}:
 * <pre>meter=hq/b1/ahu-2;quantity=ACTIVE_ENERGY_IMPORT;address=0;function=holding;type=uint32;order=big;scale=0.01;unit=kWh</pre>
 * Required: meter, quantity, address, type. Defaults: function=holding, order=big, scale=1,
 * unit=the quantity's canonical unit. Blank entries (e.g. after a trailing comma) are ignored and not
 * counted; entries are numbered from 0 in the order written.
 */
public final class RegisterMapParser {

    static final String FIELD = "registers";
    private static final Set<String> KEYS = Set.of("meter", "quantity", "address", "function", "type", "order",
            "scale", "unit", "offset", "bit");
    private static final int MAX_ADDRESS = 0xFFFF;

    private RegisterMapParser() {
    }

    /** Splits the raw property value into entry texts (blank ones dropped). */
    public static List<String> entryTexts(Object value) {
        var parts = new ArrayList<String>();
        if (value == null) {
            return parts;
        }
        if (value instanceof String s) {
            split(s, parts);
        } else if (value instanceof String[] array) {
            for (var s : array) {
                split(s, parts);
            }
        } else if (value instanceof Collection<?> collection) {
            for (var o : collection) {
                split(String.valueOf(o), parts);
            }
        } else {
            split(String.valueOf(value), parts);
        }
        return parts;
    }

    private static void split(String s, List<String> out) {
        if (s == null) {
            return;
        }
        for (var part : s.split("[,\\r\\n]")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
    }

    /** The most characters the {@code registers} property may hold (a 10 MB line is refused, not parsed). */
    public static final int MAX_CHARS = 65_536;

    /**
     * Parses all entries; problems are appended to {@code errors} (prefixed with {@code pid}) and the entries that
     * parsed are returned. Also checks overlaps and duplicates.
     */
    public static List<RegisterEntry> parse(String pid, Object value, List<String> errors) {
        var entries = parse(pid, value, errors, 0, false);
        checkOverlaps(pid, entries, errors);
        checkDuplicates(pid, entries, errors);
        return entries;
    }

    /**
     * Parses the entries, numbered from {@code firstIndex}; {@code optional}: an absent or empty property is no
     * error (the device has profile points).
     */
    public static List<RegisterEntry> parse(String pid, Object value, List<String> errors, int firstIndex,
            boolean optional) {
        var entries = new ArrayList<RegisterEntry>();
        long chars = length(value);
        if (chars > MAX_CHARS) {
            errors.add(pid + ": " + FIELD + ": " + chars + " characters: expected at most " + MAX_CHARS
                    + " (use a profile for a meter model instead of pasting its map)");
            return entries;
        }
        var texts = entryTexts(value);
        if (texts.isEmpty()) {
            if (!optional) {
                errors.add(pid + ": " + FIELD + " is empty: expected a profile (profile = eastron-sdm630, meter = ...) "
                        + "or at least one entry like "
                        + "\"meter=hq/main;quantity=ACTIVE_ENERGY_IMPORT;address=0;type=uint32;scale=0.01;unit=kWh\"");
            }
            return entries;
        }
        if (texts.size() > DeviceConfigParser.MAX_POINTS) {
            errors.add(pid + ": " + FIELD + ": " + texts.size() + " entries: expected at most "
                    + DeviceConfigParser.MAX_POINTS);
            return entries;
        }
        for (int i = 0; i < texts.size(); i++) {
            var entry = parseEntry(pid, i, texts.get(i), errors);
            if (entry != null) {
                entries.add(firstIndex == 0 ? entry : entry.withIndex(firstIndex + i, "registers[" + i + "]"));
            }
        }
        return entries;
    }

    private static long length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String[] array) {
            long n = 0;
            for (var s : array) {
                n += s == null ? 0 : s.length();
            }
            return n;
        }
        if (value instanceof Collection<?> c) {
            long n = 0;
            for (var o : c) {
                n += String.valueOf(o).length();
            }
            return n;
        }
        return String.valueOf(value).length();
    }

    /**
     * Points sharing a register are a configuration error (the field calls it "register offset overflow"): each
     * overlap names both points. Bit fields of the same register may share it.
     */
    public static void checkOverlaps(String pid, List<RegisterEntry> entries, List<String> errors) {
        var sorted = new ArrayList<>(entries);
        sorted.sort(java.util.Comparator.comparing(RegisterEntry::function).thenComparingInt(RegisterEntry::address)
                .thenComparingInt(RegisterEntry::index));
        for (int i = 1; i < sorted.size(); i++) {
            var a = sorted.get(i - 1);
            var b = sorted.get(i);
            boolean bitsOfOneRegister = a.bit() >= 0 && b.bit() >= 0 && a.address() == b.address() && a.bit() != b.bit();
            if (a.function() == b.function() && b.address() < a.end() && !bitsOfOneRegister) {
                var first = a.index() < b.index() ? a : b;
                var second = first == a ? b : a;
                errors.add(pid + ": " + second.name() + " (" + second.describe() + ") overlaps " + first.name() + " ("
                        + first.describe() + "): register offset overflow: expected points that do not share registers");
            }
        }
    }

    /** Parses one entry; returns null (and adds errors) if it is unusable. */
    static RegisterEntry parseEntry(String pid, int index, String text, List<String> errors) {
        var where = pid + ": " + FIELD + "[" + index + "]";
        var fields = new LinkedHashMap<String, String>();
        int before = errors.size();
        for (var part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                errors.add(where + " = \"" + text + "\": field \"" + part.trim()
                        + "\" is not key=value (fields are separated by ';')");
                continue;
            }
            var key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            var val = part.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                errors.add(where + "." + key + ": unknown field: expected one of meter, quantity, address, "
                        + "function, type, order, scale, offset, unit, bit");
            } else if (fields.containsKey(key)) {
                errors.add(where + "." + key + ": given twice (\"" + fields.get(key) + "\" and \"" + val + "\")");
            } else {
                fields.put(key, val);
            }
        }

        var meter = required(fields, "meter", where, errors);
        if (meter != null && (meter.isEmpty() || meter.chars().anyMatch(Character::isWhitespace))) {
            errors.add(where + ".meter = \"" + meter + "\": expected a meter id without spaces, e.g. hq/b1/ahu-2");
            meter = null;
        }

        Quantity quantity = null;
        var quantityText = required(fields, "quantity", where, errors);
        if (quantityText != null) {
            quantity = Quantity.parse(quantityText).orElse(null);
            if (quantity == null) {
                errors.add(where + ".quantity = \"" + quantityText + "\": expected one of " + Quantity.names());
            }
        }

        DataType type = null;
        var typeText = required(fields, "type", where, errors);
        if (typeText != null) {
            type = DataType.parse(typeText).orElse(null);
            if (type == null) {
                errors.add(where + ".type = \"" + typeText + "\": expected one of " + DataType.names());
            }
        }

        Integer address = null;
        var addressText = required(fields, "address", where, errors);
        if (addressText != null) {
            address = parseAddress(addressText);
            if (address == null) {
                errors.add(where + ".address = \"" + addressText + "\": expected a 0-based register address 0.."
                        + MAX_ADDRESS + " (decimal or 0x hex)");
            } else if (type != null && address + type.registers() - 1 > MAX_ADDRESS) {
                errors.add(where + ".address = \"" + addressText + "\": a " + type.configName() + " needs "
                        + type.registers() + " registers and would run past register " + MAX_ADDRESS);
                address = null;
            }
        }

        var function = RegisterFunction.HOLDING;
        if (fields.containsKey("function")) {
            function = RegisterFunction.parse(fields.get("function")).orElse(null);
            if (function == null) {
                errors.add(where + ".function = \"" + fields.get("function") + "\": expected one of "
                        + RegisterFunction.names());
            }
        }

        var order = WordOrder.ABCD;
        if (fields.containsKey("order")) {
            order = WordOrder.parse(fields.get("order")).orElse(null);
            if (order == null) {
                errors.add(where + ".order = \"" + fields.get("order") + "\": expected one of " + WordOrder.names());
            }
        }

        double scale = 1.0;
        if (fields.containsKey("scale")) {
            var scaleText = fields.get("scale");
            try {
                scale = Double.parseDouble(scaleText);
                if (!Double.isFinite(scale) || scale == 0.0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(where + ".scale = \"" + scaleText + "\": expected a finite, non-zero number, e.g. 0.01");
                scale = Double.NaN;
            }
        }

        Unit unit = null;
        if (fields.containsKey("unit")) {
            var unitText = fields.get("unit");
            unit = Unit.parse(unitText).orElse(null);
            if (unit == null) {
                errors.add(where + ".unit = \"" + unitText + "\": expected a unit symbol such as "
                        + (quantity != null ? unitsFor(quantity) : "kWh, Wh, kW, W, V"));
            } else if (quantity != null && !quantity.accepts(unit)) {
                errors.add(where + ".unit = \"" + unitText + "\": not a unit of " + quantity + ": expected one of "
                        + unitsFor(quantity));
                unit = null;
            }
        } else if (quantity != null) {
            unit = Unit.parse(quantity.canonicalUnit()).orElse(null);
        }

        if (errors.size() > before || meter == null || quantity == null || type == null || address == null
                || function == null || order == null || unit == null || Double.isNaN(scale)) {
            return null;
        }
        double offset = 0.0;
        if (fields.containsKey("offset")) {
            try {
                offset = Double.parseDouble(fields.get("offset"));
                if (!Double.isFinite(offset)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(where + ".offset = \"" + fields.get("offset") + "\": expected a finite number");
                return null;
            }
        }
        int bit = -1;
        if (fields.containsKey("bit")) {
            try {
                bit = Integer.parseInt(fields.get("bit").trim());
                if (bit < 0 || bit > 15 || function.bits()) {
                    throw new NumberFormatException();
                }
                type = DataType.BOOL;
            } catch (NumberFormatException e) {
                errors.add(where + ".bit = \"" + fields.get("bit") + "\": expected 0..15, a bit of a 16-bit register");
                return null;
            }
        } else if (type == DataType.BOOL && !function.bits()) {
            errors.add(where + ".type = \"bool\": on a register: expected bit=0..15 as well");
            return null;
        } else if (function.bits() && type != DataType.BOOL) {
            errors.add(where + ".type = \"" + typeText + "\": coils and discrete inputs are single bits: expected bool");
            return null;
        }
        return new RegisterEntry(index, "registers[" + index + "]", meter, quantity, address, function, type, order,
                scale, offset, unit, 1.0, bit);
    }

    private static String required(Map<String, String> fields, String key, String where, List<String> errors) {
        var value = fields.get(key);
        if (value == null) {
            errors.add(where + "." + key + ": missing: expected " + switch (key) {
                case "meter" -> "the meter id, e.g. meter=hq/b1/ahu-2";
                case "quantity" -> "one of " + Quantity.names();
                case "type" -> "one of " + DataType.names();
                default -> "a 0-based register address, e.g. address=0";
            });
        }
        return value;
    }

    private static Integer parseAddress(String text) {
        try {
            var t = text.trim().toLowerCase(Locale.ROOT);
            int value = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
            return value >= 0 && value <= MAX_ADDRESS ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String unitsFor(Quantity quantity) {
        var symbols = new ArrayList<String>();
        for (var u : Unit.values()) {
            if (quantity.accepts(u)) {
                symbols.add(u.symbol());
            }
        }
        return String.join(", ", symbols);
    }

    /** Two entries for the same meter and quantity would produce conflicting readings under one key. */
    public static void checkDuplicates(String pid, List<RegisterEntry> entries, List<String> errors) {
        var seen = new HashMap<String, RegisterEntry>();
        for (var e : entries) {
            var key = e.meterId() + "|" + e.quantity();
            var first = seen.putIfAbsent(key, e);
            if (first != null) {
                errors.add(pid + ": " + e.name() + ": meter " + e.meterId() + " " + e.quantity()
                        + " is already read by " + first.name() + ": expected one point per meter and quantity");
            }
        }
    }
}
