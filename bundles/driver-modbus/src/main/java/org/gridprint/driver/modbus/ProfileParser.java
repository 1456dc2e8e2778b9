package org.gridprint.driver.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses a meter profile (YAML, or JSON: YAML 1.1 reads JSON too) with SnakeYAML's safe constructor (plain maps,
 * lists and scalars; no types instantiated). Bounded: file size, points, nesting, aliases. Every error names the
 * profile and its file, the point (index and name), the field, the value and what is expected. Pure.
 * <p>
 * A point gives its address either as {@code register} — the data-sheet number with the table digit, 5 or 6 digits
 * ("30073" = input register 72, "400001" = holding register 0, "00017" = coil 16) — or as {@code address}, 0-based
 * as sent on the wire, together with {@code function}. Both at once is an error, so there is no guessing.
 */
public final class ProfileParser {

    public static final int MAX_PROFILE_CHARS = 256 * 1024;
    public static final int MAX_POINTS = 500;
    private static final Set<String> TOP = Set.of("model", "manufacturer", "source", "defaults", "points", "transformer");
    private static final Set<String> POINT = Set.of("name", "quantity", "register", "address", "function", "type",
            "order", "scale", "offset", "unit", "bit", "transformer", "note");
    private static final Set<String> DEFAULTS = Set.of("function", "type", "order", "transformer");

    /** Parsed profile or errors. */
    public record Result(MeterProfile profile, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private ProfileParser() {
    }

    public static Result parse(String name, String origin, String text) {
        var where = "profile " + name + " (" + origin + ")";
        var errors = new ArrayList<String>();
        if (text.length() > MAX_PROFILE_CHARS) {
            errors.add(where + ": file has " + text.length() + " characters: expected at most " + MAX_PROFILE_CHARS);
            return new Result(null, errors);
        }
        Object doc;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setNestingDepthLimit(10);
            options.setCodePointLimit(MAX_PROFILE_CHARS);
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            errors.add(where + ": not valid YAML/JSON at line " + (mark == null ? "?" : mark.getLine() + 1) + ", column "
                    + (mark == null ? "?" : mark.getColumn() + 1) + ": " + e.getProblem());
            return new Result(null, errors);
        } catch (YAMLException e) {
            errors.add(where + ": not valid YAML/JSON: " + e.getMessage());
            return new Result(null, errors);
        }
        if (!(doc instanceof Map<?, ?> top)) {
            errors.add(where + ": expected a mapping with model, manufacturer, source, points");
            return new Result(null, errors);
        }
        for (var k : top.keySet()) {
            if (!TOP.contains(String.valueOf(k))) {
                errors.add(where + ": " + k + ": unknown field: expected one of " + String.join(", ", sorted(TOP)));
            }
        }
        var model = string(top.get("model"));
        var manufacturer = string(top.get("manufacturer"));
        if (model == null) {
            errors.add(where + ": model: missing: expected the meter model, e.g. SDM630-Modbus");
        }
        if (manufacturer == null) {
            errors.add(where + ": manufacturer: missing: expected the manufacturer, e.g. Eastron");
        }
        String document = null;
        String revision = null;
        if (top.get("source") instanceof Map<?, ?> source) {
            document = string(source.get("document"));
            revision = string(source.get("revision"));
        }
        if (document == null || revision == null) {
            errors.add(where + ": source: expected document and revision of the manufacturer's register table the "
                    + "points come from");
        }
        Map<?, ?> defaults = Map.of();
        if (top.get("defaults") instanceof Map<?, ?> d) {
            defaults = d;
            for (var k : d.keySet()) {
                if (!DEFAULTS.contains(String.valueOf(k))) {
                    errors.add(where + ": defaults." + k + ": unknown field: expected one of "
                            + String.join(", ", sorted(DEFAULTS)));
                }
            }
        } else if (top.get("defaults") != null) {
            errors.add(where + ": defaults: expected a mapping (function, type, order, transformer)");
        }
        var topTransformer = top.get("transformer");
        var points = new ArrayList<MeterProfile.Point>();
        if (!(top.get("points") instanceof List<?> list) || list.isEmpty()) {
            errors.add(where + ": points: missing or empty: expected a list of points");
        } else if (list.size() > MAX_POINTS) {
            errors.add(where + ": points: " + list.size() + " points: expected at most " + MAX_POINTS);
        } else {
            var names = new HashSet<String>();
            for (int i = 0; i < list.size(); i++) {
                var p = point(where, i, list.get(i), defaults, topTransformer, errors);
                if (p != null) {
                    if (!names.add(p.name())) {
                        errors.add(where + ": points[" + i + "] \"" + p.name() + "\": name used twice: expected unique "
                                + "point names");
                    }
                    points.add(p);
                }
            }
            overlaps(where, points, errors);
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new MeterProfile(name, origin, model, manufacturer, document, revision, points), List.of());
    }

