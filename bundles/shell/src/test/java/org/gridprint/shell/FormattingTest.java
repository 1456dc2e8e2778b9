package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gridprint.api.MeterPattern;
import org.junit.jupiter.api.Test;

class FormattingTest {

    @Test
    void durations() {
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("12s", Durations.format(Duration.ofSeconds(12)));
        assertEquals("4m05s", Durations.format(Duration.ofSeconds(245)));
        assertEquals("2h10m", Durations.format(Duration.ofMinutes(130)));
        assertEquals("3d04h", Durations.format(Duration.ofHours(76)));
        assertEquals("-5s", Durations.format(Duration.ofSeconds(-5)));
        var now = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals("12s", Durations.age(now.minusSeconds(12), now));
        assertEquals("-3s", Durations.age(now.plusSeconds(3), now));
    }

    @Test
    void meterPatterns() {
        var m = MeterPattern.anyOf(List.of("hq/b1/*"));
        assertTrue(m.test("hq/b1/panel-3/ahu-2"));
        assertFalse(m.test("hq/b2/panel-1"));
        assertTrue(MeterPattern.anyOf(List.of("hq/b?/panel-1")).test("hq/b2/panel-1"));
        assertTrue(MeterPattern.anyOf(List.of("a.b")).test("a.b"));
        assertFalse(MeterPattern.anyOf(List.of("a.b")).test("axb"), "dots are literal");
        assertTrue(MeterPattern.anyOf(List.of()).test("anything"));
        var any = MeterPattern.anyOf(MeterPattern.split("hq/main, site2/*"));
        assertTrue(any.test("hq/main") && any.test("site2/x") && !any.test("hq/other"));
        assertEquals(List.of(), MeterPattern.split(" "));
        assertTrue(MeterPattern.isGlob("hq/*") && !MeterPattern.isGlob("hq/main"));
    }

    @Test
    void numbersAndTimes() {
        assertEquals("12.5", Texts.number(12.5, 3));
        assertEquals("1234.568", Texts.number(1234.5678, 3));
        assertEquals("0", Texts.number(0.0001, 3));
        assertEquals("100", Texts.number(100, 3));
        assertEquals("-4.2", Texts.number(-4.2, 3));
        assertEquals("NaN", Texts.number(Double.NaN, 3));
        assertEquals("2026-11-25T10:00:00Z", Texts.time(Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals("2026-11-25T10:00:00.250Z", Texts.time(Instant.parse("2026-11-25T10:00:00.250Z")));
        assertEquals("abcd…", Texts.shortHash("abcdef", 4));
        assertEquals("-", Texts.cell("", 10));
        assertEquals("a b", Texts.cell("a\nb", 10));
        assertEquals("abcd…", Texts.cell("abcdefgh", 5));
    }
}
