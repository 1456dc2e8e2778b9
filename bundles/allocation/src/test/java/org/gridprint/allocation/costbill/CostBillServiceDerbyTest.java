package org.gridprint.allocation.costbill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.gridprint.allocation.tariff.TariffConfiguration;
import org.gridprint.allocation.tariff.TariffParserTest;
import org.gridprint.api.allocation.CostBillRequest;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cost bills over a contract-following allocation fake, versioned in a real Derby register, exported as CSV. */
class CostBillServiceDerbyTest {

    @TempDir
    Path dir;

    private DerbyStore store;
    private FakeAllocationService allocations;

    @BeforeEach
    void open() {
        store = DerbyStore.open(dir.resolve("db"), Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"),
                ZoneOffset.UTC), StoreOptions.defaults());
        var ws = new ArrayList<>(CostBillCalculatorTest.windows());
        ws.add(new TargetWindow("Operations", Instant.parse("2026-11-02T13:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), 2_000_000_000L, 800_000L, 300_000L, 0));
        // outside November in New York: 2026-12-01T04:00Z is 23:00 on 30 November, 05:00Z is 1 December
        ws.add(new TargetWindow("Operations", Instant.parse("2026-12-01T05:00:00Z"),
                Instant.parse("2026-12-01T06:00:00Z"), 9_000_000_000L, 0, 0, 0));
        allocations = new FakeAllocationService("hq", "department", ws);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private CostBillServiceImpl service(java.util.Map<String, Object> props) {
        return new CostBillServiceImpl(store, allocations, List.of(TariffConfiguration.of(props)));
    }

    private static CostBillRequest november(String target) {
        return new CostBillRequest("hq", "department", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-01"),
                target, "");
    }

    @Test
    void aBillPerTargetTracesTariffAndAllocationVersionsAndIsStoredOnce() {
        var service = service(TariffParserTest.props());
        var bills = service.bills(november(""));
        var r = allocations.requests.get(0);
        assertEquals(Instant.parse("2026-11-01T04:00:00Z"), r.from()); // midnight EDT
        assertEquals(Instant.parse("2026-12-01T05:00:00Z"), r.to()); // midnight EST
        assertEquals(ZoneId.of("America/New_York"), r.zone());
        assertEquals(List.of("Finance", "Operations"), bills.stream().map(b -> b.target()).toList());
        var finance = bills.get(0);
        assertEquals(new BigDecimal("202.40"), finance.total());
        assertEquals(1, finance.tariffVersion());
        assertEquals(1, finance.billVersion());
        assertEquals(42, finance.ruleRef());
        assertEquals(3, finance.ruleVersion());
        // Operations: 2 kWh peak x 0.25 = 0.50; demand 2 kW x 12.50 = 25.00; fixed 25.00; 50.50 x 8.25 % =
        // 4.166250 -> 4.17; total 54.67 (the 1 December window is not in the period)
        var ops = bills.get(1);
        assertEquals(new BigDecimal("54.67"), ops.total());
        assertEquals(2_000_000_000L, ops.energyNano());
        assertEquals(800_000L, ops.locationCo2eMicrograms());

        // the same run again stores nothing new
        var again = service.bills(november("Finance"));
        assertEquals(1, again.size());
        assertEquals(1, again.get(0).billVersion());
        assertEquals(finance.billRef(), again.get(0).billRef());

        // a changed tariff is version 2, and so is the bill priced with it
        var changed = TariffParserTest.props();
        changed.put("fixedCharge", "30.00");
        var v2 = service(changed).bills(november("Finance")).get(0);
        assertEquals(2, v2.tariffVersion());
        assertEquals(2, v2.billVersion());
        // 5.69 + 0.24 + 1.04 + 155.00 + 30.00 = 191.97; x 8.25 % = 15.837525 -> 15.84; 207.81
        assertEquals(new BigDecimal("207.81"), v2.total());
        var history = store.history("cost-bill", "hq/department/Finance/2026-11-01/2026-12-01");
        assertEquals(2, history.size());
        assertTrue(history.get(1).text().contains("line.005=FIXED|fixed charge|1|bill|30.00|30.00|||0\n"),
                history.get(1).text());
        assertEquals("computed with tariff hq-2026 v2, allocation v1", history.get(1).reason());
        assertEquals("configuration changed (org.gridprint.allocation.tariff)",
                store.history("tariff", "hq-2026").get(1).reason());
    }

    @Test
    void aTariffIsRecordedWhenConfiguredAndAChangeIsItsNextVersion() {
        TariffConfiguration.of(TariffParserTest.props(), store);
        TariffConfiguration.of(TariffParserTest.props(), store); // the same again: nothing new
        var changed = TariffParserTest.props();
        changed.put("taxPercent", "9");
        TariffConfiguration.of(changed, store);
        var history = store.history("tariff", "hq-2026");
        assertEquals(2, history.size());
        assertEquals("configured (org.gridprint.allocation.tariff~hq)", history.get(0).reason());
        assertEquals("configuration changed (org.gridprint.allocation.tariff~hq)", history.get(1).reason());
        assertTrue(history.get(1).text().contains("taxPercent=9\n"), history.get(1).text());
        // a bill priced with it names that version
        var bill = new CostBillServiceImpl(store, allocations, List.of(TariffConfiguration.of(changed)))
                .bills(november("Finance")).get(0);
        assertEquals(2, bill.tariffVersion());
        assertEquals(history.get(1).ref(), bill.tariffRef());
    }

    @Test
    void theUnallocatedRemainderIsPricedWithoutTheFixedCharge() {
        var ws = new ArrayList<TargetWindow>();
        ws.add(new TargetWindow("(unallocated)", Instant.parse("2026-11-02T13:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), 4_000_000_000L, 0, 0, 0));
        allocations = new FakeAllocationService("hq", "department", ws);
        var bill = service(TariffParserTest.props()).bills(november("")).get(0);
        // peak 4 kWh x 0.25 = 1.00; demand 4 kW x 12.50 = 50.00; no fixed charge; 51.00 x 8.25 % = 4.2075 -> 4.21
        assertEquals(List.of("peak", "demand", "tax", "total"), bill.lines().stream().map(l -> l.label()).toList());
        assertEquals(new BigDecimal("55.21"), bill.total());
    }

    @Test
    void unknownTargetNoTariffAndNoAllocationServiceAreRefusedNamingThem() {
        var service = service(TariffParserTest.props());
        var e = assertThrows(IllegalArgumentException.class, () -> service.bills(november("Legal")));
        assertTrue(e.getMessage().contains("target 'Legal' has no share in the department allocation of site hq"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("expected one of Finance, Operations"), e.getMessage());
        var other = new CostBillServiceImpl(store, allocations, List.of());
        var f = assertThrows(IllegalArgumentException.class, () -> other.bills(november("")));
        assertTrue(f.getMessage().startsWith("site hq has no tariff; expected a configuration"
                + " org.gridprint.allocation.tariff with site = hq"), f.getMessage());
        var none = new CostBillServiceImpl(store, null, List.of(TariffConfiguration.of(TariffParserTest.props())));
        var g = assertThrows(IllegalStateException.class, () -> none.bills(november("")));
        assertTrue(g.getMessage().contains("no allocation service is running"), g.getMessage());
    }

    @Test
    void exportWritesCsvAndSha256AndReplacesOnlyWithForce() throws Exception {
        var service = service(TariffParserTest.props());
        var bills = service.bills(november(""));
        var file = dir.resolve("bills-2026-11.csv");
        var r = service.export(bills, file, false);
        assertEquals(12, r.rows()); // Finance 7 lines; Operations 5: peak, demand, fixed, tax, total
        var bytes = Files.readAllBytes(file);
        var hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(hex, r.sha256());
        assertEquals(hex + "  bills-2026-11.csv\n", Files.readString(dir.resolve("bills-2026-11.csv.sha256")));
        var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(new String(bytes, StandardCharsets.UTF_8))).getRecords();
        var demand = records.get(3);
        assertEquals("Finance", demand.get("target"));
        assertEquals("DEMAND", demand.get("kind"));
        assertEquals("2026-11-02T12:00:00Z", demand.get("window_from"));
        assertEquals("155.00", demand.get("amount"));
        assertEquals("2026-11-01", demand.get("period_from"));
        assertEquals("2026-12-01", demand.get("period_to"));
        assertEquals("hq-2026", demand.get("tariff"));
        assertEquals("1", demand.get("tariff_version"));
        assertEquals("3", demand.get("rule_version"));
        assertEquals("202.40", records.get(6).get("amount"));

        var e = assertThrows(IOException.class, () -> service.export(bills, file, false));
        assertTrue(e.getMessage().contains("already exists; give --force"), e.getMessage());
        service.export(bills.subList(0, 1), file, true);
        assertEquals(8, Files.readAllLines(file).size()); // header + 7 lines
        var link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, file);
        var l = assertThrows(IOException.class, () -> service.export(bills, link, true));
        assertTrue(l.getMessage().contains("is a symbolic link"), l.getMessage());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
