package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EscapeTest {

    @Test
    void escapesBackslashTabAndLineBreaksAsTwoCharacters() {
        assertEquals("a\\\\b\\tc\\nd\\re", Escape.escape("a\\b\tc\nd\re"));
        assertEquals("hq/b1/ahu-2", Escape.escape("hq/b1/ahu-2"));
        var plain = "modbus/panel-3";
        assertSame(plain, Escape.escape(plain));
    }

    @Test
    void unescapeInvertsEscape() {
        for (var s : new String[] {"", "\\", "\\t", "\t\t", "x\\ny", "\r\n", "é😀\\"}) {
            assertEquals(s, Escape.unescape(Escape.escape(s)));
        }
    }

    @Test
    void unescapeRefusesUnknownEscapes() {
        assertThrows(IllegalArgumentException.class, () -> Escape.unescape("a\\x"));
        assertThrows(IllegalArgumentException.class, () -> Escape.unescape("a\\"));
    }
}