    private static MeterProfile.Point point(String where, int i, Object raw, Map<?, ?> defaults, Object topTransformer,
            List<String> errors) {
        if (!(raw instanceof Map<?, ?> m)) {
            errors.add(where + ": points[" + i + "]: expected a mapping with name, quantity, register or address, type");
            return null;
        }
        var name = string(m.get("name"));
        var at = where + ": points[" + i + "]" + (name != null ? " \"" + name + "\"" : "");
        int before = errors.size();
        for (var k : m.keySet()) {
            if (!POINT.contains(String.valueOf(k))) {
                errors.add(at + "." + k + ": unknown field: expected one of " + String.join(", ", sorted(POINT)));
            }
        }
        if (name == null || name.isBlank() || name.length() > 64) {
            errors.add(at + ".name: missing or longer than 64 characters: expected a short point name, e.g. import_kwh");
        }
        Quantity quantity = null;
        var qText = string(m.get("quantity"));
        if (qText == null || (quantity = Quantity.parse(qText).orElse(null)) == null) {
            errors.add(at + ".quantity = \"" + qText + "\": expected one of " + Quantity.names());
        }
        RegisterFunction function = null;
        var fText = string(m.get("function") != null ? m.get("function") : defaults.get("function"));
        if (fText != null) {
            function = RegisterFunction.parse(fText).orElse(null);
            if (function == null) {
                errors.add(at + ".function = \"" + fText + "\": expected one of " + RegisterFunction.names());
            }
        }
        int address = -1;
        var register = m.get("register");
        var addr = m.get("address");
        if (register != null && addr != null) {
            errors.add(at + ": register = \"" + register + "\" and address = \"" + addr + "\" both given: expected "
                    + "either register (data-sheet number with table digit, e.g. 30073) or address (0-based, with "
                    + "function)");
        } else if (register != null) {
            var r = String.valueOf(register).trim();
            var decoded = register instanceof Number && r.length() < 5 ? null : modicon(r);
            if (decoded == null) {
                errors.add(at + ".register = \"" + r + "\": expected a data-sheet register number with its table digit:"
                        + " 5 digits (e.g. 30073, 40001) or 6 digits (e.g. 419001); table digit 0 coil, 1 discrete, "
                        + "3 input, 4 holding; quote numbers that start with 0, e.g. \"00017\" (YAML reads 00017 as "
                        + "an octal number)");
            } else {
                if (m.get("function") != null && function != null && function != decoded.function()) {
                    errors.add(at + ".function = \"" + fText + "\": register " + r + " is a "
                            + decoded.function().configName() + " address: expected no function, or "
                            + decoded.function().configName());
                }
                function = decoded.function();
                address = decoded.address();
            }
        } else if (addr != null) {
            var a = parseInt(String.valueOf(addr));
            if (a == null || a < 0 || a > 0xFFFF) {
                errors.add(at + ".address = \"" + addr + "\": expected a 0-based address 0..65535 (decimal or 0x hex)");
            } else if (function == null && fText == null) {
                errors.add(at + ".function: missing: a 0-based address needs the table: expected one of "
                        + RegisterFunction.names() + " (or use register, e.g. 30073)");
            } else {
                address = a;
            }
        } else {
            errors.add(at + ": register or address missing: expected register (e.g. 30073) or address (0-based) "
                    + "with function");
        }
        DataType type = null;
        var tText = string(m.get("type") != null ? m.get("type") : defaults.get("type"));
        if (function != null && function.bits() && tText == null) {
            type = DataType.BOOL;
        } else if (tText == null || (type = DataType.parse(tText).orElse(null)) == null) {
            errors.add(at + ".type = \"" + tText + "\": expected one of " + DataType.names());
        }
        int bit = -1;
        if (m.get("bit") != null) {
            var b = parseInt(String.valueOf(m.get("bit")));
            if (b == null || b < 0 || b > 15 || (function != null && function.bits())) {
                errors.add(at + ".bit = \"" + m.get("bit") + "\": expected 0..15, a bit of a 16-bit register");
            } else {
                bit = b;
                type = DataType.BOOL;
            }
        } else if (type == DataType.BOOL && function != null && !function.bits()) {
            errors.add(at + ".type = \"bool\": on a register: expected bit (0..15) as well");
        }
        if (type != null && function != null && function.bits() && type != DataType.BOOL) {
            errors.add(at + ".type = \"" + tText + "\": coils and discrete inputs are single bits: expected bool");
        }
        if (type != null && address >= 0 && function != null && !function.bits()
                && address + type.registers() - 1 > 0xFFFF) {
            errors.add(at + ": a " + type.configName() + " at address " + address + " runs past register 65535");
        }
        var order = WordOrder.ABCD;
        var oText = string(m.get("order") != null ? m.get("order") : defaults.get("order"));
        if (oText != null && (order = WordOrder.parse(oText).orElse(null)) == null) {
            errors.add(at + ".order = \"" + oText + "\": expected one of " + WordOrder.names());
        }
        double scale = number(at, "scale", m.get("scale"), 1.0, errors);
        if (scale == 0.0) {
            errors.add(at + ".scale = \"0\": expected a finite, non-zero number");
        }
        double offset = number(at, "offset", m.get("offset"), 0.0, errors);
        Unit unit = null;
        var uText = string(m.get("unit"));
        if (quantity != null) {
            if (uText == null) {
                unit = Unit.parse(quantity.canonicalUnit()).orElse(null);
            } else {
                unit = Unit.parse(uText).orElse(null);
                if (unit == null || !quantity.accepts(unit)) {
                    errors.add(at + ".unit = \"" + uText + "\": expected a unit of " + quantity + ": "
                            + RegisterMapParser.unitsFor(quantity));
                    unit = null;
                }
            }
        }
        MeterProfile.Transformer transformer = quantity == null ? MeterProfile.Transformer.NONE
                : MeterProfile.Transformer.defaultFor(quantity);
        var trText = string(m.get("transformer") != null ? m.get("transformer")
                : defaults.get("transformer") != null ? defaults.get("transformer") : topTransformer);
        if (trText != null) {
            switch (trText.toLowerCase(Locale.ROOT).replace('-', '_').replace('+', '_')) {
                case "none" -> transformer = MeterProfile.Transformer.NONE;
                case "ct" -> transformer = MeterProfile.Transformer.CT;
                case "pt", "vt" -> transformer = MeterProfile.Transformer.PT;
                case "ct_pt", "ctpt", "both" -> transformer = MeterProfile.Transformer.CT_PT;
                case "default" -> {
                    // by quantity
                }
                default -> errors.add(at + ".transformer = \"" + trText + "\": expected none, ct, pt, ct-pt or default");
            }
        }
        if (errors.size() > before || quantity == null || function == null || type == null || unit == null
                || order == null || address < 0) {
            return null;
        }
        return new MeterProfile.Point(i, name, quantity, function, address, type, order, scale, offset, unit, bit,
                transformer);
    }

