package org.gridprint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MeterPatternTest {

    @Test
    void starMatchesAnyRunAlsoAcrossSlashes() {
        var p = MeterPattern.parse("hq/b1/*");
        assertTrue(p.matches("hq/b1/ahu-1"));
        assertTrue(p.matches("hq/b1/panel-3/ahu-2"));
        assertTrue(p.matches("hq/b1/"), "* also matches the empty run");
        assertFalse(p.matches("hq/b2/panel-1"));
        assertFalse(p.matches("xhq/b1/ahu-1"), "the whole id must match");
        assertTrue(MeterPattern.parse("*/a").matches("demo/hq/a"));
        assertTrue(MeterPattern.parse("*").matches(""));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        var p = MeterPattern.parse("hq/b?/panel-1");
        assertTrue(p.matches("hq/b2/panel-1"));
        assertTrue(p.matches("hq/b//panel-1"));
        assertFalse(p.matches("hq/b/panel-1"));
        assertFalse(p.matches("hq/b12/panel-1"));
    }

    @Test
    void everythingElseIsLiteral() {
        assertTrue(MeterPattern.parse("a.b").matches("a.b"));
        assertFalse(MeterPattern.parse("a.b").matches("axb"), "dots are literal");
        assertTrue(MeterPattern.parse("m[1]+(x)$\\E^").matches("m[1]+(x)$\\E^"), "regex syntax is literal");
        assertFalse(MeterPattern.parse("m[1]").matches("m1"));
        assertTrue(MeterPattern.parse("").matches(""));
        assertFalse(MeterPattern.parse("").matches("a"));
        assertFalse(MeterPattern.parse("*").matches(null));
        assertThrows(NullPointerException.class, () -> MeterPattern.parse(null));
    }

    @Test
    void anyOfMatchesAllWhenEmpty() {
        assertTrue(MeterPattern.anyOf(List.of()).test("anything"));
        assertTrue(MeterPattern.anyOf(null).test("anything"));
        var any = MeterPattern.anyOf(List.of("hq/main", "site2/*"));
        assertTrue(any.test("hq/main"));
        assertTrue(any.test("site2/x"));
        assertFalse(any.test("hq/other"));
    }

    @Test
    void splitTrimsAndDropsBlanks() {
        assertEquals(List.of("hq/main", "site2/*"), MeterPattern.split("hq/main, site2/*"));
        assertEquals(List.of("a", "b"), MeterPattern.split(" a ,, ,b,"));
        assertEquals(List.of(), MeterPattern.split(" "));
        assertEquals(List.of(), MeterPattern.split(null));
    }

    @Test
    void isGlobAndValueSemantics() {
        assertTrue(MeterPattern.isGlob("hq/*"));
        assertTrue(MeterPattern.isGlob("hq/b?"));
        assertFalse(MeterPattern.isGlob("hq/main"));
        assertEquals(MeterPattern.parse("hq/*"), MeterPattern.parse("hq/*"));
        assertEquals(MeterPattern.parse("hq/*").hashCode(), MeterPattern.parse("hq/*").hashCode());
        assertEquals("hq/*", MeterPattern.parse("hq/*").glob());
        assertEquals("hq/*", MeterPattern.parse("hq/*").toString());
    }
}
