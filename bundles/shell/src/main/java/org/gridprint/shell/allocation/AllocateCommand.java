package org.gridprint.shell.allocation;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationService;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.shell.TimeArgs;
import org.osgi.service.cm.ConfigurationAdmin;

@Service
@Command(scope = "gridprint", name = "allocate",
        description = "Allocates a site's energy, location- and market-based CO2e and certificate-covered energy (RECs)"
                + " for a period to departments, tenants or another tag's values with the site's allocation rules;"
                + " shares add up to the whole to the Wh and the gram. A period computed before is shown as stored"
                + " (with the rule version it was computed with) unless --recalculate")
public class AllocateCommand implements Action {

    static final String NO_SERVICE = "allocation is not available: install the feature gridprint-allocation and"
            + " configure rules (etc/org.gridprint.allocation.rule-<name>.cfg)";

    @Option(name = "--site", description = "The site (default: the only site with allocation rules)")
    @Completion(AllocateSiteCompleter.class)
    String site;

    @Option(name = "--dimension", description = "department (default), tenant or another tag key the rules split by")
    @Completion(AllocateDimensionCompleter.class)
    String dimension;

    @Option(name = "--period", description = "A month 2026-11, a year 2026 or a day 2026-11-05, cut in the site's"
            + " time zone")
    @Completion(value = StringsCompleter.class, values = {"2026-10", "2026-11", "2026-12", "2026"})
    String period;

    @Option(name = "--from", description = "Start instead of --period: a date (midnight in the site's zone) or an"
            + " instant 2026-11-01T00:00:00Z")
    String from;

    @Option(name = "--to", description = "End (exclusive) with --from")
    String to;

    @Option(name = "--zone", description = "Time zone that cuts the period (default: the site's timeZone from its"
            + " org.gridprint.carbon.site configuration, else UTC)")
    String zone;

    @Option(name = "--recalculate", description = "Compute the period again with the rules as configured now and"
            + " store it as its next version (needs --reason; role admin)")
    boolean recalculate;

    @Option(name = "--reason", description = "Why the period is recalculated (stored with the new version)")
    String reason;

    @Option(name = "--windows", description = "Also list every target's exact part of every accounting window")
    boolean windows;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    AllocationService allocation;

    @Reference(optional = true)
    ConfigurationAdmin configurationAdmin;

