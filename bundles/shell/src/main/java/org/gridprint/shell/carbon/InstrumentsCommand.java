package org.gridprint.shell.carbon;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.carbon.InstrumentService;

@Service
@Command(scope = "gridprint", name = "instruments",
        description = "Market-based instruments (RECs, GOs, I-RECs, PPAs, contracts, supplier rates): quantity, MWh"
                + " not yet applied, vintage, market, tracking system, retirement id, site and rate. Add one with"
                + " gridprint:instrument-add")
public class InstrumentsCommand implements Action {

    @Option(name = "--site", description = "Only instruments retired for this site (and those for any site)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    InstrumentService instruments;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (instruments == null) {
            out.println(CarbonMessages.NO_INSTRUMENTS);
            return null;
        }
        var table = new ShellTable();
        table.column("Id");
        table.column("Type");
        table.column(new Col("MWh").alignRight());
        table.column(new Col("Remaining MWh").alignRight());
        table.column("Vintage");
        table.column("Market");
        table.column("Tracking");
        table.column("Retirement id");
        table.column("Site");
        table.column(new Col("g/kWh").alignRight());
        table.column(new Col("Source").wrap().maxSize(50));
        table.emptyTableText("no instruments registered: gridprint:instrument-add --id ... --type REC --mwh ...");
        for (var i : instruments.instruments()) {
            if (site != null && !i.siteId().isEmpty() && !i.siteId().equals(site.trim())) {
                continue;
            }
            table.addRow().addContent(i.id(), i.type(), CarbonText.plain(i.mwh()),
                    CarbonText.plain(instruments.remainingMwh(i.id())), i.vintageFrom() + " .. " + i.vintageTo(),
                    dash(i.market()), dash(i.trackingSystem()), dash(i.retirementId()),
                    i.siteId().isEmpty() ? "any" : i.siteId(), CarbonText.plain(i.gramsPerKwh()), dash(i.source()));
        }
        table.print(out, !noFormat);
        return null;
    }

    static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
