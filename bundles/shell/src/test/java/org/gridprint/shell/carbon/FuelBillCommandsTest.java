package org.gridprint.shell.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.FuelBill;
import org.gridprint.api.carbon.FuelBillRecord;
import org.gridprint.api.carbon.FuelBillService;
import org.junit.jupiter.api.Test;

/** fuel-bill-add and fuel-bills against a contract-following fake of FuelBillService. */
class FuelBillCommandsTest {

    private final Console console = new Console();
    private final List<FuelBill> entered = new ArrayList<>();

    private static FuelBillRecord record(int version) {
        return new FuelBillRecord("hq", "INV-1", "natural_gas", Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:00:00Z"), new BigDecimal("1000"), "therm", "PG&E", version, 7,
                "bill:hq/INV-1", Quantity.THERMAL_ENERGY, 29_307_107_017_222L, 5_311_450_000_000L, 744);
    }

    private FuelBillService service() {
        return new FuelBillService() {
            @Override
            public Result enter(FuelBill bill, String reason) {
                entered.add(bill);
                return new Result(record(1), Change.ADDED, 744, 0, 0, List.of("overlaps fuel meter 'hq/gas'"));
            }

            @Override
            public List<FuelBillRecord> bills(String siteId) {
                return List.of(record(2));
            }

            @Override
            public Optional<FuelBillRecord> bill(String siteId, String reference) {
                return Optional.of(record(2));
            }

            @Override
            public List<FuelBillRecord> history(String siteId, String reference) {
                return List.of(record(1), record(2));
            }
        };
    }

    @Test
    void addPrintsTheStoredBillItsWindowsAndWarnings() throws Exception {
        var c = new FuelBillAddCommand();
        c.session = console.session();
        c.bills = service();
        c.site = "hq";
        c.reference = "INV-1";
        c.fuel = "natural_gas";
        c.from = "2024-01-01";
        c.to = "2024-02-01";
        c.quantity = "1000";
        c.unit = "therm";
        c.supplier = "PG&E";
        c.execute();
        assertEquals(new BigDecimal("1000"), entered.get(0).quantity());
        var lines = console.lines();
        assertTrue(lines.get(0).startsWith("fuel bill hq/INV-1 entered, version 1: natural_gas 1000 therm"),
                lines.get(0));
        assertTrue(lines.get(0).contains("29307.107017222 kWh"), lines.get(0));
        assertTrue(lines.get(0).contains("744 hourly windows of bill:hq/INV-1"), lines.get(0));
        assertEquals("windows: 744 added, 0 revised, 0 unchanged", lines.get(1));
        assertEquals("WARNING: overlaps fuel meter 'hq/gas'", lines.get(2));
    }

    @Test
    void badQuantityNamesTheOption() {
        var c = new FuelBillAddCommand();
        c.session = console.session();
        c.bills = service();
        c.site = "hq";
        c.reference = "INV-1";
        c.fuel = "natural_gas";
        c.from = "2024-01-01";
        c.to = "2024-02-01";
        c.quantity = "1,000";
        c.unit = "therm";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--quantity"), e.getMessage());
        assertEquals(List.of(), entered);
    }

    @Test
    void listAndHistory() throws Exception {
        var c = new FuelBillsCommand();
        c.session = console.session();
        c.bills = service();
        c.noFormat = true;
        c.execute();
        var text = console.text();
        assertTrue(text.contains("INV-1") && text.contains("1000 therm") && text.contains("2024-01-01T00:00:00Z .."),
                text);
        c.reference = "INV-1";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--site: missing"), e.getMessage());
        c.site = "hq";
        c.execute();
        assertEquals(2, console.lines().stream().filter(l -> l.contains("INV-1")).count());
    }
}
