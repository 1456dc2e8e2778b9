package org.gridprint.allocation.virtual;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gridprint.api.Quantity;

/**
 * Recursive-descent parser of virtual-meter formulas.
 *
 * <pre>
 * expr   := term (('+' | '-') term)*
 * term   := factor (('*' | '/') factor)*
 * factor := ('+' | '-') factor | '(' expr ')' | NUMBER | METER
 * METER  := id ['@' QUANTITY]   id: A-Z a-z 0-9 / _ . : - (a '-' inside an id is part of it: write 'a - b')
 *         | '"' any characters but '"' '"' ['@' QUANTITY]
 * NUMBER := digits ['.' digits]   (followed by a character that cannot continue an id)
 * </pre>
 * Units: every input's quantity (the virtual meter's own unless {@code @QUANTITY} names another) must be a counter
 * quantity with the same canonical unit as the virtual meter's; a constant may only scale meters (0.4 * x, x / 2),
 * never stand alone (x + 5 has no unit), and a meter may not multiply or divide a meter.
 */
public final class FormulaParser {

    private static final MathContext MC = MathContext.DECIMAL128;

    private final String text;
    private final Quantity quantity;
    private int pos;
    private final Map<String, Integer> columns = new LinkedHashMap<>();

    /** A partial result: {@code Σ terms + constant}. */
    private record Linear(Map<Formula.Input, BigDecimal> terms, BigDecimal constant) {
        static Linear constant(BigDecimal c) {
            return new Linear(Map.of(), c);
        }

        boolean isConstant() {
            return terms.isEmpty();
        }

        Linear plus(Linear o, int sign) {
            var t = new LinkedHashMap<>(terms);
            o.terms.forEach((k, v) -> t.merge(k, sign < 0 ? v.negate() : v, BigDecimal::add));
            return new Linear(t, sign < 0 ? constant.subtract(o.constant) : constant.add(o.constant));
        }

        Linear times(BigDecimal f) {
            var t = new LinkedHashMap<Formula.Input, BigDecimal>();
            terms.forEach((k, v) -> t.put(k, v.multiply(f, MC)));
            return new Linear(t, constant.multiply(f, MC));
        }
    }

    private FormulaParser(String text, Quantity quantity) {
        this.text = text;
        this.quantity = quantity;
    }

