package org.gridprint.allocation.bills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

import org.gridprint.allocation.jobs.JobFixtures;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UPS/PDU logs through the real ingest service into a real Derby store: idempotent, bad lines by number. */
class MeterLogImportDerbyTest {

    @TempDir
    Path dir;

    private DerbyStore store;
    private UtilityBillServiceImpl service;

    @BeforeEach
    void open() {
        var clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        store = DerbyStore.open(dir.resolve("db"), clock, StoreOptions.defaults());
        var meters = JobFixtures.meters(Meter.of("dc/ups-1", "dc"), Meter.of("dc/pdu-a1", "dc"),
                Meter.of("dc/pdu-a2", "dc"));
        service = new UtilityBillServiceImpl(store, new IngestServiceImpl(store, meters, clock, null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGenericLogImportedTwiceStoresNothingTheSecondTime() {
        var log = """
                meter,timestamp,quantity,value,unit
                dc/ups-1,2026-11-03T10:00:00Z,ACTIVE_ENERGY_IMPORT,1234567,Wh
                dc/ups-1,2026-11-03T10:15:00Z,active-energy-import,1234.9,kWh
                dc/ups-1,2026-11-03T10:30:00+01:00,ACTIVE_ENERGY_IMPORT,1.2352,MWh
                dc/ups-1,2026-11-03T10:45:00,ACTIVE_ENERGY_IMPORT,1235.5,kWh
                dc/ups-1,2026-11-03T10:45:00Z,ACTIVE_ENERGY_IMPORT,1235.5,kW
                dc/ups-9,2026-11-03T10:45:00Z,ACTIVE_ENERGY_IMPORT,1235.5,kWh
                dc/ups-1,2026-11-03T10:45:00Z,ACTIVE_POWER,7.5,
                dc/ups-1,2026-11-03T11:00:00Z,ACTIVE_ENERGY_IMPORT,n/a,kWh
                """;
        var first = service.importMeterLog("ups-1.csv", "generic", new StringReader(log));
        assertEquals(4, first.accepted(), first.toString());
        assertEquals(0, first.duplicates());
        assertEquals("5:timestamp 6:unit 7: 9:value", first.errors().stream().map(e -> e.index() + ":" + e.field())
                .collect(Collectors.joining(" ")));
        assertTrue(first.errors().get(1).reason().contains("unit kW does not measure ACTIVE_ENERGY_IMPORT"),
                first.errors().get(1).reason());
        var unknown = first.errors().get(2).reason();
        assertTrue(unknown.startsWith("meter dc/ups-9 ACTIVE_ENERGY_IMPORT at 2026-11-03T10:45:00Z: "), unknown);
        assertEquals(unknown.indexOf("dc/ups-9 ACTIVE"), unknown.lastIndexOf("dc/ups-9 ACTIVE"), "named once: " + unknown);

        var second = service.importMeterLog("ups-1.csv", "generic", new StringReader(log));
        assertEquals(0, second.accepted());
        assertEquals(4, second.duplicates());
        assertEquals(4, second.errors().size());
        assertEquals(4, store.readingCount());

        var energy = store.readings("dc/ups-1", Quantity.ACTIVE_ENERGY_IMPORT, Instant.parse("2026-11-03T00:00:00Z"),
                Instant.parse("2026-11-04T00:00:00Z"));
        // 1,234,567 Wh = 1234.567 kWh; 1.2352 MWh = 1235.2 kWh at 09:30 UTC (10:30+01:00)
        assertEquals(3, energy.size());
        assertEquals(Instant.parse("2026-11-03T09:30:00Z"), energy.get(0).timestamp());
        assertEquals(1235.2, energy.get(0).value());
        assertEquals(1234.567, energy.get(1).value());
        assertEquals(1234.9, energy.get(2).value());
        assertEquals("meterlog:ups-1.csv", energy.get(1).source());
    }

    @Test
    void aWideLogHasOneColumnPerMeterPointAndBlankCellsAreNoReading() {
        var log = """
                timestamp,dc/pdu-a1|ACTIVE_ENERGY_IMPORT|Wh,dc/pdu-a2|ACTIVE_ENERGY_IMPORT|kWh,dc/pdu-a1|ACTIVE_POWER|W
                2026-11-03T10:00:00Z,500000,812.25,1800
                2026-11-03T10:15:00Z,500450,,1810
                2026-11-03T10:30:00Z,x,812.75,1790
                """;
        var first = service.importMeterLog("pdu-a.csv", "wide", new StringReader(log));
        assertEquals(7, first.accepted(), first.toString());
        assertEquals(1, first.errors().size());
        assertEquals(4, first.errors().get(0).index());
        assertEquals("dc/pdu-a1|ACTIVE_ENERGY_IMPORT", first.errors().get(0).field());
        var again = service.importMeterLog("pdu-a.csv", "WIDE", new StringReader(log));
        assertEquals(0, again.accepted());
        assertEquals(7, again.duplicates());
        var a1 = store.readings("dc/pdu-a1", Quantity.ACTIVE_ENERGY_IMPORT, Instant.parse("2026-11-03T00:00:00Z"),
                Instant.parse("2026-11-04T00:00:00Z"));
        assertEquals(500.45, a1.get(1).value());
        var power = store.readings("dc/pdu-a1", Quantity.ACTIVE_POWER, Instant.parse("2026-11-03T00:00:00Z"),
                Instant.parse("2026-11-04T00:00:00Z"));
        assertEquals(1.81, power.get(1).value());
    }

    @Test
    void aChangedValueIsAConflictRefusedByLineAndTheStoredValueKept() {
        var log = "\uFEFFmeter,timestamp,quantity,value,unit\n"
                + "dc/ups-1,2026-11-03T10:00:00Z,ACTIVE_ENERGY_IMPORT,1234.5,kWh\n";
        assertEquals(1, service.importMeterLog("a.csv", null, new StringReader(log)).accepted());
        var changed = service.importMeterLog("a.csv", null, new StringReader(log.replace("1234.5", "1234.6")));
        assertEquals(0, changed.accepted());
        assertEquals(1, changed.errors().size());
        var e = changed.errors().get(0);
        assertEquals(2, e.index());
        assertEquals("value", e.field());
        assertTrue(e.reason().startsWith("meter dc/ups-1 ACTIVE_ENERGY_IMPORT at 2026-11-03T10:00:00Z: the store holds"
                + " 1234.5, the file says 1234.6"), e.reason());
        assertEquals(1234.5, store.latest("dc/ups-1", Quantity.ACTIVE_ENERGY_IMPORT).orElseThrow().value());
        assertEquals(1, store.quarantine(10).size());
    }

    @Test
    void aWideHeaderWithABadColumnIsRefusedNamingIt() {
        var r = service.importMeterLog("pdu.csv", "wide", new StringReader(
                "timestamp,dc/pdu-a1|ENERGY|Wh\n2026-11-03T10:00:00Z,1\n"));
        assertEquals(0, r.accepted());
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).reason().startsWith("column 2 'dc/pdu-a1|ENERGY|Wh': quantity 'ENERGY';"
                + " expected one of ACTIVE_ENERGY_IMPORT"), r.errors().get(0).reason());
    }
}
