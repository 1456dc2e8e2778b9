package org.gridprint.shell.carbon;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "intensity",
        description = "Grid-intensity providers per site in rank order (latest value, last success/error, next poll),"
                + " or with --history the stored values of a site's providers")
public class IntensityCommand implements Action {

    static final Duration DEFAULT_LAST = Duration.ofHours(24);

    @Option(name = "--site", description = "Only this site (default: all sites)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--provider", description = "Only this provider instance id")
    String provider;

    @Option(name = "--history", description = "The stored values (actual and forecast) of --site instead of the"
            + " providers")
    boolean history;

    @Option(name = "--from", description = "History start: ISO instant or date (default: --to minus 24h)")
    String from;

    @Option(name = "--to", description = "History end (default now)")
    String to;

    @Option(name = "--last", description = "History span back from --to/now: 6h, 2d")
    String last;

    @Option(name = "--limit", aliases = "-n", description = "History: at most the last N values (default 200)")
    int limit = 200;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    IntensityService intensity;

    @Reference
    Session session;

    /** The clock (tests set it). */
    Instant now;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var clock = now == null ? Instant.now() : now;
        if (history) {
            if (site == null || site.isBlank()) {
                throw new IllegalArgumentException("--history needs --site <site>: the values are a site's providers'");
            }
        }
        var period = history ? TimeArgs.period(from, to, last, clock, DEFAULT_LAST) : null;
        if (intensity == null) {
            out.println(CarbonMessages.NO_INTENSITY);
            return null;
        }
        var table = new ShellTable();
        if (history) {
            var points = intensity.history(site.trim(), blankToNull(provider), period.from(), period.to());
            table.column("Provider");
            table.column("Region");
            table.column("Signal");
            table.column("Start");
            table.column("End");
            table.column(new Col("Value").alignRight());
            table.column("Unit");
            table.column("Kind");
            table.column("Model");
            table.column("Issued");
            table.emptyTableText("no intensity values of site " + site.trim() + (provider == null ? ""
                    : " provider " + provider) + " from " + period.from() + " to " + period.to());
            var shown = points.size() <= limit ? points : points.subList(points.size() - limit, points.size());
            for (var p : shown) {
                table.addRow().addContent(p.provider(), p.region(), p.signal().name(), p.start().toString(),
                        p.end().toString(), CarbonText.plain(p.value()), p.unit(),
                        (p.forecast() ? "forecast" : "actual") + (p.estimated() ? ", estimated" : ""),
                        p.model().isEmpty() ? "-" : p.model(), p.issuedAt().toString());
            }
            table.print(out, !noFormat);
            if (shown.size() < points.size()) {
                out.println((points.size() - shown.size()) + " earlier values not shown (--limit " + limit + ")");
            }
            return null;
        }
        var providers = intensity.providers(site == null ? "" : site.trim()).stream()
                .filter(p -> provider == null || p.provider().equals(provider.trim())).toList();
        table.column("Site");
        table.column(new Col("Rank").alignRight());
        table.column("Provider");
        table.column("Kind");
        table.column("Region");
        table.column("Signal");
        table.column(new Col("Latest").alignRight());
        table.column("Latest start");
        table.column("Last success");
        table.column("Next poll");
        table.column(new Col("Last error").wrap().maxSize(60));
        table.emptyTableText("no intensity providers" + (site == null ? "" : " for site " + site.trim())
                + ": configure etc/org.gridprint.carbon.intensity.<kind>-<name>.cfg (see docs/carbon-accounting.md)");
        for (var p : providers) {
            table.addRow().addContent(p.siteId(), p.rank(), p.provider(), p.kind(), p.region(), p.signal().name(),
                    p.latest().map(l -> CarbonText.plain(l.value()) + " " + l.unit()
                            + (l.forecast() ? " (forecast)" : "")).orElse("-"),
                    p.latest().map(l -> l.start().toString()).orElse("-"),
                    p.lastSuccess().map(Instant::toString).orElse("never"),
                    p.nextPoll().map(Instant::toString).orElse("-"), p.lastError().orElse("-"));
        }
        table.print(out, !noFormat);
        if (site != null && !site.isBlank()) {
            intensity.resolution(site.trim()).ifPresent(r -> out.println("Resolution of the first-ranked series: "
                    + r.toMinutes() + " min (windows are cut this fine where it is finer than the site's window)"));
            intensity.location(site.trim()).ifPresent(l -> out.println("Location: " + SiteLocations.describe(l)));
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
