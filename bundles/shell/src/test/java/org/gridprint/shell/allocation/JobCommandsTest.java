package org.gridprint.shell.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.Job;
import org.gridprint.api.allocation.JobEnergy;
import org.gridprint.api.allocation.JobReport;
import org.gridprint.api.allocation.JobReportService;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.MachineEnergy;
import org.gridprint.api.allocation.ProductEnergy;
import org.gridprint.api.allocation.SubmitReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gridprint:jobs, job-stamp and job-import against contract-following fakes of the services. */
class JobCommandsTest {

    @TempDir
    Path dir;

    private final JobConsole console = new JobConsole();
    private final List<Instant[]> asked = new ArrayList<>();

    private static final Instant T = Instant.parse("2026-11-03T10:00:00Z");

    /** Three jobs of 1/3 kWh each and 1/3 kWh idle on one machine of 4/3 kWh: rows must add up as printed. */
    private JobReportService reports() {
        return (from, to) -> {
            asked.add(new Instant[] {from, to});
            var jobs = List.of(
                    new JobEnergy("J1", "f1/press", "widget", T, T.plusSeconds(600), false, 100, 0, 333_333_334L,
                            1_333_334L, 0, 1),
                    new JobEnergy("J2", "f1/press", "widget", T.plusSeconds(600), T.plusSeconds(1200), false, 50, 0,
                            333_333_333L, 1_333_333L, 0, 1),
                    new JobEnergy("J3", "f1/press", "gear", T.plusSeconds(1200), T.plusSeconds(1800), true, 0, 0,
                            333_333_333L, 1_333_333L, 0, 1));
            var machines = List.of(new MachineEnergy("f1/press", 1_333_333_333L, 5_333_333L, 0, 333_333_333L,
                    1_333_333L, 0, 3, 1));
            var products = List.of(new ProductEnergy("gear", 1, 1, 0, 333_333_333L, 1_333_333L, 0),
                    new ProductEnergy("widget", 2, 0, 150, 666_666_667L, 2_666_667L, 0));
            return new JobReport(from, to, jobs, products, machines, List.of(7L), List.of(), T);
        };
    }

