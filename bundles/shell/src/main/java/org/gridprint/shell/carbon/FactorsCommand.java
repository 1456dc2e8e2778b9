package org.gridprint.shell.carbon;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "factors",
        description = "The effective-dated factor catalog: each factor version with its value as published and"
                + " converted, GWP set, validity, edition and source; the edition policy; which version a series"
                + " selects for a consumption time (--series --at)")
public class FactorsCommand implements Action {

    @Argument(index = 0, name = "filter", required = false,
            description = "Only factors whose id, region, edition or source contains this text (e.g. CAMX, eGRID2023,"
                    + " natural_gas)")
    String filter;

    @Option(name = "--id", description = "Show one factor version in full")
    String id;

    @Option(name = "--series", description = "A series to select from: egrid/subregion/CAMX/co2e, egrid/state/CA/co2e,"
            + " egrid/us/US/co2e, egrid/subregion/CAMX/loss, fuel/natural_gas/m3, operator/<name>")
    String series;

    @Option(name = "--at", description = "Consumption time for --series: ISO instant or date (default now)")
    String at;

    @Option(name = "--gwp", description = "GWP set for --series: AR4, AR5 or AR6 (default AR5)")
    @Completion(value = StringsCompleter.class, values = {"AR4", "AR5", "AR6"})
    String gwp = "AR5";

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    FactorCatalog catalog;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (catalog == null) {
            out.println(CarbonMessages.NO_CATALOG);
            return null;
        }
        if (id != null) {
            var f = catalog.factor(id.trim());
            if (f.isEmpty()) {
                out.println("no factor with id '" + id.trim() + "'; list them with gridprint:factors [filter]");
                return null;
            }
            out.println(CarbonText.factorBlock("", f.get()));
            return null;
        }
        if (series != null) {
            var when = at == null ? Instant.now() : TimeArgs.parseInstant("--at", at);
            var gwpSet = gwp == null ? "AR5" : gwp.trim().toUpperCase(java.util.Locale.ROOT);
            var selection = catalog.select(series.trim(), when, gwpSet);
            if (selection.isEmpty()) {
                out.println("series '" + series.trim() + "' has no factor for consumption at " + when
                        + " (GWP " + gwpSet + "); list the catalog with gridprint:factors");
                return null;
            }
            var s = selection.get();
            out.println(CarbonText.factorBlock("selected for " + when + " (register ref " + s.ref() + "): ", s.factor()));
            if (s.latestPublished()) {
                out.println("  policy: no edition for this consumption year; the latest published edition applies"
                        + " (windows priced with it carry LATEST_PUBLISHED)");
            }
            return null;
        }
        var factors = catalog.factors(filter == null ? "" : filter.trim());
        var table = new ShellTable();
        table.column("Id");
        table.column("Kind");
        table.column("Region");
        table.column(new Col("Published").alignRight());
        table.column(new Col("Converted").alignRight());
        table.column("GWP");
        table.column("Valid from");
        table.column("Valid to");
        table.column(new Col("Edition").wrap());
        table.column(new Col("Source").wrap().maxSize(60));
        table.emptyTableText(filter == null ? "the catalog is empty" : "no factor matches '" + filter.trim() + "'");
        for (var f : factors) {
            table.addRow().addContent(f.id(), f.kind().name(), f.region().isEmpty() ? "-" : f.region(),
                    CarbonText.published(f), CarbonText.converted(f), f.gwpSet(), CarbonText.since(f.validFrom()),
                    CarbonText.until(f.validTo()), f.edition(), f.source());
        }
        table.print(out, !noFormat);
        out.println(factors.size() + " factor version" + (factors.size() == 1 ? "" : "s"));
        out.println("Policy: " + catalog.policy());
        return null;
    }
}
