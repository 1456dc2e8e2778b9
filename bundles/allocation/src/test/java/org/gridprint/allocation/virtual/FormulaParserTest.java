package org.gridprint.allocation.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.Quantity;
import org.junit.jupiter.api.Test;

class FormulaParserTest {

    private static final Quantity KWH = Quantity.ACTIVE_ENERGY_IMPORT;

    private static Map<String, String> terms(String text) {
        var out = new TreeMap<String, String>();
        FormulaParser.parse(text, KWH).terms().forEach((k, v) -> out.put(k.meterId(), v.toPlainString()));
        return out;
    }

    @Test
    void differenceOfIdsWithDashesInside() {
        assertEquals(Map.of("demo/hq/main", "1", "demo/hq/ahu-1", "-1", "demo/hq/lighting", "-1"),
                terms("demo/hq/main - demo/hq/ahu-1 - demo/hq/lighting"));
    }

    @Test
    void constantSharesParenthesesAndDivision() {
        // 0.4 * a + (b + c) / 2 - -a  => a: 1.4, b: 0.5, c: 0.5
        assertEquals(Map.of("a", "1.4", "b", "0.5", "c", "0.5"), terms("0.4 * a + (b + c) / 2 - -a"));
        // x * 3 and 3 * x alike; a - a + b leaves only b
        assertEquals(Map.of("x", "3"), terms("x * 3"));
        assertEquals(Map.of("b", "1"), terms("a - a + b"));
    }

    @Test
    void quotedIdAndQuantityOfTheSameUnit() {
        var f = FormulaParser.parse("\"7\" + heat@THERMAL_ENERGY", KWH);
        assertEquals(2, f.terms().size());
        assertTrue(f.terms().containsKey(new Formula.Input("7", KWH)));
        assertEquals(BigDecimal.ONE, f.terms().get(new Formula.Input("heat", Quantity.THERMAL_ENERGY)));
        assertEquals(Map.of("7", 1, "heat", 7), f.columns());
    }

    private static FormulaException error(String text) {
        return assertThrows(FormulaException.class, () -> FormulaParser.parse(text, KWH));
    }

    @Test
    void errorsNameTheColumn() {
        var e = error("a - (b + c");
        assertEquals(11, e.column());
        assertTrue(e.getMessage().contains("expected ')' to close the '(' at column 5"), e.getMessage());

        e = error("a * b");
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("a meter times a meter"), e.getMessage());

        e = error("a / b");
        assertEquals(3, e.column());

        e = error("a / 0");
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());

        e = error("a + 5");
        assertTrue(e.getMessage().contains("constant term (5)"), e.getMessage());

        e = error("a + ");
        assertEquals(5, e.column());
        assertTrue(e.getMessage().contains("ends too early"), e.getMessage());

        e = error("a # b");
        assertEquals(3, e.column());

        e = error("a b");
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("expected an operator"), e.getMessage());

        e = error("a - a");
        assertTrue(e.getMessage().contains("cancel out"), e.getMessage());

        e = error("   ");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        e = error("1.2.3 * a");
        assertEquals(1, e.column());
    }

    @Test
    void unitsChecked() {
        var e = error("a + gas@FUEL_VOLUME");
        assertEquals(9, e.column());
        assertTrue(e.getMessage().contains("m3") && e.getMessage().contains("kWh"), e.getMessage());
        e = error("a + p@ACTIVE_POWER");
        assertTrue(e.getMessage().contains("not a counter"), e.getMessage());
        e = error("a + p@LIGHT");
        assertTrue(e.getMessage().contains("'LIGHT' is not a quantity"), e.getMessage());
        assertThrows(FormulaException.class, () -> FormulaParser.parse("a", Quantity.ACTIVE_POWER));
    }
}
