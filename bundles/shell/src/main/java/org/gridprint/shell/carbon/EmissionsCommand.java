package org.gridprint.shell.carbon;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

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
import org.gridprint.api.Meter;
import org.gridprint.api.MeterPattern;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.allocation.VirtualMeterService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.shell.MeterIdCompleter;
import org.gridprint.shell.TimeArgs;
import org.gridprint.shell.TrailingOptions;

@Service
@Command(scope = "gridprint", name = "emissions",
        description = "Emission totals from the windowed emission ledger (computed by the store): location- and "
                + "market-based side by side per scope, grouped by hour/day/month/year/meter/site/scope/method/tag, "
                + "with quality and flags; --sources shows the factor versions in full")
public class EmissionsCommand implements Action {

    static final Duration DEFAULT_LAST = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 200;
    private static final Map<String, String> TRAILING = Map.ofEntries(Map.entry("--from", "--from"),
            Map.entry("--to", "--to"), Map.entry("--last", "--last"), Map.entry("--by", "--by"),
            Map.entry("--zone", "--zone"), Map.entry("--scope", "--scope"), Map.entry("--method", "--method"),
            Map.entry("--site", "--site"), Map.entry("--tag", "--tag"), Map.entry("--limit", "--limit"),
            Map.entry("--meter", "--meter"),
            Map.entry("-n", "--limit"));
    private static final Set<String> FLAGS = Set.of("--sources", "--exact", "--no-format");

