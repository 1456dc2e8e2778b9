package org.gridprint.allocation.bills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Utility bills in the ledgered register of a real Derby store: import, duplicates, corrections, billed energy. */
class UtilityBillServiceDerbyTest {

    @TempDir
    Path dir;

    private DerbyStore store;
    private UtilityBillServiceImpl bills;

    @BeforeEach
    void open() {
        store = DerbyStore.open(dir.resolve("db"),
                Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC), StoreOptions.defaults());
        bills = new UtilityBillServiceImpl(store, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static final String CSV = """
            site,account,supplier,from,to,kwh,cost,currency
            branch,ACC-7,City Power,2026-10-15,2026-11-14,3100,558.00,USD
            branch,ACC-7,City Power,2026-11-15,2026-12-14,3000.0,540,USD
            branch,ACC-7,City Power,2026-12-15,Jan 14,3000,540,USD
            branch,ACC-8,City Power,2026-11-01,2026-11-30,-5,0,
            branch,ACC-8,City Power,2026-11-30,2026-11-01,5,0,
            branch,ACC-9,City Power,2026-11-01,2026-11-30,5,12.5,
            """;

    @Test
    void aBillFileIsStoredLineByLineAndBadLinesAreRefusedByNumber() {
        var r = bills.submitBillsCsv("bills.csv", new StringReader(CSV), "");
        assertEquals(2, r.accepted());
        assertEquals("4:to 5:kwh 6:to 7:currency", r.errors().stream().map(e -> e.index() + ":" + e.field())
                .collect(Collectors.joining(" ")));
        assertTrue(r.errors().get(0).reason().contains("'Jan 14' is not a date"), r.errors().get(0).reason());
        assertTrue(r.errors().get(2).reason().contains("ends 2026-11-01 before it starts 2026-11-30"));
        assertTrue(r.errors().get(3).reason().contains("needs its currency"));
        var again = bills.submitBillsCsv("bills.csv", new StringReader(CSV), "");
        assertEquals(0, again.accepted());
        assertEquals(2, again.duplicates());
        var listed = bills.bills("branch");
        assertEquals(2, listed.size());
        assertEquals(0, new BigDecimal("3000").compareTo(listed.get(1).kwh()));
        var text = store.get("utility-bill", "branch/ACC-7/2026-11-15").orElseThrow().text();
        assertEquals("account=ACC-7\ncost=540\ncurrency=USD\nformat=1\nfrom=2026-11-15\nkwh=3000\nsite=branch\n"
                + "supplier=City Power\nto=2026-12-14\n", text);
    }

    @Test
    void aCorrectionNeedsAReasonAndBecomesVersionTwo() {
        var bill = new UtilityBill("branch", "ACC-7", "City Power", LocalDate.parse("2026-10-15"),
                LocalDate.parse("2026-11-14"), new BigDecimal("3100"), new BigDecimal("558.00"), "USD");
        assertEquals(1, bills.submitBills(List.of(bill), null).accepted());
        var corrected = new UtilityBill("branch", "ACC-7", "City Power", LocalDate.parse("2026-10-15"),
                LocalDate.parse("2026-11-14"), new BigDecimal("3162"), new BigDecimal("569.16"), "USD");
        var refused = bills.submitBills(List.of(corrected), " ");
        assertEquals(0, refused.accepted());
        assertEquals("reason", refused.errors().get(0).field());
        assertTrue(refused.errors().get(0).reason().contains("version 1) with other values (kwh 3100 -> 3162, cost"
                + " 558 -> 569.16); a correction needs a reason"), refused.errors().get(0).reason());
        var ok = bills.submitBills(List.of(corrected), "meter read estimate replaced by actual read");
        assertEquals(1, ok.accepted());
        var history = bills.history("branch", "ACC-7", LocalDate.parse("2026-10-15"));
        assertEquals(List.of(1, 2), history.stream().map(h -> h.version()).toList());
        assertEquals("meter read estimate replaced by actual read", history.get(1).reason());
        assertEquals(new BigDecimal("3162"), bills.bills("branch").get(0).kwh());
        assertTrue(store.verify() instanceof VerificationReport.Intact);
    }

    @Test
    void billedEnergyOfAMonthIsProRataByDays() {
        bills.submitBillsCsv("bills.csv", new StringReader(CSV), "");
        var e = bills.billedEnergy("branch", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-01"));
        // bill 1: Oct 15 .. Nov 14 = 31 days, 3100 kWh; 14 days in November -> 1400 kWh
        // bill 2: Nov 15 .. Dec 14 = 30 days, 3000 kWh; 16 days in November -> 1600 kWh
        assertEquals(2, e.parts().size());
        assertEquals(14, e.parts().get(0).days());
        assertEquals(31, e.parts().get(0).billDays());
        assertEquals(new BigDecimal("1400.000000"), e.parts().get(0).kwh());
        assertEquals(new BigDecimal("1600.000000"), e.parts().get(1).kwh());
        assertEquals(new BigDecimal("3000.000000"), e.kwh());
        assertEquals(0, bills.billedEnergy("elsewhere", LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-12-01")).parts().size());
    }

    @Test
    void aFileWithoutTheNeededColumnsIsRefusedAndNoIngestMeansNoMeterLog() {
        var r = bills.submitBillsCsv("x.csv", new StringReader("site,from,to\nbranch,2026-11-01,2026-11-30\n"), "");
        assertEquals("header", r.errors().get(0).field());
        assertTrue(r.errors().get(0).reason().contains("lacks kwh"), r.errors().get(0).reason());
        var e = assertThrows(IllegalStateException.class, () -> bills.importMeterLog("ups.csv", "", new StringReader(
                "meter,timestamp,quantity,value\n")));
        assertTrue(e.getMessage().contains("through the ingest service"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> bills.importMeterLog("ups.csv", "apc",
                new StringReader("")));
        assertTrue(f.getMessage().startsWith("meter log format 'apc'; expected generic"), f.getMessage());
    }
}
