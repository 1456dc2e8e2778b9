package org.gridprint.carbon.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void splitsOnCommasOutsideQuotes() {
        assertEquals(Optional.of(List.of("a", " b ", "", "c")), CsvLine.split("a, b ,,c"));
        assertEquals(Optional.of(List.of("x,y", "say \"hi\"", "z")), CsvLine.split("\"x,y\",\"say \"\"hi\"\"\",z"));
        assertEquals(Optional.of(List.of("")), CsvLine.split(""));
    }

    @Test
    void aQuoteAfterTextOrAfterAQuotedFieldIsText() {
        assertEquals(Optional.of(List.of("5\" pipe", "x")), CsvLine.split("5\" pipe,x"));
        assertEquals(Optional.of(List.of("a\"b\"")), CsvLine.split("\"a\"\"b\"\"\""));
        assertEquals(Optional.of(List.of(" \"b\"")), CsvLine.split("\"\" \"b\""));
    }

    @Test
    void anUnclosedQuoteIsEmpty() {
        assertTrue(CsvLine.split("a,\"b,c").isEmpty());
    }
}