    @Argument(index = 0, name = "meter-glob", required = false,
            description = "Meter id or glob, e.g. hq/b1/* (default: all meters)")
    @Completion(MeterIdCompleter.class)
    String glob;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "The options may also follow the meter glob")
    List<String> trailing;

    @Option(name = "--from", description = "Start: ISO instant 2026-11-25T10:00:00Z or date 2026-11-25 (midnight in"
            + " --zone); windows starting from --from up to before --to are counted")
    String from;

    @Option(name = "--to", description = "End, default now")
    String to;

    @Option(name = "--last", description = "Span back from --to/now: 15m, 1h, 7d (default 24h)")
    String last;

    @Option(name = "--by", description = "Group by hour, day, month, year, meter, site, quantity, scope, method or tag;"
            + " a comma list groups by several (month,meter). Default: one row per scope")
    @Completion(value = StringsCompleter.class, values = {"hour", "day", "month", "year", "meter", "site", "quantity",
            "scope", "method", "tag", "month,meter", "day,meter", "month,site", "month,tag"})
    String by;

    @Option(name = "--zone", description = "Time zone that cuts hours, days, months and years and in which dates of"
            + " --from/--to are midnight: UTC (default), Europe/Berlin, America/New_York, +01:00")
    String zone;

    @Option(name = "--scope", description = "Only this scope: 1, 2 or 3 (Scope 3 category 3, T&D losses)")
    @Completion(value = StringsCompleter.class, values = {"1", "2", "3"})
    String scope;

    @Option(name = "--method", description = "Only this method: location, market or direct (default: location and"
            + " market side by side)")
    @Completion(value = StringsCompleter.class, values = {"location", "market", "direct"})
    String method;

    @Option(name = "--meter", description = "Meter id or glob (the same as the meter-glob argument)")
    @Completion(MeterIdCompleter.class)
    String meter;

    @Option(name = "--site", description = "Only windows of this site")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--tag", description = "Only meters with this tag (department:<d>, tenant:<t> or a free tag)")
    String tag;

    @Option(name = "--sources", description = "Also list every factor version (and instrument) that priced the"
            + " selected windows, in full")
    boolean sources;

    @Option(name = "--exact", description = "Every digit held: kWh/m³ to 9 decimals, kg CO2e to the microgram")
    boolean exact;

    @Option(name = "--limit", aliases = "-n", description = "Show at most the last N rows (default 200); the"
            + " inventory totals always cover every row")
    int limit = DEFAULT_LIMIT;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    EmissionWindowStore store;

    @Reference(optional = true)
    MeterRegistry registry;

    @Reference(optional = true)
    FactorCatalog catalog;

    @Reference(optional = true)
    RecordRegister register;

    @Reference(optional = true)
    VirtualMeterService virtualMeters;

    @Reference
    Session session;

    /** The clock (tests set it). */
    Instant now;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        readTrailing();
        if (meter != null) {
            if (glob != null && !glob.equals(meter)) {
                throw new IllegalArgumentException("--meter " + meter + " and the meter-glob argument " + glob
                        + " cannot be combined; expected one of them");
            }
            glob = meter;
        }
        var groupBy = CarbonArgs.by(by);
        var scopeFilter = CarbonArgs.scope(scope);
        var methodFilter = CarbonArgs.method(method);
        var zoneId = TimeArgs.parseZone("--zone", zone);
        limit = TrailingOptions.positiveLimit(limit);
        var period = TimeArgs.period(from, to, last, now == null ? Instant.now() : now, DEFAULT_LAST, zoneId);
        if (store == null) {
            out.println(CarbonMessages.NO_WINDOW_STORE);
            return null;
        }
        Set<String> meterIds = Set.of();
        if (glob != null && !MeterPattern.isGlob(glob)) {
            meterIds = Set.of(glob);
        } else if (glob != null) {
            if (registry == null) {
                out.println("a meter glob needs the MeterRegistry (feature:install gridprint-core); give a meter id");
                return null;
            }
            var matcher = MeterPattern.parse(glob);
            meterIds = new TreeSet<>(registry.meters().stream().map(Meter::id).filter(matcher::matches).toList());
            if (meterIds.isEmpty()) {
                out.println("no declared meter matches " + glob);
                return null;
            }
        }
        var tagText = tag == null ? "" : tag.trim();
        var siteText = site == null ? "" : site.trim();
        var query = new TotalsQuery(period.from(), period.to(), zoneId, EmissionTable.query(groupBy), meterIds,
                siteText, scopeFilter, methodFilter, tagText);
        var table = EmissionTable.of(groupBy,
                MeasuredTotals.totals(store, query, MeasuredTotals.virtualIds(virtualMeters)));
        print(out, table, groupBy, methodFilter, zoneId, period);
        if (sources) {
            printSources(out, new WindowQuery(period.from(), period.to(), meterIds, siteText, scopeFilter,
                    methodFilter), tagText);
        }
        return null;
    }

    private void readTrailing() {
        if (trailing == null) {
            return;
        }
        var values = new ArrayList<String>();
        for (var t : trailing) {
            switch (t) {
                case "--sources" -> sources = true;
                case "--exact" -> exact = true;
                case "--no-format" -> noFormat = true;
                default -> values.add(t);
            }
        }
        var options = TrailingOptions.parse(values, TRAILING, "after the meter glob (flags: " + String.join(", ",
                new TreeSet<>(FLAGS)) + ")");
        from = options.getOrDefault("--from", from);
        to = options.getOrDefault("--to", to);
        last = options.getOrDefault("--last", last);
        by = options.getOrDefault("--by", by);
        zone = options.getOrDefault("--zone", zone);
        scope = options.getOrDefault("--scope", scope);
        method = options.getOrDefault("--method", method);
        site = options.getOrDefault("--site", site);
        tag = options.getOrDefault("--tag", tag);
        meter = options.getOrDefault("--meter", meter);
        limit = TrailingOptions.limit(options, limit);
    }

    private void print(PrintStream out, EmissionTable table, List<GroupBy> groupBy,
            Optional<AccountingMethod> methodFilter, ZoneId zoneId, TimeArgs.Period period) {
        var showLocation = methodFilter.isEmpty() || methodFilter.get() != AccountingMethod.MARKET_BASED;
        var showMarket = methodFilter.isEmpty() || methodFilter.get() != AccountingMethod.LOCATION_BASED;
        var t = new ShellTable();
        for (var g : groupBy) {
            t.column(header(g));
        }
        t.column("Scope");
        t.column(new Col("Amount").alignRight());
        t.column("Unit");
        if (showLocation) {
            t.column(new Col(methodFilter.isPresent() ? "kg CO2e" : "Location kg CO2e").alignRight());
        }
        if (showMarket && !(methodFilter.isPresent() && showLocation)) {
            t.column(new Col("Market kg CO2e").alignRight());
        }
        t.column(new Col("Windows").alignRight());
        t.column(new Col("Excluded").alignRight());
        t.column("Quality");
        t.column(new Col("Flags").wrap());
        t.emptyTableText("no emission windows starting from " + period.from() + " to " + period.to() + " (zone "
                + zoneId + ")");
        var shown = table.newest(limit);
        for (var r : shown) {
            var cells = new ArrayList<Object>();
            r.group().forEach(v -> cells.add(v.isEmpty() ? "-" : v)); // e.g. TAG "" = meters without tags
            cells.add(CarbonText.scope(r.scope()));
            cells.add(exact ? CarbonText.amountExact(r.amountNano()) : CarbonText.amount(r.amountNano()));
            cells.add(CarbonText.unit(r.quantity()));
            if (showLocation) {
                cells.add(cell(r.location()));
            }
            if (showMarket && !(methodFilter.isPresent() && showLocation)) {
                cells.add(cell(r.market()));
            }
            cells.add(r.windows());
            cells.add(r.excludedWindows());
            cells.add(r.worstQuality() == null ? "-" : r.worstQuality().name());
            cells.add(CarbonText.flags(r.flags()));
            t.addRow().addContent(cells);
        }
        t.print(out, !noFormat);
        if (shown.size() < table.rows().size()) {
            out.println((table.rows().size() - shown.size()) + " earlier rows not shown (--limit " + limit
                    + "); the totals below cover all " + table.rows().size() + " rows");
        }
        var inv = table.inventory();
        if (showLocation) {
            out.println(EmissionTable.inventoryLine("Location-based", inv.location(), exact));
        }
        if (showMarket) {
            out.println(EmissionTable.inventoryLine("Market-based", inv.market(), exact));
        }
        if (inv.scope2WithoutMarket() > 0 && methodFilter.isEmpty()) {
            out.println("warning: " + inv.scope2WithoutMarket() + " Scope 2 row(s) have location-based windows without"
                    + " their market-based twins (is the market pricing running?)");
        }
        if (inv.excludedWindows() > 0) {
            out.println(inv.excludedWindows() + " window(s) flagged SUSPECT_SPIKE are excluded from the totals until"
                    + " accepted or corrected: gridprint:suspects");
        }
        out.println("Offsets are never subtracted here: gridprint:offsets --net");
    }

    private String cell(EmissionTable.Cell c) {
        if (c == null) {
            return "-";
        }
        return exact ? CarbonText.co2eExact(c.co2eMicrograms()) : CarbonText.co2e(c.co2eMicrograms());
    }

    private static String header(GroupBy g) {
        return switch (g) {
            case HOUR -> "Hour";
            case DAY -> "Day";
            case MONTH -> "Month";
            case YEAR -> "Year";
            case METER -> "Meter";
            case SITE -> "Site";
            case QUANTITY -> "Quantity";
            case SCOPE -> "Scope (group)";
            case METHOD -> "Method";
            case TAG -> "Tag";
        };
    }

    private void printSources(PrintStream out, WindowQuery query, String tagText) {
        Predicate<EmissionWindow> filter = w -> true;
        if (!tagText.isEmpty()) {
            if (registry == null) {
                out.println("--sources with --tag needs the MeterRegistry (feature:install gridprint-core)");
                return;
            }
            var tagged = new HashMap<String, Boolean>();
            registry.meters().forEach(m -> tagged.put(m.id(), MeterTags.of(m).contains(tagText)));
            filter = w -> tagged.getOrDefault(w.meterId(), false);
        }
        var found = FactorSources.scan(store, query, filter);
        var lines = found.lines(
                ref -> catalog == null ? Optional.empty() : catalog.byRef(ref),
                ref -> register == null ? Optional.empty() : register.byRef(ref));
        out.println();
        if (catalog == null) {
            out.println(CarbonMessages.NO_CATALOG + " Factor refs are listed without their versions.");
        }
        lines.forEach(out::println);
    }
}
