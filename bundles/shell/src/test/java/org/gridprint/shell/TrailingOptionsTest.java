package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TrailingOptionsTest {

    static final Map<String, String> ALIASES = Map.of("--last", "--last", "--limit", "--limit", "-n", "--limit");

    @Test
    void parsesSpacedEqualsAndAliases() {
        assertEquals(Map.of("--last", "1h", "--limit", "5"),
                TrailingOptions.parse(List.of("--last", "1h", "-n", "5"), ALIASES, "after the meter id"));
        assertEquals(Map.of("--last", "7d"), TrailingOptions.parse(List.of("--last=7d"), ALIASES, "x"));
        assertEquals(Map.of(), TrailingOptions.parse(null, ALIASES, "x"));
    }

    @Test
    void unknownTokenOrMissingValueIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrailingOptions.parse(List.of("extra"), ALIASES, "after the meter id"));
        assertTrue(e.getMessage().contains("unexpected 'extra' after the meter id")
                && e.getMessage().contains("--last, --limit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrailingOptions.parse(List.of("--last"), ALIASES, "after the meter id"));
        assertTrue(e.getMessage().contains("--last: missing value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrailingOptions.integer("--limit", "ten"));
        assertTrue(e.getMessage().contains("--limit: 'ten' is not a whole number"), e.getMessage());
    }

    @Test
    void limitFromTrailingOrOptionMustBePositive() {
        assertEquals(5, TrailingOptions.limit(Map.of("--limit", "5"), 200));
        assertEquals(200, TrailingOptions.limit(Map.of(), 200));
        var e = assertThrows(IllegalArgumentException.class, () -> TrailingOptions.limit(Map.of("--limit", "0"), 200));
        assertEquals("--limit: 0; expected a whole number >= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrailingOptions.positiveLimit(-1));
    }
}
