package org.gridprint.shell.allocation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.AuditReport;
import org.gridprint.api.allocation.AuditRequest;
import org.gridprint.api.allocation.AuditService;

@Service
@Command(scope = "gridprint", name = "audit",
        description = "Differential audit: every parent meter against the sum of its submeters (and virtual meters'"
                + " subtracted inputs, utility bills against the main meters) per window and over the period:"
                + " unmetered kWh and %, negative remainders as findings, worst first")
public class AuditCommand implements Action {

    static final int DEFAULT_WORST = 20;

    @Option(name = "--site", description = "Only this site (default: every site)")
    @Completion(AllocationSiteCompleter.class)
    String site;

    @Option(name = "--period", description = "A month 2026-11, a year 2026 or a day 2026-11-05 (default: this month),"
            + " cut in each site's time zone")
    String period;

    @Option(name = "--from", description = "First day, YYYY-MM-DD (instead of --period)")
    String from;

    @Option(name = "--to", description = "Day after the last, YYYY-MM-DD (exclusive)")
    String to;

    @Option(name = "--worst", description = "Show the N worst parents (with --parent: windows) (default 20)")
    int worst = DEFAULT_WORST;

    @Option(name = "--parent", description = "Instead of the parents: the windows of this parent (a meter with"
            + " submeters or an audited virtual meter; needs --site), largest remainders first")
    String parent;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    AuditService audit;

    @Reference
    Session session;

    /** Today (tests set it). */
    LocalDate today;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (worst < 1) {
            throw new IllegalArgumentException("--worst " + worst + " must be at least 1");
        }
        if (audit == null) {
            out.println("the audit is not available: feature:install gridprint-allocation");
            return null;
        }
        var p = AuditPeriod.parse(period, from, to, today == null ? LocalDate.now(ZoneOffset.UTC) : today);
        if (parent != null && !parent.isBlank()) {
            var request = new AuditRequest(site == null ? "" : site.trim(), p.from(), p.to());
            var windows = audit.windows(request, parent.trim(), worst);
            out.println("Windows of " + parent.trim() + " on site " + request.siteId() + ", " + p.from() + " .. "
                    + p.to() + " (exclusive): the " + windows.size() + " largest remainders (compared windows only)");
            windowTable(windows).print(out, !noFormat);
            return null;
        }
        var report = audit.audit(new AuditRequest(site == null ? "" : site.trim(), p.from(), p.to()));
        out.println("Audit " + (report.siteId().isEmpty() ? "of every site" : "of site " + report.siteId()) + ", "
                + p.from() + " .. " + p.to() + " (exclusive, each site's zone): " + report.findings().size()
                + " parent(s), worst first");
        table(report.findings().subList(0, Math.min(worst, report.findings().size()))).print(out, !noFormat);
        if (report.findings().size() > worst) {
            out.println((report.findings().size() - worst) + " more not shown (--worst " + worst + ")");
        }
        summary(report).forEach(out::println);
        return null;
    }

    static ShellTable table(List<AuditFinding> findings) {
        var t = new ShellTable();
        t.column("Site");
        t.column("Parent");
        t.column("Kind");
        t.column(new Col("Children").alignRight());
        t.column(new Col("Parent kWh").alignRight());
        t.column(new Col("Sum kWh").alignRight());
        t.column(new Col("Unmetered kWh").alignRight());
        t.column(new Col("%").alignRight());
        t.column(new Col("Windows").alignRight());
        t.column(new Col("Over").alignRight());
        t.column(new Col("Negative").alignRight());
        t.column(new Col("Location kg").alignRight());
        t.column(new Col("Market kg").alignRight());
        t.column("Finding");
        t.column(new Col("Note").maxSize(80));
        t.emptyTableText("no parent meters (declare submeters with the meter field 'parent')");
        for (var f : findings) {
            t.addRow().addContent(f.siteId(), f.parent(), f.kind().name().toLowerCase(Locale.ROOT), f.children().size(),
                    AllocationText.kwh(f.parentNano()), AllocationText.kwh(f.childrenNano()),
                    AllocationText.kwh(f.unmeteredNano()), f.unmeteredPercent().map(b -> b.toPlainString()).orElse("-"),
                    f.windowsCompared() + (f.windowsIncomplete() > 0 ? " (+" + f.windowsIncomplete() + " incomplete)"
                            : ""), f.windowsOverThreshold(), f.windowsNegative(),
                    f.kind() == AuditFinding.Kind.BILL ? "-" : AllocationText.kg(f.unmeteredLocationMicrograms()),
                    f.unmeteredMarketMicrograms().map(AllocationText::kg).orElse("-"), f.verdict().name(), f.note());
        }
        return t;
    }

    static ShellTable windowTable(List<org.gridprint.api.allocation.AuditWindow> windows) {
        var t = new ShellTable();
        t.column("Start (UTC)");
        t.column(new Col("Parent kWh").alignRight());
        t.column(new Col("Sum kWh").alignRight());
        t.column(new Col("Unmetered kWh").alignRight());
        t.column(new Col("%").alignRight());
        t.column("Over threshold");
        t.emptyTableText("no window where the parent and every child have a window");
        for (var w : windows) {
            t.addRow().addContent(w.start().toString(), AllocationText.kwh(w.parentNano()),
                    AllocationText.kwh(w.childrenNano()), AllocationText.kwh(w.unmeteredNano()),
                    AllocationText.percent(w.unmeteredNano(), w.parentNano()), w.over() ? "yes" : "no");
        }
        return t;
    }

    static List<String> summary(AuditReport report) {
        var lines = new java.util.ArrayList<String>();
        long negative = report.findings().stream().filter(f -> f.verdict() == AuditFinding.Verdict.NEGATIVE_REMAINDER)
                .count();
        long over = report.findings().stream().filter(f -> f.verdict() == AuditFinding.Verdict.OVER_THRESHOLD).count();
        lines.add("Findings: " + negative + " negative remainder(s), " + over + " over the threshold; kg = CO2e of the"
                + " unmetered remainder (location- and market-based)");
        if (!report.problems().isEmpty()) {
            lines.add(report.problems().size() + " meter(s) refused (not audited until fixed):");
            report.problems().forEach(p -> lines.add("  " + p.message()));
        }
        return lines;
    }
}