    @Reference(optional = true)
    RecordRegister register;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (allocation == null) {
            out.println(NO_SERVICE);
            return null;
        }
        if (recalculate && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("--reason: missing; --recalculate stores a new version and needs the"
                    + " reason, e.g. --reason \"floor areas corrected after the move\"");
        }
        if (!recalculate && reason != null) {
            throw new IllegalArgumentException("--reason is only used with --recalculate");
        }
        String siteId = site == null ? defaultSite() : site.trim();
        String dim = dimension == null || dimension.isBlank() ? "department" : dimension.trim();
        ZoneId z = zone != null ? TimeArgs.parseZone("--zone", zone)
                : AllocateConfigs.siteZone(configurationAdmin, siteId).orElse(ZoneOffset.UTC);
        var p = AllocateArgs.period(period, from, to, z);
        var result = allocation.allocate(new AllocationRequest(siteId, dim, p.from(), p.to(), z, recalculate,
                recalculate ? reason.trim() : ""));
        print(out, result, p.label(), windows, noFormat);
        if (register != null) {
            sources(out, register, result);
        }
        return null;
    }

    private String defaultSite() {
        var sites = AllocateConfigs.ruleSites(configurationAdmin);
        if (sites.size() == 1) {
            return sites.iterator().next();
        }
        throw new IllegalArgumentException("--site: missing; expected one of the sites with allocation rules: "
                + (sites.isEmpty() ? "none configured (" + AllocateConfigs.RULE_PID + ")" : String.join(", ", sites)));
    }

    /**
     * The factor versions and instruments the period's windows were priced with, as its stored version records them
     * (register {@code allocation}, lines {@code sources.*}), the first few resolved to their register keys.
     */
    static void sources(PrintStream out, RecordRegister register, Allocation a) {
        var r = a.request();
        var key = r.siteId() + "/" + r.dimension() + "/" + r.from() + "/" + r.to();
        var stored = register.history("allocation", key).stream().filter(x -> x.version() == a.version()).findFirst();
        if (stored.isEmpty()) {
            return;
        }
        var lines = new java.util.TreeMap<String, String>();
        for (var line : stored.get().text().split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("sources.") && eq > 0) {
                lines.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String loc = lines.getOrDefault("sources.locationFactorRefs", "");
        String mkt = lines.getOrDefault("sources.marketFactorRefs", "");
        String ins = lines.getOrDefault("sources.instrumentRefs", "");
        out.println("Priced with factor versions (register factor) location-based: " + (loc.isEmpty() ? "none" : loc)
                + "; market-based: " + (mkt.isEmpty() ? "none" : mkt) + "; instruments (register instrument): "
                + (ins.isEmpty() ? "none" : ins));
        var shown = new java.util.LinkedHashSet<Long>();
        for (var text : java.util.List.of(loc, mkt, ins)) {
            for (var part : text.split(",")) {
                var p = part.trim();
                if (!p.isEmpty() && shown.size() < 5) {
                    shown.add(Long.parseLong(p.contains("-") ? p.substring(0, p.indexOf('-')) : p));
                }
            }
        }
        for (long ref : shown) {
            register.byRef(ref).ifPresent(rec -> out.println("  ref " + ref + ": " + rec.register() + " " + rec.key()
                    + " version " + rec.version()));
        }
    }

    static void print(PrintStream out, Allocation a, String label, boolean windows, boolean noFormat) {
        var r = a.request();
        out.println("Allocation of " + r.siteId() + " by " + r.dimension() + ", " + label + " (" + r.from() + " .. "
                + r.to() + ", " + r.zone() + ")");
        var table = new ShellTable();
        table.column(r.dimension().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + r.dimension().substring(1));
        table.column(new Col("kWh").alignRight());
        table.column(new Col("Share").alignRight());
        table.column(new Col("Location kg").alignRight());
        table.column(new Col("Market kg").alignRight());
        table.column(new Col("REC kWh").alignRight());
        table.column(new Col("Basis").wrap().maxSize(noFormat ? 400 : 70));
        for (var s : a.shares()) {
            table.addRow().addContent(s.target(), AllocateText.kWh(s.energyWh()),
                    AllocateText.percent(s.energyWh(), a.totalEnergyWh()), AllocateText.kg(s.locationCo2eGrams()),
                    AllocateText.kg(s.marketCo2eGrams()), AllocateText.kWh(s.recWh()), s.basis().isEmpty() ? "-"
                            : s.basis());
        }
        table.addRow().addContent("Total", AllocateText.kWh(a.totalEnergyWh()), a.totalEnergyWh() == 0 ? "-" : "100.0 %",
                AllocateText.kg(a.totalLocationCo2eGrams()), AllocateText.kg(a.totalMarketCo2eGrams()),
                AllocateText.kWh(a.totalRecWh()), "shares add up to the total to the Wh and the gram");
        table.print(out, !noFormat);
        out.println("Allocation version " + a.version() + " computed " + a.computedAt() + " with rule set version "
                + a.ruleVersion() + " (register allocation-rule, ref " + a.ruleRef() + ")");
        boolean stale = a.windows().isEmpty() && a.shares().stream().anyMatch(s -> s.energyWh() != 0);
        if (stale) {
            out.println("Note: the emission windows (or meters) changed since this version was computed; the stored"
                    + " shares stand. gridprint:allocate --recalculate --reason \"...\" allocates the current windows.");
        }
        if (windows && !stale) {
            var wt = new ShellTable();
            wt.column("Start");
            wt.column("End");
            wt.column("Target");
            wt.column(new Col("kWh").alignRight());
            wt.column(new Col("Location kg").alignRight());
            wt.column(new Col("Market kg").alignRight());
            wt.column(new Col("REC kWh").alignRight());
            wt.emptyTableText("no windows in the period");
            for (TargetWindow w : a.windows()) {
                wt.addRow().addContent(w.start(), w.end(), w.target(), AllocateText.exactKWh(w.energyNano()),
                        AllocateText.exactKg(w.locationCo2eMicrograms()), AllocateText.exactKg(w.marketCo2eMicrograms()),
                        AllocateText.exactKWh(w.recCoveredNano()));
            }
            wt.print(out, !noFormat);
        }
        if (a.shares().stream().anyMatch(s -> s.target().equals(AllocationShare.UNALLOCATED))) {
            out.println(AllocationShare.UNALLOCATED + ": energy no rule assigns (see its basis); add a 'remainder'"
                    + " rule to split it");
        }
    }
}