    /** Two points sharing an address is the field's "register offset overflow": a configuration error. */
    private static void overlaps(String where, List<MeterProfile.Point> points, List<String> errors) {
        var sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(MeterProfile.Point::function).thenComparingInt(MeterProfile.Point::address));
        for (int i = 1; i < sorted.size(); i++) {
            var a = sorted.get(i - 1);
            var b = sorted.get(i);
            if (a.function() == b.function() && b.address() < a.end() && !(a.bit() >= 0 && b.bit() >= 0
                    && a.address() == b.address() && a.bit() != b.bit())) {
                errors.add(where + ": points[" + b.index() + "] \"" + b.name() + "\" ("
                        + ModbusText.range(b.function(), b.address(), b.end() - b.address()) + ") overlaps points["
                        + a.index() + "] \"" + a.name() + "\" (" + ModbusText.range(a.function(), a.address(),
                                a.end() - a.address()) + "): register offset overflow: expected points that do not "
                        + "share registers");
            }
        }
    }

    record Modicon(RegisterFunction function, int address) {
    }

    /** "30073" -> input 72; "419001" -> holding 19000; null if not a data-sheet number. */
    static Modicon modicon(String text) {
        if (!text.matches("\\d{5,6}")) {
            return null;
        }
        int digit = text.charAt(0) - '0';
        var function = RegisterFunction.ofModiconPrefix(digit).orElse(null);
        int number = Integer.parseInt(text.substring(1));
        int max = text.length() == 5 ? 9999 : 65536;
        if (function == null || number < 1 || number > max) {
            return null;
        }
        return new Modicon(function, number - 1);
    }

    private static Integer parseInt(String t) {
        try {
            var s = t.trim().toLowerCase(Locale.ROOT);
            return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(String at, String field, Object v, double dflt, List<String> errors) {
        if (v == null) {
            return dflt;
        }
        try {
            double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(at + "." + field + " = \"" + v + "\": expected a finite number");
            return dflt;
        }
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o).trim();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
