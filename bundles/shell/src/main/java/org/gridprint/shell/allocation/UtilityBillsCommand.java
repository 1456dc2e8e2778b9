package org.gridprint.shell.allocation;

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
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.allocation.UtilityBillRecord;
import org.gridprint.api.allocation.UtilityBillRecords;
import org.gridprint.shell.carbon.SiteIdCompleter;

@Service
@Command(scope = "gridprint", name = "utility-bills",
        description = "Utility bills entered with gridprint:utility-bill-add: site, account, supplier, days, kWh,"
                + " cost, version and reason. With --period (needs --site): each bill's part of the period pro rata"
                + " by days and the site's billed energy, the energy source of periods without meters. With"
                + " --account and --start: every version of that bill")
public class UtilityBillsCommand implements Action {

    @Option(name = "--site", description = "Only this site's bills")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--period", description = "A month 2026-11, a day or a year: billed energy pro rata by days")
    String period;

    @Option(name = "--account", description = "With --start: the versions of one bill")
    String account;

    @Option(name = "--start", description = "With --account: the bill's first day, e.g. 2026-10-15")
    String start;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    UtilityBillRecords bills;

    @Reference
    Session session;

    Clock clock = Clock.systemUTC();

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if ((period != null || account != null || start != null) && (site == null || site.isBlank())) {
            throw new IllegalArgumentException("--site: missing; --period, --account and --start are per site:"
                    + " expected --site <id>");
        }
        if ((account == null) != (start == null)) {
            throw new IllegalArgumentException((account == null ? "--account" : "--start") + ": missing; --account and"
                    + " --start name one bill together");
        }
        if (bills == null) {
            out.println(MeterLogImportCommand.NO_SERVICE);
            return null;
        }
        if (period != null) {
            var days = JobBillPeriods.days(period, null, null, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            var e = bills.billedEnergy(site.trim(), days.from(), days.to());
            var t = table(true);
            for (var p : e.parts()) {
                row(t, p.bill(), p.days() + " of " + p.billDays(), p.kwh().stripTrailingZeros().toPlainString());
            }
            t.emptyTableText("no bill of site " + site + " overlaps " + days.from() + " .. " + days.to());
            t.print(out, !noFormat);
            out.println("billed energy of " + e.siteId() + " " + days.from() + " .. " + days.to() + " (exclusive): "
                    + e.kwh().stripTrailingZeros().toPlainString() + " kWh from " + e.parts().size()
                    + (e.parts().size() == 1 ? " bill" : " bills") + ", pro rata by days");
            return null;
        }
        var rows = account != null ? bills.history(site.trim(), account.trim(), JobBillPeriods.date("--start", start))
                : bills.records(site);
        var t = table(false);
        t.emptyTableText("no utility bills: gridprint:utility-bill-add --site <id> --account <no> --from 2026-10-15"
                + " --to 2026-11-14 --kwh 12840 --cost 2318.40 --currency USD");
        for (var r : rows) {
            row(t, r, null, null);
        }
        t.print(out, !noFormat);
        return null;
    }

    private static ShellTable table(boolean withPart) {
        var t = new ShellTable();
        t.column("Site");
        t.column("Account");
        t.column("Supplier");
        t.column("From");
        t.column("To");
        t.column(new Col("kWh").alignRight());
        t.column(new Col("Cost").alignRight());
        t.column(new Col("Version").alignRight());
        t.column(new Col("Reason").maxSize(40));
        if (withPart) {
            t.column(new Col("Days").alignRight());
            t.column(new Col("Period kWh").alignRight());
        }
        return t;
    }

    /** An amount with at least the currency's minor digits: 558 EUR -> 558.00. */
    static String money(java.math.BigDecimal amount, String currency) {
        int digits;
        try {
            digits = Math.max(java.util.Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return amount.scale() >= digits ? amount.toPlainString() : amount.setScale(digits).toPlainString();
    }

    private static void row(ShellTable t, UtilityBillRecord r, String days, String kwh) {
        var b = r.bill();
        var row = t.addRow();
        row.addContent(b.siteId(), b.account().isEmpty() ? "-" : b.account(), b.supplier().isEmpty() ? "-"
                : b.supplier(), b.from(), b.to(), b.kwh().stripTrailingZeros().toPlainString(), b.cost().signum() == 0
                        ? "-" : money(b.cost(), b.currency()) + " " + b.currency(), r.version(), r.reason());
        if (days != null) {
            row.addContent(days, kwh);
        }
    }
}
