package org.gridprint.shell.carbon;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.WhatIfService;
import org.gridprint.shell.TimeArgs;

@Service
@Command(scope = "gridprint", name = "whatif",
        description = "Carbon-aware scheduling: the lowest-carbon start for a load within a horizon, from the site's"
                + " stored forecast (marginal where its provider offers it, else average, named in the answer), its"
                + " CO2e versus starting now, and the saving")
public class WhatIfCommand implements Action {

    @Option(name = "--load", required = true, description = "The load's power: 50kW, 800W, 1.5MW")
    String load;

    @Option(name = "--duration", required = true, description = "How long it runs: 30m, 2h")
    String duration;

    @Option(name = "--within", description = "Horizon from now in which it must finish: 12h, 24h (default 24h)")
    String within = "24h";

    @Option(name = "--site", description = "The site (default: the only site with providers)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Reference(optional = true)
    WhatIfService whatIf;

    @Reference(optional = true)
    org.gridprint.api.carbon.IntensityService intensity;

    @Reference
    Session session;

    /** The clock (tests set it). */
    Instant now;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var kw = CarbonArgs.loadKw(load);
        var runFor = TimeArgs.parseSpan("--duration", duration);
        var horizon = TimeArgs.parseSpan("--within", within);
        if (horizon.compareTo(runFor) < 0) {
            throw new IllegalArgumentException("--within " + within + " is shorter than --duration " + duration
                    + "; expected a horizon at least as long as the run");
        }
        if (whatIf == null) {
            out.println(CarbonMessages.NO_WHATIF);
            return null;
        }
        var siteId = site == null || site.isBlank() ? onlySite() : site.trim();
        var answer = whatIf.whatIf(siteId, kw, runFor, horizon, now == null ? Instant.now() : now);
        text(answer, kw, runFor).lines().forEach(out::println);
        return null;
    }

    private String onlySite() {
        if (intensity == null) {
            throw new IllegalArgumentException("--site: missing; expected the site whose forecast to use");
        }
        var sites = intensity.providers("").stream().map(p -> p.siteId()).distinct().toList();
        if (sites.size() != 1) {
            throw new IllegalArgumentException("--site: missing; expected one of " + (sites.isEmpty() ? "the sites (none"
                    + " has an intensity provider)" : sites));
        }
        return sites.get(0);
    }

    static String text(WhatIfService.Answer a, BigDecimal kw, Duration runFor) {
        var energy = kw.multiply(BigDecimal.valueOf(runFor.toSeconds())).divide(BigDecimal.valueOf(3600),
                java.math.MathContext.DECIMAL64);
        var b = new StringBuilder();
        b.append("site ").append(a.siteId()).append(": ").append(CarbonText.plain(kw)).append(" kW for ")
                .append(org.gridprint.shell.Durations.format(runFor)).append(" (")
                .append(CarbonText.plain(energy.round(new java.math.MathContext(6)))).append(" kWh)\n");
        b.append("best start ").append(a.bestStart()).append(": ").append(grams(a.gramsAtBest())).append(" CO2e\n");
        b.append("start now  ").append(a.now()).append(": ").append(grams(a.gramsNow())).append(" CO2e\n");
        b.append("saving ").append(grams(a.gramsSaved()));
        if (a.gramsNow().signum() > 0) {
            b.append(" (").append(CarbonText.plain(a.gramsSaved().multiply(BigDecimal.valueOf(100))
                    .divide(a.gramsNow(), 1, java.math.RoundingMode.HALF_EVEN))).append(" %)");
        }
        b.append('\n');
        b.append("signal ").append(a.signal()).append(" from provider ").append(a.provider())
                .append(a.signal() == IntensitySignal.MARGINAL ? " (marginal: what the load changes; never used in"
                        + " inventory totals)" : " (average: the provider offers no marginal forecast)");
        if (a.basis() != null && !a.basis().isBlank()) {
            b.append('\n').append("basis: ").append(a.basis());
        }
        return b.toString();
    }

    /** {@code 12.3 kg} from 1 kg on, else grams. */
    static String grams(BigDecimal grams) {
        if (grams.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return CarbonText.plain(grams.movePointLeft(3).setScale(3, java.math.RoundingMode.HALF_EVEN)) + " kg";
        }
        return CarbonText.plain(grams.round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN))) + " g";
    }
}
