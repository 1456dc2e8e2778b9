package org.gridprint.allocation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuleParserTest {

    private static final String PID = "org.gridprint.allocation.rule~x";

    private static Map<String, Object> props(String... kv) {
        var m = new LinkedHashMap<String, Object>();
        m.put("site", "demo-hq");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String error(String... kv) {
        return assertThrows(RuleConfigException.class, () -> RuleParser.parse(PID, props(kv))).getMessage();
    }

    @Test
    void errorsNamePidFieldValueAndExpectation() {
        assertEquals(PID + ": field 'method' = 'share' is not usable; expected one of submeter | fixed | area |"
                + " headcount | occupancy | runtime | thermal", error("method", "share", "pool", "C"));
        assertTrue(error("method", "fixed", "pool", "C", "shares", "Finance=40").startsWith(PID + ": field 'shares'"
                + " = 'Finance=40' is not usable; expected target:share entries"));
        assertTrue(error("method", "area", "pool", "C", "area", "Finance:-3").contains("'Finance:-3'"));
        assertTrue(error("method", "area", "pool", "C", "area", "Finance:0, Operations:0").contains("not all 0"));
        assertTrue(error("method", "headcount", "pool", "C", "headcount", "Finance:1.5").contains("a whole number"));
        assertTrue(error("method", "fixed", "pool", "C", "shares", "Finance:1, Finance:2").contains("named twice"));
        assertEquals(PID + ": field 'area' = 'F:1' is not usable; expected no value: method fixed reads its keys from"
                + " 'shares'", error("method", "fixed", "pool", "C", "shares", "F:1", "area", "F:1"));
        assertTrue(error("method", "submeter", "pool", "remainder").contains("field 'method' = 'submeter'"));
        assertTrue(error("method", "area", "area", "F:1").startsWith(PID + ": field 'pool' is missing"));
        assertTrue(error("method", "fixed", "pool", "C", "main", "M", "shares", "F:1").contains("field 'main'"));
        assertTrue(error("method", "occupancy", "pool", "C", "occupancy", "F:2 Mon-Fry 08:00-10:00")
                .contains("'Fry' is not a day"));
        assertTrue(error("method", "occupancy", "pool", "C", "occupancy", "F:2 Mon-Fri 10:00-08:00")
                .contains("ends after it starts"));
        assertTrue(error("method", "runtime", "pool", "C", "runtime", "F:fcu-1, O:fcu-1").contains("named twice"));
        assertEquals(PID + ": field 'site' is missing; expected the site id the rule allocates (e.g. demo-hq)",
                assertThrows(RuleConfigException.class, () -> RuleParser.parse(PID, Map.of("method", "fixed")))
                        .getMessage());
        assertTrue(error("method", "fixed", "pool", "C", "shares", "F:1", "dimension", "cost centre")
                .contains("field 'dimension' = 'cost centre'"));
    }

    @Test
    void canonicalTextIsSortedAndReadBack() {
        var a = RuleParser.parse(PID, props("method", "area", "pool", "remainder", "area",
                "Operations:1800.50, Finance:1200"));
        var b = RuleParser.parse(PID, props("method", "occupancy", "pool", "demo/hq/chiller-1, demo/hq/ahu-1",
                "name", "plant", "occupancy", "Operations:12 daily 00:00-24:00, Finance:40 mon-fri 07:00-19:00"));
        var set = RuleSet.of("demo-hq", "department", List.of(a, b), Map.of());
        var text = set.canonicalText();
        assertEquals("""
                rule.plant.dimension=department
                rule.plant.method=occupancy
                rule.plant.occupancy=Finance:40 Mon-Fri 07:00-19:00, Operations:12 Mon-Sun 00:00-24:00
                rule.plant.pool=demo/hq/ahu-1, demo/hq/chiller-1
                rule.plant.site=demo-hq
                rule.remainder.area=Finance:1200, Operations:1800.5
                rule.remainder.dimension=department
                rule.remainder.method=area
                rule.remainder.pool=remainder
                rule.remainder.site=demo-hq
                """, text);
        var back = RuleSet.parse("demo-hq", "department", text, 42);
        assertEquals(set, back);
        assertEquals(text, back.canonicalText());
    }

    @Test
    void rulesOfASiteMustNotOverlap() {
        var a = RuleParser.parse("pid-a", props("method", "fixed", "pool", "C", "shares", "F:1"));
        var b = RuleParser.parse("pid-b", props("method", "area", "pool", "C, D", "area", "F:1", "name", "other"));
        var e = assertThrows(RuleConfigException.class, () -> RuleSet.of("demo-hq", "department", List.of(a, b),
                Map.of(a, "pid-a", b, "pid-b")));
        assertTrue(e.getMessage().startsWith("pid-b: field 'pool' = 'C, D' is not usable; expected meters no other"
                + " rule of demo-hq/department splits (C is in the pool of pid-a"), e.getMessage());
        var r1 = RuleParser.parse("pid-1", props("method", "fixed", "pool", "remainder", "shares", "F:1"));
        var r2 = RuleParser.parse("pid-2", props("method", "area", "pool", "remainder", "area", "F:1", "name", "r2"));
        assertTrue(assertThrows(RuleConfigException.class, () -> RuleSet.of("demo-hq", "department", List.of(r1, r2),
                Map.of(r1, "pid-1", r2, "pid-2"))).getMessage().contains("one 'remainder' rule per site"));
    }
}
