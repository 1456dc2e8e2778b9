package org.gridprint.shell.allocation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.allocation.CostBill;
import org.gridprint.api.allocation.CostBillRequest;
import org.gridprint.api.allocation.CostBillService;
import org.gridprint.shell.carbon.SiteIdCompleter;

@Service
@Command(scope = "gridprint", name = "bills",
        description = "Cost-recovery bills per department or tenant for a period: the site's tariff (energy per"
                + " time-of-use band, demand per kW of the target's peak window, fixed charge, tax; each line rounded"
                + " once, half-up, to the currency's minor unit) applied to the allocation's windows. Every bill is"
                + " kept in the register cost-bill and traces its tariff and allocation versions; --output writes"
                + " them as CSV with a .sha256 file")
public class BillsCommand implements Action {

    static final String NO_SERVICE = "cost bills are not available: the allocation bundle (CostBillService) is not"
            + " running";

    @Option(name = "--period", description = "A month 2026-11 (default: last month), a day or a year, in the site's"
            + " time zone")
    String period;

    @Option(name = "--from", description = "First day, e.g. 2026-11-01 (with --to)")
    String from;

    @Option(name = "--to", description = "Day after the last, e.g. 2026-12-01")
    String to;

    @Option(name = "--site", description = "Site id (default: the site of the only tariff)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--dimension", description = "department (default), tenant or another allocation dimension")
    @Completion(value = StringsCompleter.class, values = {"department", "tenant"})
    String dimension = "department";

    @Option(name = "--target", description = "One department or tenant only")
    String target;

    @Option(name = "--tariff", description = "The tariff id (needed when the site has several)")
    String tariff;

    @Option(name = "--output", description = "Write the bills as CSV to this file (+ .sha256)")
    @Completion(FileCompleter.class)
    String output;

    @Option(name = "--force", description = "Replace an existing output file")
    boolean force;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    CostBillService bills;

    @Reference
    Session session;

    Clock clock = Clock.systemUTC();

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        JobBillPeriods.Days days;
        if (period == null && from == null && to == null) {
            var last = LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1).minusMonths(1);
            days = new JobBillPeriods.Days(last, last.plusMonths(1));
        } else {
            days = JobBillPeriods.days(period, from, to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        }
        if (force && output == null) {
            throw new IllegalArgumentException("--force replaces an --output file; expected --output <file> with it");
        }
        if (bills == null) {
            out.println(NO_SERVICE);
            return null;
        }
        var request = new CostBillRequest(site == null ? "" : site.trim(), dimension == null ? "department"
                : dimension.trim(), days.from(), days.to(), target, tariff);
        var result = bills.bills(request);
        table(result).print(out, !noFormat);
        for (var b : result) {
            out.println(trace(b));
        }
        if (output != null) {
            var r = bills.export(result, Path.of(output.trim()), force);
            out.println("wrote " + r.file() + " (" + r.rows() + " lines of " + result.size()
                    + (result.size() == 1 ? " bill" : " bills") + ") and "
                    + r.file().getFileName() + ".sha256: " + r.sha256());
        }
        return null;
    }

    static ShellTable table(java.util.List<CostBill> bills) {
        var t = new ShellTable();
        t.column("Target");
        t.column("Line");
        t.column(new Col("Quantity").alignRight());
        t.column("Unit");
        t.column(new Col("Rate").alignRight());
        t.column(new Col("Amount").alignRight());
        t.column(new Col("Windows").alignRight());
        t.column("Window range");
        t.emptyTableText("no targets in the allocation of the period");
        for (var b : bills) {
            boolean first = true;
            for (var l : b.lines()) {
                var range = l.windowFrom().isPresent() ? l.windowFrom().get() + " .. " + l.windowTo().map(
                        Object::toString).orElse("") : "";
                var qty = switch (l.kind()) {
                    case TOTAL -> "";
                    case ENERGY -> l.quantity().setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
                    default -> l.quantity().stripTrailingZeros().toPlainString();
                };
                t.addRow().addContent(first ? b.target() : "", l.label(), qty, l.unit(), l.kind()
                        == org.gridprint.api.allocation.CostBillLine.Kind.TOTAL ? "" : l.rate().toPlainString()
                                + (l.kind() == org.gridprint.api.allocation.CostBillLine.Kind.TAX ? " %" : ""),
                        l.amount().toPlainString() + " " + b.currency(), l.windows() == 0 ? "" : l.windows(), range);
                first = false;
            }
        }
        return t;
    }

    static String trace(CostBill b) {
        return b.target() + ": " + b.siteId() + " " + b.dimension() + " " + b.from().atZone(b.zone()).toLocalDate()
                + " .. " + b.to().atZone(b.zone()).toLocalDate() + " (" + b.zone() + "), tariff " + b.tariffId() + " v"
                + b.tariffVersion() + " (ref " + b.tariffRef() + "), allocation v" + b.allocationVersion()
                + " with rule v" + b.ruleVersion() + " (ref " + b.ruleRef() + "), bill v" + b.billVersion() + " (ref "
                + b.billRef() + ")";
    }
}
