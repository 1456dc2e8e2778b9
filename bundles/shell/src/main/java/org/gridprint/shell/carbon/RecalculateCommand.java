package org.gridprint.shell.carbon;

import java.time.Instant;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.carbon.RecalculationService;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "recalculate",
        description = "Recomputes the emission windows starting in [--from, --to) from stored readings, factors and"
                + " intensity values (never the network); a changed window becomes a new version with --reason, the"
                + " earlier one stays in its history; unchanged windows stay as they are")
public class RecalculateCommand implements Action {

    @Option(name = "--from", required = true, description = "Start: ISO instant or date (UTC midnight)")
    String from;

    @Option(name = "--to", required = true, description = "End (exclusive): ISO instant or date")
    String to;

    @Option(name = "--site", description = "Only this site (default: all sites)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--reason", required = true, description = "Why, recorded with every revised window, e.g."
            + " \"eGRID2023rev2 published\"")
    String reason;

    @Reference(optional = true)
    RecalculationService recalculation;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var period = new TimeArgs.Period(TimeArgs.parseInstant("--from", from), TimeArgs.parseInstant("--to", to));
        var why = CarbonArgs.required("--reason", reason, "a text saying why, e.g. \"late intensity values\"");
        if (recalculation == null) {
            out.println(CarbonMessages.NO_RECALCULATION);
            return null;
        }
        var siteId = site == null || site.isBlank() ? Optional.<String>empty() : Optional.of(site.trim());
        var r = recalculation.recalculate(period.from(), period.to(), siteId, why);
        out.println(text(r, period.from(), period.to(), siteId, why));
        return null;
    }

    static String text(RecalculationService.Result r, Instant from, Instant to, Optional<String> site, String reason) {
        var b = new StringBuilder("recalculated ").append(from).append(" .. ").append(to)
                .append(site.map(s -> " of site " + s).orElse(" of all sites")).append(" (reason: ").append(reason)
                .append("): ").append(r.metersDone()).append(" meter(s), ").append(r.windowsChecked())
                .append(" window(s) checked, ").append(r.windowsRevised()).append(" revised (new version, the earlier"
                        + " kept), ").append(r.windowsAdded()).append(" added, ")
                .append(Math.max(0, r.windowsChecked() - r.windowsRevised() - r.windowsAdded())).append(" unchanged");
        r.problem().ifPresent(p -> b.append("\nproblem: ").append(p));
        return b.toString();
    }
}
