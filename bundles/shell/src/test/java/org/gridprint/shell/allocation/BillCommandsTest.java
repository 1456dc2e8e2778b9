package org.gridprint.shell.allocation;

import static org.gridprint.shell.allocation.JobCommandsTest.cells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.allocation.BilledEnergy;
import org.gridprint.api.allocation.CostBill;
import org.gridprint.api.allocation.CostBillExport;
import org.gridprint.api.allocation.CostBillLine;
import org.gridprint.api.allocation.CostBillLine.Kind;
import org.gridprint.api.allocation.CostBillRequest;
import org.gridprint.api.allocation.CostBillService;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.allocation.UtilityBillRecord;
import org.gridprint.api.allocation.UtilityBillRecords;
import org.junit.jupiter.api.Test;

/** gridprint:bills and gridprint:utility-bills against contract-following fakes. */
class BillCommandsTest {

    private final JobConsole console = new JobConsole();
    private final List<CostBillRequest> requests = new ArrayList<>();
    private final List<Path> exported = new ArrayList<>();

    private static CostBill bill() {
        var ny = ZoneId.of("America/New_York");
        var lines = List.of(new CostBillLine(Kind.ENERGY, "peak", new BigDecimal("22.750000000"), "kWh",
                new BigDecimal("0.25"), new BigDecimal("5.69"), Optional.of(Instant.parse("2026-11-02T13:00:00Z")),
                Optional.of(Instant.parse("2026-11-02T15:00:00Z")), 2),
                new CostBillLine(Kind.TAX, "tax", new BigDecimal("5.69"), "USD", new BigDecimal("8.25"),
                        new BigDecimal("0.47"), Optional.empty(), Optional.empty(), 0),
                new CostBillLine(Kind.TOTAL, "total", BigDecimal.ZERO, "", BigDecimal.ZERO, new BigDecimal("6.16"),
                        Optional.empty(), Optional.empty(), 2));
        return new CostBill("hq", "department", "Finance", Instant.parse("2026-11-01T04:00:00Z"),
                Instant.parse("2026-12-01T05:00:00Z"), ny, "USD", lines, new BigDecimal("6.16"), 22_750_000_000L, 0, 0,
                "hq-2026", 17, 2, 1, 42, 3, 99, 1);
    }

    private CostBillService service() {
        return new CostBillService() {
            @Override
            public List<CostBill> bills(CostBillRequest request) {
                requests.add(request);
                return List.of(bill());
            }

            @Override
            public CostBillExport export(List<CostBill> bills, Path file, boolean force) {
                exported.add(file);
                return new CostBillExport(file.toAbsolutePath(), "ab12", 3);
            }
        };
    }

    @Test
    void billsPrintsEveryLineAndItsTraceAndExportsWithOutput() throws Exception {
        var c = new BillsCommand();
        c.session = console.session();
        c.bills = service();
        c.noFormat = true;
        c.period = "2026-11";
        c.target = "Finance";
        c.output = "/tmp/never-written-by-the-fake.csv";
        c.execute();
        var r = requests.get(0);
        assertEquals(LocalDate.parse("2026-11-01"), r.from());
        assertEquals(LocalDate.parse("2026-12-01"), r.to());
        assertEquals("department", r.dimension());
        assertEquals("Finance", r.target());
        var lines = console.lines();
        assertEquals(List.of("Finance", "peak", "22.750", "kWh", "0.25", "5.69 USD", "2",
                "2026-11-02T13:00:00Z .. 2026-11-02T15:00:00Z"), cells(lines.get(0)));
        assertEquals(List.of("", "tax", "5.69", "USD", "8.25 %", "0.47 USD", "", ""), cells(lines.get(1)));
        assertEquals(List.of("", "total", "", "", "", "6.16 USD", "2", ""), cells(lines.get(2)));
        assertEquals("Finance: hq department 2026-11-01 .. 2026-12-01 (America/New_York), tariff hq-2026 v2 (ref 17),"
                + " allocation v1 with rule v3 (ref 42), bill v1 (ref 99)", lines.get(3));
        assertTrue(lines.get(4).startsWith("wrote /tmp/never-written-by-the-fake.csv (3 lines of 1 bill)"),
                lines.get(4));
        assertEquals(1, exported.size());
    }

    @Test
    void withoutAPeriodLastMonthIsBilledAndForceNeedsOutput() throws Exception {
        var c = new BillsCommand();
        c.session = console.session();
        c.bills = service();
        c.clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        c.execute();
        assertEquals(LocalDate.parse("2026-11-01"), requests.get(0).from());
        c.force = true;
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--force replaces an --output file"), e.getMessage());
    }

    @Test
    void utilityBillsShowsTheBilledEnergyOfAPeriod() throws Exception {
        var rec = new UtilityBillRecord(new UtilityBill("branch", "ACC-7", "City Power", LocalDate.parse("2026-10-15"),
                LocalDate.parse("2026-11-14"), new BigDecimal("3100"), new BigDecimal("558.00"), "USD"),
                "branch/ACC-7/2026-10-15", 5, 2, "actual read", Instant.parse("2026-12-01T00:00:00Z"));
        var c = new UtilityBillsCommand();
        c.session = console.session();
        c.noFormat = true;
        c.bills = new UtilityBillRecords() {
            @Override
            public List<UtilityBillRecord> records(String siteId) {
                return List.of(rec);
            }

            @Override
            public List<UtilityBillRecord> history(String siteId, String account, LocalDate from) {
                return List.of(rec);
            }

            @Override
            public BilledEnergy billedEnergy(String siteId, LocalDate from, LocalDate to) {
                return new BilledEnergy(siteId, from, to, new BigDecimal("1400.000000"),
                        List.of(new BilledEnergy.Part(rec, 14, 31, new BigDecimal("1400.000000"))));
            }
        };
        c.site = "branch";
        c.period = "2026-11";
        c.execute();
        var lines = console.lines();
        assertEquals(List.of("branch", "ACC-7", "City Power", "2026-10-15", "2026-11-14", "3100", "558.00 USD", "2",
                "actual read", "14 of 31", "1400"), cells(lines.get(0)));
        assertEquals("billed energy of branch 2026-11-01 .. 2026-12-01 (exclusive): 1400 kWh from 1 bill, pro rata by"
                + " days", lines.get(1));
        c.site = null;
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--site: missing"), e.getMessage());
    }
}
