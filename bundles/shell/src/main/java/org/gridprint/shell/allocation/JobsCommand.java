package org.gridprint.shell.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.allocation.JobReport;
import org.gridprint.api.allocation.JobReportService;
import org.gridprint.api.allocation.MachineEnergy;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "jobs",
        description = "kWh and CO2e (location | market based) per production job, product (per unit produced) or"
                + " machine, from the machines' Scope 2 windows and the job stamps. Overlapping jobs on a machine share"
                + " the overlapping time equally; the machine's energy outside every job is shown as (idle); jobs +"
                + " idle add up to the machine exactly (rows rounded to the Wh and gram by largest remainder)")
public class JobsCommand implements Action {

    static final String NO_SERVICE = "production jobs are not available: the allocation bundle (JobReportService) is"
            + " not running";

    @Option(name = "--period", description = "A month 2026-11, a day 2026-11-03 or a year 2026 (in --zone);"
            + " default: this month")
    String period;

    @Option(name = "--from", description = "Start: 2026-11-01 (midnight in --zone) or 2026-11-01T06:00:00Z")
    String from;

    @Option(name = "--to", description = "End, exclusive: 2026-12-01 or an ISO instant")
    String to;

    @Option(name = "--zone", description = "Time zone of dates and periods: an IANA id (Europe/Berlin); default UTC")
    String zone;

    @Option(name = "--by", description = "job (default), product or machine")
    @Completion(value = StringsCompleter.class, values = {"job", "product", "machine"})
    String by = "job";

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    JobReportService reports;

    @Reference(optional = true)
    FactorCatalog catalog;

    @Reference
    Session session;

