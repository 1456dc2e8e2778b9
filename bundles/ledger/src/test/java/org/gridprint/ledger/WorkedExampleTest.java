package org.gridprint.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.junit.jupiter.api.Test;

/** The worked example of docs/ledger-spec.md: if this test changes, the specification changes with it. */
class WorkedExampleTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void entryOneAndTwo() {
        var a = Reading.good("hq/b1/ahu-2", Quantity.ACTIVE_ENERGY_IMPORT, T, 100.0, "modbus/panel-3");
        var b = new Reading("hq/b1/ahu-1", Quantity.ACTIVE_POWER, T, -0.0, Quality.ESTIMATED, "modbus/panel-3");
        var lines = List.of(CanonicalLines.reading(a), CanonicalLines.reading(b));
        assertEquals("R\thq/b1/ahu-2\tACTIVE_ENERGY_IMPORT\t1767225600000\t4059000000000000\tGOOD\tmodbus/panel-3\n",
                lines.get(0));
        assertEquals("R\thq/b1/ahu-1\tACTIVE_POWER\t1767225600000\t8000000000000000\tESTIMATED\tmodbus/panel-3\n",
                lines.get(1));
        var h1 = new EntryHeader(1, EntryKind.READINGS, 1767225601500L, "modbus/panel-3", 2, 0);
        var hash1 = EntryHash.of(LedgerFormat.GENESIS_HASH, h1, lines);
        assertEquals(EXPECTED_1, hash1);

        var c = Reading.good("hq/b1/ahu-2", Quantity.ACTIVE_ENERGY_IMPORT, T, 101.0, "modbus/panel-3");
        var q = CanonicalLines.quarantined(c, 100.0, 1767225602000L, Reasons.conflict(c, 100.0));
        var d = Reading.good("hq/b1/ahu-2", Quantity.ACTIVE_ENERGY_IMPORT, T.plusSeconds(1), 100.25, "modbus/panel-3");
        var h2 = new EntryHeader(2, EntryKind.READINGS, 1767225602000L, "modbus/panel-3", 2, 0);
        var hash2 = EntryHash.of(hash1, h2, List.of(CanonicalLines.reading(d), q));
        assertEquals(EXPECTED_2, hash2);
        assertEquals(RowDigest.of(lines.get(0)), EXPECTED_DIGEST_A);
    }

    static final String EXPECTED_1 = "c89943347e11362a2c4594835f498c778f73075565aea5999353b52c9c9fc692";
    static final String EXPECTED_2 = "909deab29547e5b4a13ee64988979e7e1c7bb1da1b0c18a8f11adaf2feadf275";
    static final int EXPECTED_DIGEST_A = 0x5559e061;
}
