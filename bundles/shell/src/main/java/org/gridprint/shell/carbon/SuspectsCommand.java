package org.gridprint.shell.carbon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.carbon.PlausibilityService;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.shell.MeterIdCompleter;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "suspects",
        description = "Windows flagged SUSPECT_SPIKE (implied power above the meter's maximum) and not yet accepted:"
                + " excluded from every total until gridprint:accept accepts or corrects them")
public class SuspectsCommand implements Action {

    static final Duration DEFAULT_LAST = Duration.ofDays(31);

    @Option(name = "--meter", description = "Only this meter")
    @Completion(MeterIdCompleter.class)
    String meter;

    @Option(name = "--site", description = "Only this site")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--from", description = "Start: ISO instant or date (default: --to minus 31 days)")
    String from;

    @Option(name = "--to", description = "End (default now)")
    String to;

    @Option(name = "--last", description = "Span back from --to/now: 7d, 90d")
    String last;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    PlausibilityService plausibility;

    @Reference
    Session session;

    /** The clock (tests set it). */
    Instant now;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var period = TimeArgs.period(from, to, last, now == null ? Instant.now() : now, DEFAULT_LAST);
        if (plausibility == null) {
            out.println(CarbonMessages.NO_PLAUSIBILITY);
            return null;
        }
        var query = new WindowQuery(period.from(), period.to(), meter == null ? Set.of() : Set.of(meter.trim()),
                site == null ? "" : site.trim(), Optional.empty(), Optional.empty());
        var suspects = plausibility.suspects(query);
        var table = new ShellTable();
        table.column("Meter");
        table.column("Start");
        table.column("End");
        table.column("Scope");
        table.column("Method");
        table.column(new Col("Amount").alignRight());
        table.column("Unit");
        table.column(new Col("Implied kW").alignRight());
        table.column(new Col("kg CO2e").alignRight());
        table.column("Readings");
        table.column(new Col("Flags").wrap());
        table.emptyTableText("no unaccepted SUSPECT_SPIKE windows from " + period.from() + " to " + period.to());
        for (var w : suspects) {
            table.addRow().addContent(w.meterId(), w.start().toString(), w.end().toString(), CarbonText.scope(w.scope()),
                    CarbonText.method(w.method()), CarbonText.amount(w.amountNano()), CarbonText.unit(w.quantity()),
                    impliedKw(w.amountNano(), Duration.between(w.start(), w.end())), CarbonText.co2e(w.co2eMicrograms()),
                    w.firstReading() + " .. " + w.lastReading(), CarbonText.flags(w.flags()));
        }
        table.print(out, !noFormat);
        if (!suspects.isEmpty()) {
            out.println("accept (counted again, flagged ACCEPTED) or correct the amount with"
                    + " gridprint:accept <meter> <start> --reason \"...\" [--amount <kWh>]");
        }
        return null;
    }

    /** Average power over the window in kW (the window's energy in kWh over its hours); {@code -} for fuels. */
    static String impliedKw(long amountNano, Duration window) {
        var kw = java.math.BigDecimal.valueOf(amountNano, 9).multiply(java.math.BigDecimal.valueOf(3600))
                .divide(java.math.BigDecimal.valueOf(window.toSeconds()), 3, java.math.RoundingMode.HALF_EVEN);
        return CarbonText.plain(kw);
    }
}