    /**
     * @param quantity the virtual meter's quantity (must be a counter: energy, volume)
     * @throws FormulaException what is wrong, with its column
     */
    public static Formula parse(String text, Quantity quantity) {
        if (text == null || text.isBlank()) {
            throw new FormulaException(1, "the formula is empty; expected meters combined with + - * / and"
                    + " parentheses, e.g. 'hq/main - hq/ahu-1'");
        }
        if (!quantity.cumulative()) {
            throw new FormulaException(1, "quantity " + quantity + " has no windows (not a counter); expected one of"
                    + " the counter quantities (ACTIVE_ENERGY_IMPORT, THERMAL_ENERGY, FUEL_VOLUME, ...)");
        }
        var p = new FormulaParser(text, quantity);
        var result = p.expr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new FormulaException(p.pos + 1, "unexpected '" + text.charAt(p.pos) + "'; expected an operator"
                    + " + - * / or the end of the formula");
        }
        if (result.constant().signum() != 0) {
            throw new FormulaException(1, "the formula has a constant term (" + result.constant().stripTrailingZeros()
                    .toPlainString() + ") with no unit; expected constants only as factors of meters (0.4 * x)");
        }
        var terms = new LinkedHashMap<Formula.Input, BigDecimal>();
        result.terms().forEach((k, v) -> {
            if (v.signum() != 0) {
                terms.put(k, v.stripTrailingZeros());
            }
        });
        if (terms.isEmpty()) {
            throw new FormulaException(1, "the meters cancel out (every coefficient is 0); expected a formula that"
                    + " reads at least one meter");
        }
        return new Formula(text, terms, p.columns);
    }

    private Linear expr() {
        var left = term();
        while (true) {
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                int sign = text.charAt(pos) == '+' ? 1 : -1;
                pos++;
                left = left.plus(term(), sign);
            } else {
                return left;
            }
        }
    }

    private Linear term() {
        var left = factor();
        while (true) {
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
                char op = text.charAt(pos);
                int opColumn = pos + 1;
                pos++;
                var right = factor();
                if (op == '*') {
                    if (!left.isConstant() && !right.isConstant()) {
                        throw new FormulaException(opColumn, "a meter times a meter has no energy unit (kWh x kWh);"
                                + " expected a constant on one side of '*'");
                    }
                    left = left.isConstant() ? right.times(left.constant()) : left.times(right.constant());
                } else {
                    if (!right.isConstant()) {
                        throw new FormulaException(opColumn, "division by a meter has no energy unit; expected a"
                                + " constant after '/'");
                    }
                    if (right.constant().signum() == 0) {
                        throw new FormulaException(opColumn, "division by zero; expected a constant other than 0");
                    }
                    left = left.times(BigDecimal.ONE.divide(right.constant(), MC));
                }
            } else {
                return left;
            }
        }
    }

    private Linear factor() {
        skipSpace();
        if (pos >= text.length()) {
            throw new FormulaException(pos + 1, "the formula ends too early; expected a meter id, a number or '('");
        }
        char c = text.charAt(pos);
        if (c == '-' || c == '+') {
            pos++;
            var f = factor();
            return c == '-' ? f.times(BigDecimal.ONE.negate()) : f;
        }
        if (c == '(') {
            int open = pos + 1;
            pos++;
            var e = expr();
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw new FormulaException(pos + 1, "expected ')' to close the '(' at column " + open);
            }
            pos++;
            return e;
        }
        if (c == '"') {
            int start = pos + 1;
            int end = text.indexOf('"', pos + 1);
            if (end < 0) {
                throw new FormulaException(pos + 1, "the quoted meter id is not closed; expected a closing '\"'");
            }
            var id = text.substring(start, end);
            if (id.isEmpty()) {
                throw new FormulaException(pos + 1, "empty quoted meter id; expected a meter id between the quotes");
            }
            pos = end + 1;
            return meter(id, start);
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            int end = pos;
            while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                end++;
            }
            if (end >= text.length() || !isIdChar(text.charAt(end))) {
                var digits = text.substring(start, end);
                if (!digits.matches("[0-9]+(\\.[0-9]+)?")) {
                    throw new FormulaException(start + 1, "'" + digits + "' is not a number; expected digits with"
                            + " at most one decimal point, e.g. 0.4");
                }
                pos = end;
                return Linear.constant(new BigDecimal(digits));
            }
        }
        if (isIdChar(c)) {
            int start = pos;
            while (pos < text.length() && isIdChar(text.charAt(pos))) {
                pos++;
            }
            return meter(text.substring(start, pos), start + 1);
        }
        throw new FormulaException(pos + 1, "unexpected '" + c + "'; expected a meter id, a number or '('");
    }

    private Linear meter(String id, int column) {
        var q = quantity;
        if (pos < text.length() && text.charAt(pos) == '@') {
            int qStart = pos + 1;
            pos++;
            int end = pos;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                    || text.charAt(end) == '-')) {
                end++;
            }
            var name = text.substring(pos, end);
            var parsed = Quantity.parse(name);
            if (parsed.isEmpty()) {
                throw new FormulaException(qStart + 1, "'" + name + "' is not a quantity; expected one of "
                        + Quantity.names());
            }
            pos = end;
            q = parsed.get();
            if (!q.cumulative() || !q.canonicalUnit().equals(quantity.canonicalUnit())) {
                throw new FormulaException(qStart + 1, "meter " + id + "@" + q + " is in " + q.canonicalUnit()
                        + (q.cumulative() ? "" : " (not a counter)") + ", the virtual meter's " + quantity + " in "
                        + quantity.canonicalUnit() + "; expected inputs in the same unit");
            }
        }
        columns.putIfAbsent(id, column);
        var terms = new LinkedHashMap<Formula.Input, BigDecimal>();
        terms.put(new Formula.Input(id, q), BigDecimal.ONE);
        return new Linear(terms, BigDecimal.ZERO);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    static boolean isIdChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == '.' || c == ':' || c == '-');
    }
}
