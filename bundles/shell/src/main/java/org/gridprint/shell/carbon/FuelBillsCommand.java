package org.gridprint.shell.carbon;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.carbon.FuelBillRecord;
import org.gridprint.api.carbon.FuelBillService;

@Service
@Command(scope = "gridprint", name = "fuel-bills",
        description = "Fuel bills entered with gridprint:fuel-bill-add: site, reference, fuel, period, quantity as"
                + " billed, version, Scope 1 CO2e of their windows. With a reference: every version of that bill")
public class FuelBillsCommand implements Action {

    @Option(name = "--site", description = "Only this site's bills")
    @Completion(SiteIdCompleter.class)
    String site;

    @Argument(index = 0, name = "reference", description = "A bill reference: its versions (needs --site)")
    String reference;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    FuelBillService bills;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (bills == null) {
            out.println(FuelBillAddCommand.NO_SERVICE);
            return null;
        }
        if (reference != null && (site == null || site.isBlank())) {
            throw new IllegalArgumentException("--site: missing; a bill reference is unique per site: expected"
                    + " --site <id> with the reference '" + reference + "'");
        }
        var table = new ShellTable();
        table.column("Site");
        table.column("Reference");
        table.column(new Col("Version").alignRight());
        table.column("Fuel");
        table.column("Period");
        table.column(new Col("Billed").alignRight());
        table.column(new Col("Amount").alignRight());
        table.column(new Col("CO2e").alignRight());
        table.column(new Col("Windows").alignRight());
        table.column(new Col("Supplier").wrap().maxSize(30));
        table.emptyTableText("no fuel bills: gridprint:fuel-bill-add --site ... --reference ... --fuel natural_gas"
                + " --from 2024-01-01 --to 2024-02-01 --quantity 1000 --unit therm");
        var rows = reference != null ? bills.history(site.trim(), reference.trim()) : bills.bills(site);
        for (var b : rows) {
            row(table, b, reference == null);
        }
        table.print(out, !noFormat);
        return null;
    }

    private static void row(ShellTable table, FuelBillRecord b, boolean current) {
        table.addRow().addContent(b.siteId(), b.reference(), b.version(), b.fuel(), b.from() + " .. " + b.to(),
                CarbonText.plain(b.quantity()) + " " + b.unit(), CarbonText.amount(b.amountNano()) + " "
                        + CarbonText.unit(b.windowQuantity()), current ? CarbonText.co2e(b.co2eMicrograms()) : "-",
                current ? Integer.toString(b.windows()) : "-", b.supplier().isEmpty() ? "-" : b.supplier());
    }
}
