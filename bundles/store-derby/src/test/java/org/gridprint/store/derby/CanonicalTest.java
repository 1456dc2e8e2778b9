package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.RowDigest;
import org.junit.jupiter.api.Test;

class CanonicalTest {

    private static final Quantity E = Quantity.ACTIVE_ENERGY_IMPORT;

    @Test
    void writesTheReadmeExampleLine() {
        var row = new Canonical.Row("hq/b1/ahu-2", E, 1_767_225_600_000L, 100.0, Quality.GOOD, "modbus/panel-3");
        var line = new String(Canonical.line(row), StandardCharsets.UTF_8);
        assertEquals("hq/b1/ahu-2\tACTIVE_ENERGY_IMPORT\t1767225600000\t4059000000000000\tGOOD\tmodbus/panel-3\n", line);
    }

    @Test
    void padsTheValueBitsAndEncodesUtf8() {
        var row = new Canonical.Row("zähler-ü", E, -1, Double.MIN_VALUE, Quality.SUSPECT, "src");
        var line = Canonical.line(row);
        assertEquals("zähler-ü\tACTIVE_ENERGY_IMPORT\t-1\t0000000000000001\tSUSPECT\tsrc\n",
                new String(line, StandardCharsets.UTF_8));
        var crc = new CRC32C();
        crc.update(line);
        assertEquals((int) crc.getValue(), Canonical.digest(line));
    }

    @Test
    void ordersByMeterThenQuantityNameThenTimestamp() {
        var rows = new ArrayList<>(List.of(
                new Canonical.Row("b", E, 1, 0, Quality.GOOD, "s"),
                new Canonical.Row("a", Quantity.ACTIVE_POWER, 5, 0, Quality.GOOD, "s"),
                new Canonical.Row("a", E, 9, 0, Quality.GOOD, "s"),
                new Canonical.Row("a", E, 2, 0, Quality.GOOD, "s")));
        rows.sort(Canonical.ORDER);
        assertEquals(List.of(2L, 9L, 5L, 1L), rows.stream().map(Canonical.Row::ts).toList(),
                "ACTIVE_ENERGY_IMPORT sorts before ACTIVE_POWER by name");
    }

    /** BatchPayload: the hash the auditor recomputes and the WAL records of the same readings, in the same order. */
    @Test
    void batchPayloadHashesTheDocumentedEncodingAndEncodesTheWal() throws Exception {
        var readings = List.of(
                new Reading("a", E, Fixtures.T0, 1.5, Quality.GOOD, "modbus/panel-3"),
                new Reading("b", E, Fixtures.T0.plusSeconds(60), 2.0, Quality.ESTIMATED, "csv"));
        var series = List.of(new Series(4, "a", E, Long.MIN_VALUE, 0), new Series(7, "b", E, Long.MIN_VALUE, 0));
        var pending = new ArrayList<PendingReading>();
        for (int i = 0; i < 2; i++) {
            var r = readings.get(i);
            var row = new Canonical.Row(r.meterId(), r.quantity(), r.timestamp().toEpochMilli(), r.value(), r.quality(),
                    r.source());
            pending.add(new PendingReading(series.get(i), r, row, 10 + i));
        }
        var previous = "ab".repeat(32);
        var header = new EntryHeader(9, EntryKind.READINGS, 1234, "batch/src", 2, 0);
        var payload = BatchPayload.of(previous, header, pending, List.of());
        assertEquals(LedgerTest.auditorHash(previous, 9, 1234, "batch/src", readings), payload.hash());
        var wal = WalCodec.decode(payload.wal(), 1, 2);
        assertEquals(new WalCodec.Entry(4, Fixtures.T0.toEpochMilli(), 1.5, (byte) 0, 10,
                RowDigest.of(CanonicalLines.reading(readings.get(0)))), wal[0]);
        assertEquals(new WalCodec.Entry(7, Fixtures.T0.plusSeconds(60).toEpochMilli(), 2.0, (byte) 1, 11,
                RowDigest.of(CanonicalLines.reading(readings.get(1)))), wal[1]);
    }
}
