package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EntryHashTest {

    private static final EntryHeader HEADER = new EntryHeader(7, EntryKind.READINGS, 1767225600123L, "modbus/p3", 3, 0);
    private static final String PREV = "ab".repeat(32);

    @Test
    void headerLine() {
        assertEquals("GRIDPRINT-LEDGER\t2\t7\tREADINGS\t1767225600123\tmodbus/p3\t3\t0\n", HEADER.line());
        assertEquals("GRIDPRINT-LEDGER\t2\t9\tEMISSIONS\t5\tcarbon\\tx\t0\t8\n",
                new EntryHeader(9, EntryKind.EMISSIONS, 5, "carbon\tx", 0, 8).line());
    }

    @Test
    void headerRefusesABasisThatIsNotEarlier() {
        assertThrows(IllegalArgumentException.class, () -> new EntryHeader(3, EntryKind.EMISSIONS, 0, "c", 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new EntryHeader(0, EntryKind.READINGS, 0, "c", 1, 0));
    }

    /** An auditor's recomputation: the bytes built by hand, sorted by hand, hashed with MessageDigest directly. */
    @Test
    void agreesWithAStraightforwardImplementation() throws Exception {
        // U+FF21 (UTF-8 EF BC A1) sorts before U+1F600 (UTF-8 F0 9F 98 80) in byte order, after it in UTF-16 order
        var lines = List.of("R\tz\tVOLTAGE\t1\t3ff0000000000000\tGOOD\ts\n",
                "R\t\uD83D\uDE00\tVOLTAGE\t1\t3ff0000000000000\tGOOD\ts\n",
                "R\t\uFF21\tVOLTAGE\t1\t3ff0000000000000\tGOOD\ts\n",
                "Q\tz\tVOLTAGE\t1\t4000000000000000\tGOOD\ts\t3ff0000000000000\t9\twhy\n");
        var bytes = new ArrayList<byte[]>();
        for (var l : lines) {
            bytes.add(l.getBytes(StandardCharsets.UTF_8));
        }
        bytes.sort((a, b) -> {
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                int x = a[i] & 0xff;
                int y = b[i] & 0xff;
                if (x != y) {
                    return x - y;
                }
            }
            return a.length - b.length;
        });
        assertEquals("Q\tz", new String(bytes.get(0), StandardCharsets.UTF_8).substring(0, 3));
        assertEquals("R\tz", new String(bytes.get(1), StandardCharsets.UTF_8).substring(0, 3));
        assertEquals("R\t\uFF21", new String(bytes.get(2), StandardCharsets.UTF_8).substring(0, 3));
        var all = new ByteArrayOutputStream();
        all.write(PREV.getBytes(StandardCharsets.US_ASCII));
        all.write("GRIDPRINT-LEDGER\t2\t7\tREADINGS\t1767225600123\tmodbus/p3\t3\t0\n".getBytes(StandardCharsets.UTF_8));
        for (var b : bytes) {
            all.write(b);
        }
        var digest = MessageDigest.getInstance("SHA-256").digest(all.toByteArray());
        var hex = new StringBuilder();
        for (var b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        assertEquals(hex.toString(), EntryHash.of(PREV, HEADER, lines));
    }

    @Test
    void lineOrderDoesNotMatterAndEveryFieldCounts() {
        var a = List.of("R\ta\n", "R\tb\n", "Q\tc\n");
        var b = List.of("Q\tc\n", "R\tb\n", "R\ta\n");
        var h = EntryHash.of(PREV, HEADER, a);
        assertEquals(h, EntryHash.of(PREV, HEADER, b));
        assertNotEquals(h, EntryHash.of(LedgerFormat.GENESIS_HASH, HEADER, a));
        assertNotEquals(h, EntryHash.of(PREV, new EntryHeader(7, EntryKind.READINGS, 1767225600124L, "modbus/p3", 3, 0), a));
        assertNotEquals(h, EntryHash.of(PREV, new EntryHeader(7, EntryKind.READINGS, 1767225600123L, "modbus/p4", 3, 0), a));
        assertNotEquals(h, EntryHash.of(PREV, HEADER, List.of("R\ta\n", "R\tb\n")));
    }

    @Test
    void sortedBuilderStreamsAndRefusesLinesOutOfOrder() {
        var lines = List.of("Q\tc\n", "R\ta\n", "R\tb\n");
        var b = EntryHash.sortedBuilder(PREV, HEADER);
        lines.forEach(b::add);
        assertEquals(EntryHash.of(PREV, HEADER, lines), b.finish());
        var wrong = EntryHash.sortedBuilder(PREV, HEADER).add("R\tb\n");
        var e = assertThrows(IllegalStateException.class, () -> wrong.add("R\ta\n"));
        assertEquals(true, e.getMessage().contains("entry 7"));
    }

    @Test
    void refusesAMalformedPreviousHash() {
        assertThrows(IllegalArgumentException.class, () -> EntryHash.of("ABC", HEADER, List.of()));
        assertThrows(IllegalArgumentException.class, () -> EntryHash.of(PREV.toUpperCase(), HEADER, List.of()));
    }
}
