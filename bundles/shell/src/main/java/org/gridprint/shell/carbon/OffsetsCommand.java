package org.gridprint.shell.carbon;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

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
import org.gridprint.api.allocation.VirtualMeterService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "offsets",
        description = "Carbon offsets in their own register (quantity, standard, project, vintage, serial, retirement);"
                + " with --net the separate net view: gross location- and market-based emissions of a period beside"
                + " the offsets retired in it. Offsets are never subtracted from any scope. Add one with"
                + " gridprint:offset-add")
public class OffsetsCommand implements Action {

    @Option(name = "--net", description = "The net view for --from/--to (default: the current calendar year)")
    boolean net;

    @Option(name = "--from", description = "Net view: first day, 2026-01-01 (default: 1 January this year)")
    String from;

    @Option(name = "--to", description = "Net view: day after the last, 2027-01-01 (default: 1 January next year)")
    String to;

    @Option(name = "--zone", description = "Net view: zone of the days (default UTC)")
    String zone;

    @Option(name = "--site", description = "Only this site's emissions and offsets (and offsets for any site)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    InstrumentService instruments;

    @Reference(optional = true)
    EmissionWindowStore store;

    @Reference(optional = true)
    VirtualMeterService virtualMeters;

    @Reference
    Session session;

    /** Today (tests set it). */
    LocalDate today;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var zoneId = TimeArgs.parseZone("--zone", zone);
        var day = today == null ? LocalDate.now(zoneId) : today;
        var first = from == null ? LocalDate.of(day.getYear(), 1, 1) : Dates.date("--from", from, false);
        var end = to == null ? LocalDate.of(day.getYear() + 1, 1, 1) : Dates.date("--to", to, false);
        if (!end.isAfter(first)) {
            throw new IllegalArgumentException("--to " + end + " must be after --from " + first);
        }
        if (instruments == null) {
            out.println(CarbonMessages.NO_INSTRUMENTS);
            return null;
        }
        var siteId = site == null ? "" : site.trim();
        var offsets = instruments.offsets().stream()
                .filter(o -> siteId.isEmpty() || o.siteId() == null || o.siteId().isEmpty() || o.siteId().equals(siteId))
                .toList();
        var table = new ShellTable();
        table.column("Serial");
        table.column(new Col("t CO2e").alignRight());
        table.column("Standard");
        table.column(new Col("Project").wrap().maxSize(40));
        table.column("Vintage");
        table.column("Retirement id");
        table.column("Retired on");
        table.column("Site");
        table.emptyTableText("no offsets registered: gridprint:offset-add --serial ... --tonnes ...");
        for (var o : offsets) {
            table.addRow().addContent(o.serial(), CarbonText.plain(o.tonnesCo2e()), InstrumentsCommand.dash(o.standard()),
                    InstrumentsCommand.dash(o.project()), o.vintage() == null ? "-" : o.vintage().toString(),
                    InstrumentsCommand.dash(o.retirementId()), o.retiredOn() == null ? "-" : o.retiredOn().toString(),
                    o.siteId() == null || o.siteId().isEmpty() ? "any" : o.siteId());
        }
        table.print(out, !noFormat);
        if (!net) {
            return null;
        }
        if (store == null) {
            out.println(CarbonMessages.NO_WINDOW_STORE);
            return null;
        }
        var gross = gross(first, end, zoneId, siteId);
        var r = NetView.of(gross[0], gross[1], offsets, first, end, siteId);
        NetView.lines(r, first + " .. " + end.minusDays(1) + (siteId.isEmpty() ? "" : " site " + siteId))
                .forEach(out::println);
        return null;
    }

    /** Location- and market-based inventory totals of the period from the store (Scope 1 and 3.3 in both). */
    private long[] gross(LocalDate first, LocalDate end, ZoneId zoneId, String siteId) {
        var query = new TotalsQuery(first.atStartOfDay(zoneId).toInstant(), end.atStartOfDay(zoneId).toInstant(), zoneId,
                EmissionTable.query(List.of()), java.util.Set.of(), siteId, Optional.empty(), Optional.empty(), "");
        var inv = EmissionTable.of(List.of(),
                MeasuredTotals.totals(store, query, MeasuredTotals.virtualIds(virtualMeters))).inventory();
        return new long[] {inv.locationTotal(), inv.marketTotal()};
    }
}
