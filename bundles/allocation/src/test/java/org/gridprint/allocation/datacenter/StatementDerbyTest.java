package org.gridprint.allocation.datacenter;

import static org.gridprint.allocation.datacenter.Fixtures.G;
import static org.gridprint.allocation.datacenter.Fixtures.KWH;
import static org.gridprint.allocation.datacenter.Fixtures.window;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.StatementFormat;
import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.StatementRequest;
import org.gridprint.api.allocation.TenantStatement;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Offset;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Tenant statements from windows stored in a real Derby store (windows, readings, register) with the hand-computed
 * figures of {@link PueSplitTest}: facility 15 / 24 / 8 kWh, tenant A 6 / 10 / 1 kWh on two PDUs, tenant B 4 / 10 / 3.
 */
class StatementDerbyTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private DerbyStore store;
    private final List<Event> events = new ArrayList<>();

    @BeforeEach
    void open() {
        store = DerbyStore.open(dir.resolve("db"), CLOCK, StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private TenantStatementServiceImpl service(Map<String, Object> config, org.gridprint.api.MeterRegistry registry,
            Offset... offsets) {
        var s = new TenantStatementServiceImpl();
        s.windows = store;
        s.readings = store;
        s.register = store;
        s.registry = registry;
        s.instruments = Fixtures.offsets(offsets);
        s.clock = CLOCK;
        s.events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        };
        s.sites.add(Fixtures.site(config));
        return s;
    }

    @Test
    void twoTenantsThreeWindowsOnDerby() throws Exception {
        long locRef = store.put("factor", "egrid2022/subregion/RFCE/co2e", "edition=eGRID2022 (2024-01-30)\n"
                + "id=egrid2022/subregion/RFCE/co2e\nsource=US EPA eGRID2022, subregion RFCE\n", "initial").ref();
        long mktRef = store.put("factor", "egrid2023rev2/subregion/RFCE/co2e", "edition=eGRID2023rev2 (2025-06)\n"
                + "id=egrid2023rev2/subregion/RFCE/co2e\nsource=US EPA eGRID2023rev2, subregion RFCE\n", "initial").ref();
        long recRef = store.put("instrument", "REC-7", "id=REC-7\nsource=WREGIS retirement RET-7\n", "initial").ref();
        // New York: November 2026 runs 2026-11-01T04:00Z .. 2026-12-01T05:00Z
        var t1 = Instant.parse("2026-11-02T05:00:00Z");
        var t2 = t1.plusSeconds(3600);
        var t3 = t2.plusSeconds(3600);
        var before = Instant.parse("2026-11-01T03:00:00Z"); // 31 October 23:00 EDT: not in the period
        var w = new ArrayList<EmissionWindow>();
        var loc = AccountingMethod.LOCATION_BASED;
        var mkt = AccountingMethod.MARKET_BASED;
        w.add(window("dc/main", "dc", loc, t1, 15 * KWH, 6000 * G, locRef, 0, 0));
        w.add(window("dc/main", "dc", mkt, t1, 15 * KWH, 3000 * G, mktRef, recRef, 5 * KWH));
        w.add(window("dc/main", "dc", loc, t2, 24 * KWH, 9000 * G, locRef, 0, 0));
        w.add(window("dc/main", "dc", mkt, t2, 24 * KWH, 9000 * G, mktRef, 0, 0));
        w.add(window("dc/main", "dc", loc, t3, 8 * KWH, 4000 * G, locRef, 0, 0));
        w.add(window("dc/main", "dc", mkt, t3, 8 * KWH, 2000 * G, mktRef, recRef, 2 * KWH));
        w.add(window("dc/main", "dc", loc, before, 99 * KWH, 99 * G, locRef, 0, 0));
        w.add(window("dc/pdu-a1", "dc", loc, t1, 4 * KWH, 1 * G, locRef, 0, 0));
        w.add(window("dc/pdu-a2", "dc", loc, t1, 2 * KWH, 1 * G, locRef, 0, 0));
        w.add(window("dc/pdu-a1", "dc", loc, t2, 7 * KWH, 1 * G, locRef, 0, 0));
        w.add(window("dc/pdu-a2", "dc", loc, t2, 3 * KWH, 1 * G, locRef, 0, 0));
        w.add(window("dc/pdu-a1", "dc", loc, t3, 1 * KWH, 1 * G, locRef, 0, 0)); // pdu-a2 has no window at t3
        for (var t : List.of(t1, t2, t3)) {
            long b = t.equals(t1) ? 4 : t.equals(t2) ? 10 : 3;
            w.add(window("dc/pdu-b", "dc", loc, t, b * KWH, 1 * G, locRef, 0, 0));
            w.add(window("dc/pdu-b", "dc", mkt, t, b * KWH, 1 * G, mktRef, 0, 0)); // market twin: not IT twice
        }
        store.storeWindows(w, "computed");

        var config = Map.<String, Object>of("id", "dc-1", "site", "dc", "timeZone", "America/New_York",
                "facilityMeters", "dc/main", "itMeters", "A: dc/pdu-a1, dc/pdu-a2; B: dc/pdu-b",
                "offsets", "A: VCS-1, VCS-404");
        var registry = Fixtures.registry(Fixtures.meter("dc/main", "dc", "MAIN", "", null),
                Fixtures.meter("dc/pdu-a1", "dc", "PDU", "A", "dc/main"),
                Fixtures.meter("dc/pdu-a2", "dc", "PDU", "A", "dc/main"),
                Fixtures.meter("dc/pdu-b", "dc", "PDU", "B", "dc/main"));
        var offset = new Offset("VCS-1", new BigDecimal("2.5"), "VCS", "Cookstoves Kenya", LocalDate.of(2025, 1, 1),
                "RET-VCS-1", LocalDate.of(2026, 11, 20), "dc");
        var service = service(config, registry, offset);

        var s = service.statement(new StatementRequest("", "A", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)));

        // hand figures (PueSplitTest): A IT 17 kWh, overhead 6, total 23, location 9100 g, market 1800+4500+500 g,
        // REC 3 + 0 + 0.5 kWh, PUE 23/17
        assertEquals(new StatementLine("A", 17_000, 0, 6_000, 23_000, 9_100, 6_800, 3_500,
                Optional.of(new BigDecimal("1.353"))), s.line());
        assertEquals(new StatementLine("B", 17_000, 0, 7_000, 24_000, 9_900, 7_200, 3_500,
                Optional.of(new BigDecimal("1.412"))), s.lineOf("B").orElseThrow());
        assertEquals(new StatementLine(TenantStatement.FACILITY, 34_000, 0, 13_000, 47_000, 19_000, 14_000, 7_000,
                Optional.of(new BigDecimal("1.382"))), s.facility());
        assertEquals(3, s.accountedWindows());
        assertEquals(3, s.windows().size());
        var first = s.windows().get(0);
        assertEquals(t1, first.start());
        assertEquals(15 * KWH, first.facilityNano());
        assertEquals(10 * KWH, first.itNano());
        assertEquals(6 * KWH, first.tenantItNano());
        assertEquals(3 * KWH, first.tenantOverheadNano());
        assertEquals(3600 * G, first.locationMicrograms());
        assertEquals(3 * KWH, first.recNano());
        // provenance: both factor editions and the certificate, with their window counts
        assertEquals(3, s.factors().size());
        var f0 = s.factors().get(0);
        assertEquals(locRef, f0.ref());
        assertEquals("eGRID2022 (2024-01-30)", f0.edition());
        assertEquals(3, f0.windows());
        assertEquals("eGRID2023rev2 (2025-06)", s.factors().get(1).edition());
        assertEquals("instrument REC-7", s.factors().get(2).id());
        assertEquals(2, s.factors().get(2).windows());
        // offsets apart, the unregistered one a finding; the missing PDU window a finding
        assertEquals(List.of(offset), s.offsets());
        assertTrue(s.findings().stream().anyMatch(f -> f.contains("offset VCS-404 assigned to A is not registered")),
                s.findings().toString());
        assertTrue(s.findings().stream().anyMatch(f -> f.startsWith("IT meter dc/pdu-a2 (A) has no counted"
                + " window in 1 of the 3 facility windows")), s.findings().toString());
        // the configuration version the statement was computed with is in the ledgered register
        assertTrue(s.configRef() > 0);
        assertEquals(store.get("datacenter", "dc-1").orElseThrow().ref(), s.configRef());

        // the CSV's line records add up to the facility record (parsed back with Commons CSV)
        var csv = service.render(s, StatementFormat.CSV);
        var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        var sum = BigDecimal.ZERO;
        String facilityTotal = null;
        for (var r : records) {
            if (r.get("record").equals("line")) {
                if (r.get("target").equals(TenantStatement.FACILITY)) {
                    facilityTotal = r.get("total_kwh");
                } else {
                    sum = sum.add(new BigDecimal(r.get("total_kwh")));
                }
            }
        }
        assertEquals("47.000", facilityTotal);
        assertEquals(0, sum.compareTo(new BigDecimal("47")));
        assertEquals(3, records.stream().filter(r -> r.get("record").equals("window")).count());

        // file + sha256sum sidecar; refused without --force the second time
        var file = dir.resolve("a-2026-11.csv");
        var written = service.write(s, StatementFormat.CSV, file, false);
        var bytes = Files.readAllBytes(file);
        var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha, written.sha256());
        assertEquals(sha + "  a-2026-11.csv\n", Files.readString(dir.resolve("a-2026-11.csv.sha256"),
                StandardCharsets.UTF_8));
        var e = assertThrows(IOException.class, () -> service.write(s, StatementFormat.CSV, file, false));
        assertTrue(e.getMessage().contains("already exists; give --force"), e.getMessage());
        // the issue is recorded in the ledgered register and announced
        assertEquals(1, written.version());
        var issued = store.get("tenant-statement", "dc-1/A/2026-11-01/2026-12-01").orElseThrow();
        assertEquals(written.recordRef(), issued.ref());
        assertTrue(issued.text().contains("sha256=" + sha + "\n"), issued.text());
        assertTrue(issued.text().contains("\ntotalWh=23000\nwindows=3\nzone=America/New_York\n"), issued.text());
        var again = service.write(s, StatementFormat.JSON, file, true);
        assertTrue(Files.readString(file).startsWith("{"));
        assertEquals(2, again.version());
        assertEquals(2, events.size());
        assertEquals("gridprint/allocations/COMPUTED", events.get(1).getTopic());
        assertEquals("A", events.get(1).getProperty("tenant"));
        assertEquals(2, events.get(1).getProperty("version"));
        assertEquals(Instant.parse("2026-11-01T04:00:00Z").toEpochMilli(), events.get(1).getProperty("from"));
        assertThrows(IOException.class, () -> service.write(s, StatementFormat.TEXT, dir, true));

        // the ledger, register records included, verifies
        var report = store.verify();
        assertTrue(report instanceof org.gridprint.api.store.VerificationReport.Intact, report.toString());
    }

    @Test
    void unknownTenantAndUndeclaredMeterAreNamed() {
        var config = Map.<String, Object>of("id", "dc-1", "site", "dc", "facilityMeters", "dc/main",
                "itMeters", "A: dc/pdu-a1");
        var registry = Fixtures.registry(Fixtures.meter("dc/main", "dc", "MAIN", "", null));
        var service = service(config, registry);
        var e = assertThrows(IllegalArgumentException.class, () -> service.statement(new StatementRequest("", "A",
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1))));
        assertEquals("org.gridprint.allocation.datacenter 'dc-1': field itMeters names meter dc/pdu-a1 of tenant A,"
                + " which is not declared (org.gridprint.meter); expected a declared meter id", e.getMessage());
        var ok = service(config, Fixtures.registry(Fixtures.meter("dc/main", "dc", "MAIN", "", null),
                Fixtures.meter("dc/pdu-a1", "dc", "PDU", "A", null)));
        e = assertThrows(IllegalArgumentException.class, () -> ok.statement(new StatementRequest("dc-1", "Z",
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1))));
        assertEquals("data center dc-1 has no tenant 'Z'; expected one of [A]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ok.statement(new StatementRequest("dc-9", "A",
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1))));
        assertEquals("data center or site 'dc-9' is not configured; expected one of [dc-1]", e.getMessage());
    }

    /**
     * Tenant tags and an estimated server, UTC, one hour: facility 1 kWh, 400 g location-based; PDU dc/pdu-c1
     * (tenant C) 0.3 kWh below UPS dc/ups-1 (0.45 kWh, left out: its PDU counts), PDU dc/pdu-x without tenant 0.1 kWh
     * (unassigned), server dc/srv-d1 of tenant D at 50 % all hour on a 100..300 W linear model = 200 W → 0.2 kWh.
     * IT 0.6 kWh; overhead 0.4 kWh split 1:3:2 (unassigned, C, D) = 66,666,666.67 / 200,000,000 / 133,333,333.33
     * nano-kWh: floors leave 1 nano-kWh for the largest remainder (unassigned). Totals 166,666,667 / 500,000,000 /
     * 333,333,333 nano-kWh → Wh 167 / 500 / 333 (the whole 1000 Wh; the unit left goes to the remainder .666667).
     * CO2e 400 g split the same: 66.67 / 200 / 133.33 g → 67 / 200 / 133 g.
     */
    @Test
    void tenantTagsAndAnEstimatedServer() {
        var t = Instant.parse("2026-11-02T00:00:00Z");
        var loc = AccountingMethod.LOCATION_BASED;
        store.storeWindows(List.of(window("dc/main", "dc", loc, t, KWH, 400 * G, 0, 0, 0),
                window("dc/ups-1", "dc", loc, t, 450_000_000L, 0, 0, 0, 0),
                window("dc/pdu-c1", "dc", loc, t, 300_000_000L, 0, 0, 0, 0),
                window("dc/pdu-x", "dc", loc, t, 100_000_000L, 0, 0, 0, 0)), "computed");
        var readings = new ArrayList<Reading>();
        for (int m = 0; m < 60; m += 5) {
            readings.add(Reading.good("dc/srv-d1", Quantity.UTILISATION, t.plusSeconds(60L * m), 50, "test"));
        }
        store.append("test", readings);
        var registry = Fixtures.registry(Fixtures.meter("dc/main", "dc", "MAIN", "", null),
                Fixtures.meter("dc/ups-1", "dc", "UPS", "", "dc/main"),
                Fixtures.meter("dc/pdu-c1", "dc", "PDU", "C", "dc/ups-1"),
                Fixtures.meter("dc/pdu-x", "dc", "PDU", "", "dc/main"),
                Fixtures.meter("dc/srv-d1", "dc", "SERVER", "", null));
        var service = service(Map.of("id", "dc-2", "site", "dc", "facilityMeters", "dc/main", "itByTenantTag", "true",
                "servers", "D: dc/srv-d1=small", "serverGapSeconds", "300"), registry);
        service.serverTypes.add(Fixtures.serverType(Map.of("id", "small", "idleWatts", "100", "maxWatts", "300")));

        var all = service.statement(new StatementRequest("dc", "", LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1)));
        assertEquals(List.of(
                new StatementLine(TenantStatement.UNASSIGNED, 100, 0, 67, 167, 67, 0, 0,
                        Optional.of(new BigDecimal("1.667"))),
                new StatementLine("C", 300, 0, 200, 500, 200, 0, 0, Optional.of(new BigDecimal("1.667"))),
                new StatementLine("D", 200, 200, 133, 333, 133, 0, 0, Optional.of(new BigDecimal("1.667")))),
                all.lines());
        assertEquals(1000, all.facility().totalWh());
        assertEquals(400, all.facility().locationCo2eGrams());
        assertTrue(all.findings().stream().anyMatch(f -> f.startsWith("IT meter dc/ups-1 (tenant tag) has IT"
                + " submeters")), all.findings().toString());
        assertTrue(all.findings().stream().anyMatch(f -> f.contains("200 Wh of the IT energy is ESTIMATED")),
                all.findings().toString());

        var d = service.statement(new StatementRequest("dc-2", "D", LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1)));
        assertEquals(200, d.line().estimatedItWh());
        assertEquals(200_000_000L, d.windows().get(0).tenantEstimatedNano());
        assertTrue(service.render(d, StatementFormat.TEXT).contains("of which ESTIMATED 0.200 kWh"));
        assertEquals(List.of("C", "D"), service.dataCenters().get(0).tenants());
    }
}
