package org.gridprint.shell.carbon;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.carbon.FuelBill;
import org.gridprint.api.carbon.FuelBillService;

@Service
@Command(scope = "gridprint", name = "fuel-bill-add",
        description = "Enters a fuel bill (Scope 1 without a fuel meter): ledgered in the register fuel-bill, spread"
                + " pro rata over the UTC hours of its period [from, to) and priced with the catalog's fuel factor for"
                + " the site's GWP set. The same bill again changes nothing; a different content under the same"
                + " reference is a correction and needs --reason")
public class FuelBillAddCommand implements Action {

    static final String NO_SERVICE = "fuel bills are not available: the carbon bundle (FuelBillService) is not"
            + " running";

    @Option(name = "--site", required = true, description = "Site id")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--reference", required = true, description = "The supplier's bill number, unique per site")
    String reference;

    @Option(name = "--fuel", required = true, description = "natural_gas, diesel, propane, fuel_oil or propane_gas")
    @Completion(value = StringsCompleter.class, values = {"natural_gas", "diesel", "propane", "fuel_oil",
            "propane_gas"})
    String fuel;

    @Option(name = "--from", required = true, description = "Period start: 2024-01-01 (midnight in the site's zone),"
            + " 2024-01-01T06:00 (site's zone) or 2024-01-01T08:00:00Z")
    String from;

    @Option(name = "--to", required = true, description = "Period end, exclusive (a January bill ends 2024-02-01)")
    String to;

    @Option(name = "--quantity", required = true, description = "Billed quantity, e.g. 1000 or 1234.5")
    String quantity;

    @Option(name = "--unit", required = true, description = "As billed: therm, mmBtu, scf, ccf, Mcf, m3, gal, l")
    @Completion(value = StringsCompleter.class, values = {"therm", "mmBtu", "scf", "ccf", "Mcf", "m3", "gal", "l"})
    String unit;

    @Option(name = "--supplier", description = "Who billed it")
    String supplier;

    @Option(name = "--reason", description = "Why (required to correct a stored bill)")
    String reason;

    @Reference(optional = true)
    FuelBillService bills;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var bill = bill();
        if (bills == null) {
            out.println(NO_SERVICE);
            return null;
        }
        var r = bills.enter(bill, reason);
        var b = r.bill();
        var what = switch (r.change()) {
            case ADDED -> "entered";
            case UNCHANGED -> "unchanged (the same content is stored)";
            case CORRECTED -> "corrected";
        };
        out.println("fuel bill " + b.siteId() + "/" + b.reference() + " " + what + ", version " + b.version() + ": "
                + b.fuel() + " " + CarbonText.plain(b.quantity()) + " " + b.unit() + ", " + b.from() + " .. " + b.to()
                + " = " + CarbonText.amountExact(b.amountNano()) + " " + CarbonText.unit(b.windowQuantity()) + ", "
                + CarbonText.co2e(b.co2eMicrograms()) + " CO2e (Scope 1) in " + b.windows() + " hourly windows of "
                + b.meterId());
        out.println("windows: " + r.windowsAdded() + " added, " + r.windowsRevised() + " revised, "
                + r.windowsUnchanged() + " unchanged");
        for (var w : r.warnings()) {
            out.println("WARNING: " + w);
        }
        return null;
    }

    /** The bill the options describe; errors name the option. */
    FuelBill bill() {
        var amount = CarbonArgs.decimal("--quantity", quantity, true);
        return new FuelBill(CarbonArgs.required("--site", site, "a site id"),
                CarbonArgs.required("--reference", reference, "the bill number"),
                CarbonArgs.required("--fuel", fuel, "natural_gas, diesel, propane, fuel_oil or propane_gas"),
                CarbonArgs.required("--from", from, "a date such as 2024-01-01"),
                CarbonArgs.required("--to", to, "a date such as 2024-02-01"), amount,
                CarbonArgs.required("--unit", unit, "therm, mmBtu, scf, ccf, Mcf, m3, gal or l"), supplier);
    }
}
