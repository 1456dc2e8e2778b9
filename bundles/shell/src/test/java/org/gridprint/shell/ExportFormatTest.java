package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExportFormatTest {

    @Test
    void plainNamesPassAndNullIsCsv() {
        assertEquals("emission-windows-csv", ExportFormat.parse(null));
        assertEquals("csv", ExportFormat.parse("csv"));
        assertEquals("ghg-protocol_v2", ExportFormat.parse(" ghg-protocol_v2 "));
    }

    @Test
    void filterCharactersAreRefusedNamingTheOption() {
        // '*' would match any exporter, 'csv)' broke the filter with an error not naming --format
        for (var bad : new String[] { "*", "csv)", "csv)(x=y", "c\\sv", "a=b", "", " ", "csv json" }) {
            var e = assertThrows(IllegalArgumentException.class, () -> ExportFormat.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--format: '" + bad + "' is not a format name"), e.getMessage());
            assertTrue(e.getMessage().contains("expected a format name of letters, digits, '-' and '_'"),
                    e.getMessage());
        }
    }
}
