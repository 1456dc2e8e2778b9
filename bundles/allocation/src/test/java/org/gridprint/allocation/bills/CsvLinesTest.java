package org.gridprint.allocation.bills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Line numbers, skipped lines and refusals of the CSV reader every file import uses. */
class CsvLinesTest {

    @Test
    void linesAreNumberedAsInTheFileAndAValueSpanningLinesIsRefused() {
        var csv = "\uFEFFA,B\n1,x\n\n# a comment\n2,\"two\nlines\"\n3,y";
        var seen = new ArrayList<String>();
        var r = CsvLines.read("t.csv", new StringReader(csv), Set.of("a", "b"), "a,b", null, line -> {
            seen.add(line.number() + ":" + line.get("a") + line.get("b"));
            return true;
        });
        // line 1 header (byte order mark dropped), 2 data, 3 blank, 4 comment, 5-6 one record over two lines, 7 data
        assertEquals(java.util.List.of("2:1x", "7:3y"), seen);
        assertEquals(java.util.List.of("A", "B"), r.header());
        // the record over two lines never reaches the sink: it is refused in the result's errors by its first line
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertEquals(5, r.errors().get(0).index());
        assertTrue(r.errors().get(0).reason().contains("spans lines 5..6"), r.errors().get(0).reason());
    }

    @Test
    void anUnbalancedQuoteEndsTheFileWithOneErrorNamingTheLine() {
        var csv = "a,b\n1,x\n2,\"never closed\n3,y\n";
        var seen = new ArrayList<Integer>();
        var r = CsvLines.read("q.csv", new StringReader(csv), Set.of("a", "b"), "a,b", null, line -> {
            seen.add(line.number());
            return true;
        });
        assertEquals(java.util.List.of(2), seen);
        assertEquals(1, r.errors().size());
        assertEquals(3, r.errors().get(0).index());
        assertTrue(r.errors().get(0).reason().startsWith("file q.csv is not valid CSV from line 3 on"),
                r.errors().get(0).reason());
    }

    @Test
    void anEmptyFileIsNamed() {
        var r = CsvLines.read("e.csv", new StringReader(""), Set.of("a"), "a,b", null, line -> true);
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).reason().startsWith("file e.csv is empty; expected a header line a,b"));
    }
}
