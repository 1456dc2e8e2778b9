package org.gridprint.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.gridprint.api.Meter;
import org.gridprint.api.MeterPattern;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.store.EmissionStore;

@Service
@Command(scope = "gridprint", name = "emissions",
        description = "Emission records (interval, kWh, factor and its source, kg CO2e), or their sums per hour, day or"
                + " month, with totals per accounting method")
public class EmissionsCommand implements Action {

    static final Duration DEFAULT_LAST = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 200;

    @Argument(index = 0, name = "meter-glob", required = false, description = "Meter id or glob, e.g. hq/b1/* (default: all)")
    @Completion(MeterIdCompleter.class)
    String glob;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "The options may also follow the meter glob")
    List<String> trailing;

    @Option(name = "--from", description = "Start: ISO instant 2026-11-25T10:00:00Z or date 2026-11-25 (midnight in"
            + " --zone); intervals starting from --from up to before --to are shown")
    String from;

    @Option(name = "--to", description = "End, default now")
    String to;

    @Option(name = "--last", description = "Span back from --to/now: 15m, 1h, 7d (default 24h)")
    String last;

    @Option(name = "--by", description = "Rows per interval (default), or summed per hour, day or month")
    String by;

    @Option(name = "--zone", description = "Time zone that cuts the hours, days and months and in which dates of"
            + " --from/--to are midnight: UTC (default), Europe/Berlin, America/New_York, +01:00")
    String zone;

    @Option(name = "--limit", aliases = "-n", description = "Show at most the newest N rows (default 200)")
    int limit = DEFAULT_LIMIT;

    @Reference(optional = true)
    EmissionStore emissions;

    @Reference(optional = true)
    MeterRegistry registry;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var options = TrailingOptions.parse(trailing, Map.of("--from", "--from", "--to", "--to", "--last", "--last",
                "--by", "--by", "--zone", "--zone", "--limit", "--limit", "-n", "--limit"), "after the meter glob");
        from = options.getOrDefault("--from", from);
        to = options.getOrDefault("--to", to);
        last = options.getOrDefault("--last", last);
        by = options.getOrDefault("--by", by);
        zone = options.getOrDefault("--zone", zone);
        limit = TrailingOptions.limit(options, limit);
        var grouping = EmissionBuckets.By.parse(by);
        var zoneId = TimeArgs.parseZone("--zone", zone);
        // dates mean midnight in --zone, so --by day rows and --from/--to days are the same days
        var period = TimeArgs.period(from, to, last, Instant.now(), DEFAULT_LAST, zoneId);
        if (emissions == null) {
            out.println(Messages.NO_EMISSION_STORE);
            return null;
        }
        var matcher = MeterPattern.anyOf(glob == null ? List.of() : List.of(glob));
        // the store is asked for the plain id, the declared meters the glob matches, or (no glob, or no registry)
        // every meter; the records are matched against the glob in every case: without a registry the store
        // returns every meter, and its SQL id equality is not the glob's exact match (Derby ignores trailing blanks)
        List<String> meterIds = List.of();
        if (glob != null && !MeterPattern.isGlob(glob)) {
            meterIds = List.of(glob);
        } else if (glob != null && registry != null) {
            meterIds = registry.meters().stream().map(Meter::id).filter(matcher).toList();
            if (meterIds.isEmpty()) {
                out.println("no declared meter matches " + glob);
                return null;
            }
        }
        // rows and totals: only intervals starting in the period (from <= start < to)
        var records = EmissionBuckets.startingIn(emissions.emissions(meterIds, period.from(), period.to()).stream()
                .filter(r -> matcher.test(r.interval().meterId())).toList(), period);
        var page = EmissionBuckets.newest(EmissionBuckets.rows(records, grouping, zoneId), limit);
        var buckets = grouping != EmissionBuckets.By.INTERVAL;
        var table = new ShellTable();
        table.column("Meter");
        table.column("Start");
        table.column("End");
        if (buckets) {
            table.column(new Col("Intervals").alignRight());
        }
        table.column(new Col("kWh").alignRight());
        table.column(new Col("g/kWh").alignRight());
        table.column("Method");
        table.column(new Col("Source / edition").maxSize(60));
        table.column(new Col("kg CO2e").alignRight());
        table.emptyTableText("no emission records from " + Texts.time(period.from()) + " to " + Texts.time(period.to()));
        for (var row : page.shown()) {
            var cells = new ArrayList<Object>(List.of(row.meterId(), Texts.time(row.start(), zoneId),
                    Texts.time(row.end(), zoneId)));
            if (buckets) {
                cells.add(row.intervals());
            }
            cells.addAll(List.of(Texts.number(row.kwh(), 3), EmissionBuckets.factorCell(row), row.method().name(),
                    EmissionBuckets.sourceCell(row), Texts.number(row.kgCo2e(), 3)));
            table.addRow().addContent(cells);
        }
        table.print(out);
        if (page.leftOut() > 0) {
            out.println(EmissionBuckets.leftOutNote(page, grouping));
        }
        for (var t : EmissionTotals.byMethod(records)) {
            out.println("Total " + t.method() + ": " + t.records() + " intervals, " + Texts.number(t.kwh(), 3)
                    + " kWh, " + Texts.number(t.kgCo2e(), 3) + " kg CO2e");
        }
        return null;
    }
}