    private JobsCommand jobs(String by) {
        var c = new JobsCommand();
        c.session = console.session();
        c.reports = reports();
        c.by = by;
        c.noFormat = true;
        c.clock = Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC);
        return c;
    }

    @Test
    void jobRowsAndIdleAddUpToTheTotalAsPrinted() throws Exception {
        var c = jobs("job");
        c.period = "2026-11";
        c.zone = "Europe/Berlin";
        c.execute();
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), asked.get(0)[0]);
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), asked.get(0)[1]);
        var lines = console.lines();
        // 0.333333334 + 3 x 0.333333333 = 1.333333333 kWh -> 1.333 total; rows floor 0.333 each, one Wh left to
        // the largest remainder (J1's .334) -> 0.334, 0.333, 0.333, 0.333
        assertEquals(List.of("J1", "f1/press", "widget", "2026-11-03T10:00:00Z", "2026-11-03T10:10:00Z", "100",
                "0.334", "0.002", "0.000", "0"), cells(lines.get(1)));
        assertEquals(List.of("J3", "f1/press", "gear", "2026-11-03T10:20:00Z", "running", "-", "0.333", "0.001",
                "0.000", "0"), cells(lines.get(3)));
        assertEquals(List.of("(idle)", "f1/press", "-", "-", "-", "-", "0.333", "0.001", "0.000", "-"),
                cells(lines.get(4)));
        // location 5.333333 g -> 0.005 kg in total; rows 1.333334, 1.333333, 1.333333, 1.333333 g floor to 1 g each,
        // the one gram left over goes to the largest remainder, J1's (0.002 kg above)
        assertEquals(List.of("total", "", "", "", "", "", "1.333", "0.005", "0.000", ""), cells(lines.get(5)));
        assertEquals("factor versions: ref 7", lines.get(6)); // no catalog running: the register ref
    }

    static List<String> cells(String line) {
        return java.util.Arrays.stream(line.split("\t", -1)).map(String::trim).toList();
    }

    @Test
    void productRowsShowPerUnitAndMarkJobsCutByThePeriod() throws Exception {
        var c = jobs("product");
        c.from = "2026-11-01";
        c.to = "2026-12-01";
        c.execute();
        var lines = console.lines();
        assertEquals(List.of("gear", "1 (1*)", "0", "0.333", "0.001", "0.000", "-", "-", "-"), cells(lines.get(1)));
        // widget: 0.666666667 kWh / 150 = 0.004444 kWh per unit; 2.666667 g / 150 = 0.018 g per unit
        assertEquals(List.of("widget", "2", "150", "0.667", "0.003", "0.000", "0.004444", "0.018", "0.000"),
                cells(lines.get(2)));
        assertEquals("(idle)", cells(lines.get(3)).get(0));
        assertEquals(JobsCommand.PARTIAL_NOTE, lines.get(5));
    }

    @Test
    void badArgumentsAreNamed() {
        var c = jobs("shift");
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("--by: 'shift'; expected job, product or machine", e.getMessage());
        var d = jobs("job");
        d.period = "November";
        var f = assertThrows(IllegalArgumentException.class, d::execute);
        assertTrue(f.getMessage().startsWith("--period: 'November'; expected a month 2026-11"), f.getMessage());
    }

    private final List<JobStamp> stamped = new ArrayList<>();

    private JobService jobService() {
        return new JobService() {
            @Override
            public SubmitReport submit(List<JobStamp> stamps) {
                stamped.addAll(stamps);
                return stamps.get(0).jobId().equals("J9") ? new SubmitReport(0, 0, List.of(new ItemError(0,
                        "job J9 start", "machine", "machine 'x' is not a declared meter"))) : new SubmitReport(1, 0,
                                List.of());
            }

            @Override
            public SubmitReport submitCsv(String fileName, Reader csv) {
                return new SubmitReport(4, 1, List.of(new ItemError(5, "line 5", "kind", "kind 'PAUSE'; expected START"
                        + " or STOP")));
            }

            @Override
            public List<Job> jobs(Instant from, Instant to) {
                return List.of();
            }
        };
    }

    @Test
    void jobStampSubmitsOneStampAndPrintsTheOutcome() throws Exception {
        var c = new JobStampCommand();
        c.session = console.session();
        c.jobs = jobService();
        c.kind = "Stop";
        c.machine = "f1/press";
        c.job = "J1";
        c.quantity = "120";
        c.at = "2026-11-03T11:00:00+01:00";
        c.execute();
        assertEquals(JobStamp.Kind.STOP, stamped.get(0).kind());
        assertEquals(Instant.parse("2026-11-03T10:00:00Z"), stamped.get(0).at());
        assertEquals(120.0, stamped.get(0).quantity());
        assertTrue(stamped.get(0).source().startsWith("console"));
        assertEquals("job J1 stop stamped on f1/press at 2026-11-03T10:00:00Z", console.lines().get(0));
        c.job = "J9";
        c.execute();
        assertEquals("refused (machine): machine 'x' is not a declared meter", console.lines().get(0));
        // the options may follow start|stop (Karaf reads options only before the first argument)
        var d = new JobStampCommand();
        d.session = console.session();
        d.jobs = jobService();
        d.kind = "start";
        d.trailing = List.of("--machine", "f1/press", "--job=J2", "--product", "gear", "--at",
                "2026-11-03T09:00:00Z");
        d.execute();
        assertEquals("J2", stamped.get(2).jobId());
        assertEquals("gear", stamped.get(2).product());
        assertEquals(JobStamp.Kind.START, stamped.get(2).kind());
        assertEquals("job J2 start stamped on f1/press at 2026-11-03T09:00:00Z", console.lines().get(0));
        var missing = new JobStampCommand(); // Karaf makes a new action per command line
        missing.session = console.session();
        missing.jobs = jobService();
        missing.kind = "start";
        missing.trailing = List.of("--job", "J3");
        var m = assertThrows(IllegalArgumentException.class, missing::execute);
        assertEquals("--machine: missing; expected the machine's meter id", m.getMessage());
        c.quantity = "-1";
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().startsWith("--quantity: '-1'"), e.getMessage());
    }

    @Test
    void jobImportPrintsCountsAndRefusedLines() throws Exception {
        var file = dir.resolve("jobs.csv");
        Files.writeString(file, "machine,job,kind,at\n");
        var c = new JobImportCommand();
        c.session = console.session();
        c.jobs = jobService();
        c.file = file.toString();
        c.execute();
        var lines = console.lines();
        assertEquals("job stamps of jobs.csv: 4 stored, 1 already stored, 1 refused", lines.get(0));
        assertEquals("  line 5 (kind): kind 'PAUSE'; expected START or STOP", lines.get(1));
        c.file = dir.toString();
        var e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().endsWith("is not a regular file; expected a CSV file"), e.getMessage());
    }
}
