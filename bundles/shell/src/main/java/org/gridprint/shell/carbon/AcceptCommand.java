package org.gridprint.shell.carbon;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.carbon.PlausibilityService;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.shell.MeterIdCompleter;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "accept",
        description = "Operator decision on a meter's SUSPECT_SPIKE windows starting at <start> (every scope and method"
                + " of that energy, or only --scope/--method): accept them (counted again, flagged ACCEPTED) or with"
                + " --amount correct their energy (flagged CORRECTED, repriced with its factor). Each writes a new"
                + " window version with --reason")
public class AcceptCommand implements Action {

    @Argument(index = 0, name = "meter", required = true, description = "The meter id")
    @Completion(MeterIdCompleter.class)
    String meter;

    @Argument(index = 1, name = "start", required = true, description = "The window start as gridprint:suspects shows"
            + " it, e.g. 2026-12-06T10:00:00Z")
    String start;

    @Option(name = "--reason", required = true, description = "Why: \"verified on site: meter replaced\"")
    String reason;

    @Option(name = "--amount", description = "Correct instead of accepting: the window's true amount in its canonical"
            + " unit (kWh, m³)")
    String amount;

    @Option(name = "--scope", description = "Only this scope: 1, 2 or 3")
    @Completion(value = StringsCompleter.class, values = {"1", "2", "3"})
    String scope;

    @Option(name = "--method", description = "Only this method: location, market or direct")
    @Completion(value = StringsCompleter.class, values = {"location", "market", "direct"})
    String method;

    @Reference(optional = true)
    PlausibilityService plausibility;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var at = TimeArgs.parseInstant("start", start);
        var why = CarbonArgs.required("--reason", reason, "the operator's reason, e.g. \"verified: CT replaced\"");
        var corrected = amount == null ? null : CarbonArgs.decimal("--amount", amount, false);
        var scopeFilter = CarbonArgs.scope(scope);
        var methodFilter = CarbonArgs.method(method);
        if (plausibility == null) {
            out.println(CarbonMessages.NO_PLAUSIBILITY);
            return null;
        }
        var meterId = meter.trim();
        var keys = plausibility.suspects(new WindowQuery(at, at.plusMillis(1), Set.of(meterId), "", scopeFilter,
                methodFilter)).stream().filter(w -> w.start().equals(at)).map(w -> w.key()).toList();
        if (keys.isEmpty()) {
            out.println("no unaccepted SUSPECT_SPIKE window of meter " + meterId + " starts at " + at
                    + scopeFilter.map(s -> " in scope " + CarbonText.scope(s)).orElse("")
                    + methodFilter.map(m -> " (" + CarbonText.method(m) + ")").orElse("")
                    + "; list them with gridprint:suspects --meter " + meterId);
            return null;
        }
        for (var key : keys) {
            var w = corrected == null ? plausibility.accept(key, why) : plausibility.correct(key, corrected, why);
            out.println((corrected == null ? "accepted " : "corrected ") + w.meterId() + " " + w.start() + " scope "
                    + CarbonText.scope(w.scope()) + " " + CarbonText.method(w.method()) + ": "
                    + CarbonText.amount(w.amountNano()) + " " + CarbonText.unit(w.quantity()) + ", "
                    + EmissionTable.kg(w.co2eMicrograms(), false) + " CO2e, version " + w.version() + ", flags "
                    + CarbonText.flags(w.flags()));
        }
        return null;
    }

}
