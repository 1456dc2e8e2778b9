package org.gridprint.allocation.jobs;

import static org.gridprint.allocation.jobs.JobFixtures.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.JobEnergy;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.JobStamp.Kind;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job stamps and job energy on a real Derby store (record register and emission windows). */
class JobServiceDerbyTest {

    @TempDir
    Path dir;

    private DerbyStore store;
    private JobServiceImpl jobs;

    private static final String P1 = "f1/press-1";
    private static final String P2 = "f1/press-2";

    @BeforeEach
    void open() {
        var clock = Clock.fixed(Instant.parse("2026-11-03T12:30:00Z"), ZoneOffset.UTC);
        store = DerbyStore.open(dir.resolve("db"), clock, StoreOptions.defaults());
        var meters = JobFixtures.meters(Meter.of(P1, "f1"), Meter.of(P2, "f1"), Meter.of("f1/main", "f1"));
        jobs = new JobServiceImpl(store, meters, store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static JobStamp stamp(String machine, String job, Kind kind, String at, String product, double q) {
        return new JobStamp(machine, job, kind, Instant.parse("2026-11-03T" + at + ":00Z"), product, q, "test");
    }

    @Test
    void badStampsAreEachRefusedWithTheirReasonAndTheRestIsKept() {
        var batch = List.of(stamp(P1, "J1", Kind.START, "10:00", "widget", 0), // 0 stored
                stamp(P1, "J1", Kind.STOP, "10:30", "", 100), // 1 stored
                stamp("f1/nowhere", "J2", Kind.START, "10:00", "widget", 0), // 2 unknown machine
                stamp(P1, "J3", Kind.STOP, "10:30", "", 5), // 3 no start
                stamp(P2, "J4", Kind.START, "10:00", "gear", 0), // 4 stored
                stamp(P2, "J4", Kind.STOP, "09:00", "", 5), // 5 stop before start
                stamp(P2, "J1", Kind.START, "11:00", "widget", 0), // 6 second start of J1
                stamp(P1, "J1", Kind.START, "10:00", "widget", 0)); // 7 the same start again: duplicate
        var r = jobs.submit(batch);
        assertEquals(3, r.accepted());
        assertEquals(1, r.duplicates());
        assertEquals(List.of(2, 3, 5, 6), r.errors().stream().map(ItemError::index).toList());
        assertEquals(List.of("machine", "job", "at", "job"), r.errors().stream().map(ItemError::field).toList());
        assertEquals("job J2 start", r.errors().get(0).item());
        assertTrue(r.errors().get(0).reason().contains("machine 'f1/nowhere' is not a declared meter"),
                r.errors().get(0).reason());
        assertTrue(r.errors().get(1).reason().contains("job J3 has no start stamp"), r.errors().get(1).reason());
        assertTrue(r.errors().get(2).reason().contains("is before its start 2026-11-03T10:00:00Z"),
                r.errors().get(2).reason());
        assertTrue(r.errors().get(3).reason().contains("job J1 already started on f1/press-1 at 2026-11-03T10:00:00Z"),
                r.errors().get(3).reason());

        // the whole batch again: nothing new, the kept stamps are duplicates, the bad ones refused again
        var again = jobs.submit(batch);
        assertEquals(0, again.accepted());
        assertEquals(4, again.duplicates());
        assertEquals(4, again.errors().size());

        var j1 = store.history("job", "J1");
        assertEquals(2, j1.size());
        assertTrue(j1.get(0).text().contains("start=2026-11-03T10:00:00Z\n"), j1.get(0).text());
        assertTrue(j1.get(1).text().contains("stop=2026-11-03T10:30:00Z\n"), j1.get(1).text());
        assertTrue(j1.get(1).text().contains("quantity=100\n"), j1.get(1).text());
        assertEquals("stop stamp from test", j1.get(1).reason());
        var listed = jobs.jobs(Instant.parse("2026-11-03T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"));
        assertEquals(List.of("J1", "J4"), listed.stream().map(j -> j.jobId()).toList());
        assertTrue(listed.get(1).stop().isEmpty());
        assertTrue(store.verify() instanceof org.gridprint.api.store.VerificationReport.Intact, "verify covers the job register");
    }

    @Test
    void csvLinesAreRefusedByLineNumberAndAStopMayComeBeforeItsStart() {
        var csv = """
                machine,job,kind,at,product,quantity
                f1/press-1,J10,STOP,2026-11-03T11:00:00Z,,40
                f1/press-1,J10,start,2026-11-03T10:00:00+00:00,bolt,

                f1/press-1,J11,PAUSE,2026-11-03T10:00:00Z,bolt,
                f1/press-1,J12,START,yesterday,bolt,
                f1/press-1,J13,START,2026-11-03T10:00:00Z,bolt,
                f1/press-1,J13,STOP,2026-11-03T10:20:00Z,,-3
                f1/oven,J14,START,2026-11-03T10:00:00Z,bolt,
                """;
        var r = jobs.submitCsv("jobs.csv", new StringReader(csv));
        assertEquals(3, r.accepted(), r.toString()); // J10 start and stop, J13 start
        assertEquals(0, r.duplicates());
        var lines = r.errors().stream().map(e -> e.index() + ":" + e.field()).collect(Collectors.joining(" "));
        assertEquals("5:kind 6:at 8:quantity 9:machine", lines);
        assertEquals("line 5", r.errors().get(0).item());
        assertEquals("line 9: job J14 start", r.errors().get(3).item());
        assertTrue(r.errors().get(0).reason().contains("expected START or STOP"));
        var j10 = store.get("job", "J10").orElseThrow();
        assertTrue(j10.text().contains("startSource=file:jobs.csv\n"), j10.text());
        var again = jobs.submitCsv("jobs.csv", new StringReader(csv));
        assertEquals(0, again.accepted());
        assertEquals(3, again.duplicates());
    }

    @Test
    void aFileOfMoreStampsThanABatchIsRefusedWhole() {
        var sb = new StringBuilder("machine,job,kind,at\n");
        for (int i = 0; i <= org.gridprint.api.allocation.JobService.MAX_BATCH; i++) {
            sb.append("f1/press-1,K").append(i).append(",START,2026-11-03T10:00:00Z\n");
        }
        var r = jobs.submitCsv("big.csv", new StringReader(sb.toString()));
        assertEquals(0, r.accepted());
        assertEquals(1, r.errors().size());
        assertEquals(10_002, r.errors().get(0).index()); // the header is line 1, stamp 10,001 is on line 10,002
        assertTrue(r.errors().get(0).reason().contains("more than 10000 stamps"), r.errors().get(0).reason());
        assertTrue(store.list("job").isEmpty());
    }

    @Test
    void aFileWithoutTheHeaderIsRefusedNamingTheMissingColumns() {
        var r = jobs.submitCsv("bad.csv", new StringReader("machine,job,when\nf1/press-1,J1,2026-11-03T10:00:00Z\n"));
        assertEquals(0, r.accepted());
        assertEquals(1, r.errors().size());
        assertEquals("header", r.errors().get(0).field());
        assertTrue(r.errors().get(0).reason().contains("lacks at, kind"), r.errors().get(0).reason());
    }

    @Test
    void jobEnergyPerJobProductAndMachineWithIdleAndARunningJob() {
        // press-1: 10:00-11:00 4 kWh, 2 g location, 1 g market; 11:00-12:00 the same
        store.storeWindows(List.of(
                window(P1, "f1", AccountingMethod.LOCATION_BASED, "2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z",
                        4_000_000_000L, 2_000_000L),
                window(P1, "f1", AccountingMethod.MARKET_BASED, "2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z",
                        4_000_000_000L, 1_000_000L),
                window(P1, "f1", AccountingMethod.LOCATION_BASED, "2026-11-03T11:00:00Z", "2026-11-03T12:00:00Z",
                        4_000_000_000L, 2_000_000L),
                window(P1, "f1", AccountingMethod.MARKET_BASED, "2026-11-03T11:00:00Z", "2026-11-03T12:00:00Z",
                        4_000_000_000L, 1_000_000L),
                window("f1/main", "f1", AccountingMethod.LOCATION_BASED, "2026-11-03T10:00:00Z",
                        "2026-11-03T11:00:00Z", 9_000_000_000L, 9_000_000L)), "computed");
        var r = jobs.submit(List.of(stamp(P1, "J1", Kind.START, "10:00", "widget", 0),
                stamp(P1, "J1", Kind.STOP, "10:30", "", 100),
                stamp(P1, "J5", Kind.START, "10:45", "widget", 0),
                stamp(P1, "J5", Kind.STOP, "11:15", "", 50),
                stamp(P1, "J6", Kind.START, "11:30", "gear", 0))); // running (now 12:30)
        assertTrue(r.allAccepted(), r.toString());
        var report = jobs.report(Instant.parse("2026-11-03T10:00:00Z"), Instant.parse("2026-11-03T12:00:00Z"));
        // window 1: J1 30 min, J5 15 min, idle 15 -> 2, 1, 1 kWh; window 2: J5 15 min, J6 30 min (to the report's
        // end 12:00), idle 15 -> 1, 2, 1 kWh
        var byId = report.jobs().stream().collect(Collectors.toMap(JobEnergy::jobId, j -> j));
        assertEquals(2_000_000_000L, byId.get("J1").energyNano());
        assertEquals(2_000_000_000L, byId.get("J5").energyNano());
        assertEquals(2_000_000_000L, byId.get("J6").energyNano());
        assertEquals(1_000_000L, byId.get("J1").locationCo2eMicrograms());
        assertEquals(1_000_000L, byId.get("J5").locationCo2eMicrograms()); // 0.5 g + 0.5 g
        assertEquals(500_000L, byId.get("J5").marketCo2eMicrograms()); // 0.25 g + 0.25 g
        assertEquals(2, byId.get("J5").windows());
        assertTrue(byId.get("J6").running());
        assertEquals(Instant.parse("2026-11-03T12:00:00Z"), byId.get("J6").end());
        assertEquals(List.of("J1", "J5", "J6"), report.jobs().stream().map(JobEnergy::jobId).toList());
        assertEquals(List.of(1L), report.factorRefs()); // the windows' factor version
        assertEquals(List.of(), report.instrumentRefs());

        assertEquals(1, report.machines().size()); // f1/main runs no job and is no MACHINE asset
        var m = report.machines().get(0);
        assertEquals(P1, m.machine());
        assertEquals(8_000_000_000L, m.energyNano());
        assertEquals(2_000_000_000L, m.idleEnergyNano());
        assertEquals(1_000_000L, m.idleLocationCo2eMicrograms());
        assertEquals(500_000L, m.idleMarketCo2eMicrograms());
        assertEquals(3, m.jobs());

        assertEquals(2, report.products().size());
        var gear = report.products().get(0);
        var widget = report.products().get(1);
        assertEquals("gear", gear.product());
        assertEquals(1, gear.partialJobs());
        assertEquals("widget", widget.product());
        assertEquals(2, widget.jobs());
        assertEquals(0, widget.partialJobs());
        assertEquals(150.0, widget.quantity());
        assertEquals(4_000_000_000L, widget.energyNano()); // 4 kWh / 150 units = 26.667 Wh per unit
    }
}