    Clock clock = Clock.systemUTC();

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var z = TimeArgs.parseZone("--zone", zone);
        var mode = by == null ? "job" : by.trim().toLowerCase(Locale.ROOT);
        if (!List.of("job", "product", "machine").contains(mode)) {
            throw new IllegalArgumentException("--by: '" + by + "'; expected job, product or machine");
        }
        Instant start;
        Instant end;
        if (period == null && (from != null || to != null) && (isInstant(from) || isInstant(to))) {
            start = JobBillPeriods.instant("--from", from, z);
            end = JobBillPeriods.instant("--to", to, z);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("--to " + end + " must be after --from " + start);
            }
        } else {
            var days = JobBillPeriods.days(period, from, to, LocalDate.ofInstant(clock.instant(), z));
            start = days.start(z);
            end = days.end(z);
        }
        if (reports == null) {
            out.println(NO_SERVICE);
            return null;
        }
        var report = reports.report(start, end);
        var table = switch (mode) {
            case "product" -> byProduct(report);
            case "machine" -> byMachine(report);
            default -> byJob(report);
        };
        out.println("production jobs " + start + " .. " + end + " (" + report.jobs().size() + " jobs on "
                + report.machines().size() + " machines; CO2e location | market based, kg)");
        table.print(out, !noFormat);
        if (mode.equals("product") && report.products().stream().anyMatch(p -> p.partialJobs() > 0)) {
            out.println(PARTIAL_NOTE);
        }
        if (!report.factorRefs().isEmpty()) {
            out.println("factor versions: " + factors(report.factorRefs(), catalog)
                    + (report.instrumentRefs().isEmpty() ? "" : "; instruments (register refs): "
                            + report.instrumentRefs()));
        }
        return null;
    }

    static final String PARTIAL_NOTE = "* jobs cut by the period (or running): their energy is the period's part,"
            + " their units the whole job's; per-unit figures need a period that holds the jobs whole";

    /** Each factor version as {@code id (source, edition)}, or its register ref when the catalog is not running. */
    static String factors(List<Long> refs, FactorCatalog catalog) {
        var parts = new java.util.ArrayList<String>();
        for (var ref : refs) {
            var f = catalog == null ? java.util.Optional.<org.gridprint.api.carbon.FactorVersion>empty()
                    : catalog.byRef(ref);
            parts.add(f.map(v -> v.id() + " (" + v.source() + ", " + v.edition() + ")").orElse("ref " + ref));
        }
        return String.join("; ", parts);
    }

    private static boolean isInstant(String s) {
        return s != null && s.trim().length() > 10;
    }

    static ShellTable byJob(JobReport r) {
        var t = new ShellTable();
        t.column("Job");
        t.column("Machine");
        t.column("Product");
        t.column("Start");
        t.column("Stop");
        t.column(new Col("Units").alignRight());
        t.column(new Col("kWh").alignRight());
        t.column(new Col("Location kg").alignRight());
        t.column(new Col("Market kg").alignRight());
        t.column(new Col("Shared min").alignRight());
        t.emptyTableText("no jobs and no machine windows in the period: gridprint:job-stamp start --machine <meter>"
                + " --job <id> --product <p>");
        int n = r.jobs().size();
        var idle = r.machines().stream().filter(m -> m.idleEnergyNano() > 0 || m.idleLocationCo2eMicrograms() > 0
                || m.idleMarketCo2eMicrograms() > 0).toList();
        long[] e = new long[n + idle.size()];
        long[] l = new long[e.length];
        long[] m = new long[e.length];
        for (int i = 0; i < n; i++) {
            var j = r.jobs().get(i);
            e[i] = j.energyNano();
            l[i] = j.locationCo2eMicrograms();
            m[i] = j.marketCo2eMicrograms();
        }
        for (int i = 0; i < idle.size(); i++) {
            e[n + i] = idle.get(i).idleEnergyNano();
            l[n + i] = idle.get(i).idleLocationCo2eMicrograms();
            m[n + i] = idle.get(i).idleMarketCo2eMicrograms();
        }
        var re = WhRows.round(e);
        var rl = WhRows.round(l);
        var rm = WhRows.round(m);
        for (int i = 0; i < n; i++) {
            var j = r.jobs().get(i);
            t.addRow().addContent(j.jobId(), j.machine(), j.product().isEmpty() ? "-" : j.product(), j.start(),
                    j.running() ? "running" : j.end(), j.running() ? "-" : units(j.quantity()), WhRows.cell(re[i]),
                    WhRows.cell(rl[i]), WhRows.cell(rm[i]), j.sharedMillis() / 60_000);
        }
        for (int i = 0; i < idle.size(); i++) {
            t.addRow().addContent(MachineEnergy.IDLE, idle.get(i).machine(), "-", "-", "-", "-",
                    WhRows.cell(re[n + i]), WhRows.cell(rl[n + i]), WhRows.cell(rm[n + i]), "-");
        }
        if (e.length > 0) {
            t.addRow().addContent("total", "", "", "", "", "", WhRows.cell(sum(re)), WhRows.cell(sum(rl)),
                    WhRows.cell(sum(rm)), "");
        }
        return t;
    }

    static ShellTable byProduct(JobReport r) {
        var t = new ShellTable();
        t.column("Product");
        t.column(new Col("Jobs").alignRight());
        t.column(new Col("Units").alignRight());
        t.column(new Col("kWh").alignRight());
        t.column(new Col("Location kg").alignRight());
        t.column(new Col("Market kg").alignRight());
        t.column(new Col("kWh/unit").alignRight());
        t.column(new Col("Location g/unit").alignRight());
        t.column(new Col("Market g/unit").alignRight());
        t.emptyTableText("no jobs in the period");
        var ps = r.products();
        long idleE = 0;
        long idleL = 0;
        long idleM = 0;
        for (var m : r.machines()) {
            idleE += m.idleEnergyNano();
            idleL += m.idleLocationCo2eMicrograms();
            idleM += m.idleMarketCo2eMicrograms();
        }
        int n = ps.size();
        boolean withIdle = idleE > 0 || idleL > 0 || idleM > 0;
        long[] e = new long[n + (withIdle ? 1 : 0)];
        long[] l = new long[e.length];
        long[] m = new long[e.length];
        for (int i = 0; i < n; i++) {
            e[i] = ps.get(i).energyNano();
            l[i] = ps.get(i).locationCo2eMicrograms();
            m[i] = ps.get(i).marketCo2eMicrograms();
        }
        if (withIdle) {
            e[n] = idleE;
            l[n] = idleL;
            m[n] = idleM;
        }
        var re = WhRows.round(e);
        var rl = WhRows.round(l);
        var rm = WhRows.round(m);
        for (int i = 0; i < n; i++) {
            var p = ps.get(i);
            var q = p.quantity();
            t.addRow().addContent(p.product(), p.jobs() + (p.partialJobs() > 0 ? " (" + p.partialJobs() + "*)" : ""),
                    units(q), WhRows.cell(re[i]), WhRows.cell(rl[i]), WhRows.cell(rm[i]),
                    perUnit(p.energyNano(), q, 9, 6), perUnit(p.locationCo2eMicrograms(), q, 6, 3),
                    perUnit(p.marketCo2eMicrograms(), q, 6, 3));
        }
        if (withIdle) {
            t.addRow().addContent(MachineEnergy.IDLE, "-", "-", WhRows.cell(re[n]), WhRows.cell(rl[n]),
                    WhRows.cell(rm[n]), "-", "-", "-");
        }
        if (e.length > 0) {
            t.addRow().addContent("total", "", "", WhRows.cell(sum(re)), WhRows.cell(sum(rl)), WhRows.cell(sum(rm)),
                    "", "", "");
        }
        return t;
    }

    static ShellTable byMachine(JobReport r) {
        var t = new ShellTable();
        t.column("Machine");
        t.column(new Col("Jobs").alignRight());
        t.column(new Col("Windows").alignRight());
        t.column(new Col("kWh").alignRight());
        t.column(new Col("Jobs kWh").alignRight());
        t.column(new Col("Idle kWh").alignRight());
        t.column(new Col("Idle %").alignRight());
        t.column(new Col("Location kg").alignRight());
        t.column(new Col("Market kg").alignRight());
        t.emptyTableText("no machines with jobs (or asset type MACHINE) in the period");
        var ms = r.machines();
        long[] total = ms.stream().mapToLong(MachineEnergy::energyNano).toArray();
        long[] idle = ms.stream().mapToLong(MachineEnergy::idleEnergyNano).toArray();
        long[] jobs = new long[ms.size()];
        for (int i = 0; i < jobs.length; i++) {
            jobs[i] = total[i] - idle[i];
        }
        var rl = WhRows.round(ms.stream().mapToLong(MachineEnergy::locationCo2eMicrograms).toArray());
        var rm = WhRows.round(ms.stream().mapToLong(MachineEnergy::marketCo2eMicrograms).toArray());
        for (int i = 0; i < ms.size(); i++) {
            var m = ms.get(i);
            // jobs and idle of one machine rounded together so they add up to its total as printed
            var split = WhRows.round(new long[] {jobs[i], idle[i]});
            var pct = total[i] == 0 ? "-" : BigDecimal.valueOf(idle[i] * 100.0 / total[i])
                    .setScale(1, RoundingMode.HALF_UP).toPlainString();
            t.addRow().addContent(m.machine(), m.jobs(), m.windows(), WhRows.cell(split[0] + split[1]),
                    WhRows.cell(split[0]), WhRows.cell(split[1]), pct, WhRows.cell(rl[i]), WhRows.cell(rm[i]));
        }
        return t;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (var x : a) {
            s += x;
        }
        return s;
    }

    static String units(double q) {
        return BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    }

    /** {@code amount x 10^-scale / units} with {@code places} decimals, or - without units. */
    static String perUnit(long amount, double units, int scale, int places) {
        if (units <= 0) {
            return "-";
        }
        var v = BigDecimal.valueOf(amount, scale).divide(BigDecimal.valueOf(units), places, RoundingMode.HALF_UP);
        return v.toPlainString();
    }
}
