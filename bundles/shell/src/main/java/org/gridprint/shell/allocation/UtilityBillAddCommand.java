package org.gridprint.shell.allocation;

import java.math.BigDecimal;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.gridprint.api.allocation.UtilityBill;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.shell.carbon.SiteIdCompleter;

@Service
@Command(scope = "gridprint", name = "utility-bill-add",
        description = "Enters a utility bill (the parent of a main-versus-submeter audit and the energy of periods"
                + " without meters), ledgered in the register utility-bill under site/account/from; or every bill of"
                + " a CSV file (--file; header site,account,supplier,from,to,kwh,cost,currency). The same bill again"
                + " changes nothing; other values under the same site, account and start are a correction and need"
                + " --reason")
public class UtilityBillAddCommand implements Action {

    @Option(name = "--file", description = "A CSV file of bills instead of the options below")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--site", description = "Site id")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--account", description = "The supplier's account or meter number")
    String account;

    @Option(name = "--supplier", description = "Who issued the bill")
    String supplier;

    @Option(name = "--from", description = "First day billed, e.g. 2026-10-15 (inclusive)")
    String from;

    @Option(name = "--to", description = "Last day billed, e.g. 2026-11-14 (inclusive)")
    String to;

    @Option(name = "--kwh", description = "Energy billed, kWh, e.g. 12840")
    String kwh;

    @Option(name = "--cost", description = "Amount billed, e.g. 2318.40")
    String cost;

    @Option(name = "--currency", description = "ISO 4217 code, e.g. USD")
    String currency;

    @Option(name = "--reason", description = "Why (required to correct a stored bill)")
    String reason;

    @Reference(optional = true)
    UtilityBillService bills;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (file != null) {
            if (site != null || kwh != null || from != null || to != null) {
                throw new IllegalArgumentException("--file and --site/--from/--to/--kwh cannot be combined; expected"
                        + " either a CSV file or one bill's options");
            }
            if (bills == null) {
                out.println(MeterLogImportCommand.NO_SERVICE);
                return null;
            }
            try (var reader = Consoles.open("--file", file)) {
                var r = bills.submitBillsCsv(Consoles.name(file), reader, reason);
                Consoles.print(out, "utility bills of " + Consoles.name(file), "stored", "already stored", r);
            }
            return null;
        }
        var bill = bill();
        if (bills == null) {
            out.println(MeterLogImportCommand.NO_SERVICE);
            return null;
        }
        var r = bills.submitBills(List.of(bill), reason);
        var key = bill.siteId() + "/" + bill.account() + "/" + bill.from();
        if (r.accepted() == 1) {
            out.println("utility bill " + key + " stored: " + bill.from() + " .. " + bill.to() + ", "
                    + bill.kwh().toPlainString() + " kWh" + (bill.cost().signum() == 0 ? "" : ", "
                            + bill.cost().toPlainString() + " " + bill.currency())
                    + (reason == null || reason.isBlank() ? "" : "; reason '" + reason.strip() + "' (its versions:"
                            + " gridprint:utility-bills --site " + bill.siteId() + " --account " + bill.account()
                            + " --start " + bill.from() + ")"));
        } else if (r.duplicates() == 1) {
            out.println("utility bill " + key + " is already stored with these values (nothing changed)");
        } else {
            var e = r.errors().get(0);
            out.println("refused" + (e.field().isEmpty() ? "" : " (" + e.field() + ")") + ": " + e.reason());
        }
        return null;
    }

    UtilityBill bill() {
        need("--site", site, "a site id");
        return new UtilityBill(site.trim(), account == null ? "" : account.trim(), supplier == null ? ""
                : supplier.trim(), JobBillPeriods.date("--from", need("--from", from, "a date such as 2026-10-15")),
                JobBillPeriods.date("--to", need("--to", to, "a date such as 2026-11-14")),
                decimal("--kwh", need("--kwh", kwh, "the kWh billed, e.g. 12840")),
                cost == null ? BigDecimal.ZERO : decimal("--cost", cost), currency == null ? "" : currency.trim());
    }

    private static String need(String option, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + ": missing; expected " + expected);
        }
        return value;
    }

    private static BigDecimal decimal(String option, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a number; expected a decimal with"
                    + " '.', e.g. 12840.5");
        }
    }
}
