package org.gridprint.allocation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class RefsTest {

    @Test
    void consecutiveRefsBecomeRangesAndReadBack() {
        var refs = new TreeSet<>(Set.of(12L, 13L, 14L, 20L, 22L, 23L));
        assertEquals("12-14, 20, 22-23", Refs.text(refs));
        assertEquals(refs, Refs.parse("12-14, 20, 22-23"));
        assertEquals("", Refs.text(Set.of()));
        assertEquals(new TreeSet<Long>(), Refs.parse(""));
    }
}
