package org.gridprint.shell.allocation;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import org.gridprint.api.allocation.MeterTree;
import org.gridprint.api.allocation.TreeNode;

@Service
@Command(scope = "gridprint", name = "tree",
        description = "The meter hierarchy of a site with each node's energy for a period: the metering tree (main"
                + " meter -> submeters) or the location tree (building -> floor -> panel -> circuit from the meters'"
                + " key=value tags); --format haystack|brick prints the model for BMS tools instead")
public class TreeCommand implements Action {

    @Option(name = "--site", description = "The site (default: the only site; all sites one after the other)")
    @Completion(AllocationSiteCompleter.class)
    String site;

    @Option(name = "--period", description = "A month 2026-11, a year 2026 or a day 2026-11-05 (default: this month),"
            + " cut in the site's time zone")
    String period;

    @Option(name = "--from", description = "First day, YYYY-MM-DD (instead of --period)")
    String from;

    @Option(name = "--to", description = "Day after the last, YYYY-MM-DD (exclusive)")
    String to;

    @Option(name = "--view", description = "metering (default: main meters and their submeters) or location"
            + " (building, floor, panel, circuit)")
    @Completion(value = StringsCompleter.class, values = {"metering", "location"})
    String view;

    @Option(name = "--format", description = "text (default), haystack (Project Haystack JSON grid) or brick (Brick"
            + " Turtle)")
    @Completion(value = StringsCompleter.class, values = {"text", "haystack", "brick"})
    String format;

    @Option(name = "--no-format", description = "Plain output without table borders, for scripts")
    boolean noFormat;

    @Reference(optional = true)
    MeterTree tree;

    @Reference
    Session session;

    /** Today (tests set it). */
    LocalDate today;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (tree == null) {
            out.println("the meter tree is not available: feature:install gridprint-allocation");
            return null;
        }
        var sites = site == null || site.isBlank() ? tree.sites() : List.of(site.trim());
        if (sites.isEmpty()) {
            out.println("no sites: declare meters with org.gridprint.meter configurations");
            return null;
        }
        var f = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("haystack") && !f.equals("brick")) {
            throw new IllegalArgumentException("--format '" + format + "' is not a format; expected text, haystack or"
                    + " brick");
        }
        if (!f.equals("text")) {
            for (var s : sites) {
                out.print(tree.export(s, f.equals("haystack") ? MeterTree.Format.HAYSTACK : MeterTree.Format.BRICK));
            }
            printProblems(out);
            return null;
        }
        var v = view == null ? "metering" : view.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("metering") && !v.equals("location")) {
            throw new IllegalArgumentException("--view '" + view + "' is not a view; expected metering or location");
        }
        for (var s : sites) {
            var p = AuditPeriod.parse(period, from, to, today == null ? LocalDate.now(tree.zone(s)) : today);
            var root = tree.tree(s, v.equals("metering") ? MeterTree.View.METERING : MeterTree.View.LOCATION,
                    p.from(), p.to());
            out.println("Site " + s + ", " + p.from() + " .. " + p.to() + " (exclusive, " + tree.zone(s)
                    + "), energy imported (location-based windows), kWh:");
            table(root).print(out, !noFormat);
        }
        printProblems(out);
        return null;
    }

    static ShellTable table(TreeNode root) {
        var t = new ShellTable();
        t.column("Node");
        t.column("Kind");
        t.column(new Col("kWh").alignRight());
        t.column(new Col("Submeters kWh").alignRight());
        t.column(new Col("Unmetered kWh").alignRight());
        t.column(new Col("%").alignRight());
        t.column(new Col("Windows").alignRight());
        t.column(new Col("Tags").maxSize(60));
        var rows = new ArrayList<Object[]>();
        rows(root, 0, rows);
        rows.forEach(r -> t.addRow().addContent(r));
        return t;
    }

    private static void rows(TreeNode n, int depth, List<Object[]> out) {
        var meter = n.kind() == TreeNode.Kind.METER;
        var hasSub = meter && n.meter().isPresent() && n.childrenNano() != 0;
        out.add(new Object[] {"  ".repeat(depth) + n.id(), n.kind().name().toLowerCase(Locale.ROOT),
                n.hasEnergy() ? AllocationText.kwh(n.energyNano()) : "-",
                hasSub ? AllocationText.kwh(n.childrenNano()) : "",
                hasSub && n.hasEnergy() ? AllocationText.kwh(n.energyNano() - n.childrenNano()) : "",
                hasSub && n.hasEnergy() ? AllocationText.percent(n.energyNano() - n.childrenNano(), n.energyNano()) : "",
                n.windows(), tags(n)});
        for (var c : n.children()) {
            rows(c, depth + 1, out);
        }
    }

    private static String tags(TreeNode n) {
        if (n.kind() == TreeNode.Kind.VIRTUAL) {
            return "= " + n.formula();
        }
        if (n.meter().isEmpty()) {
            return "";
        }
        var m = n.meter().get();
        var parts = new ArrayList<String>();
        if (!m.assetType().isEmpty()) {
            parts.add(m.assetType());
        }
        if (!m.department().isEmpty()) {
            parts.add("department:" + m.department());
        }
        if (!m.tenant().isEmpty()) {
            parts.add("tenant:" + m.tenant());
        }
        return String.join(", ", parts);
    }

    private void printProblems(PrintStream out) {
        var problems = tree.problems();
        if (!problems.isEmpty()) {
            out.println(problems.size() + " meter(s) refused (left out of the tree and the audit until fixed):");
            problems.forEach(p -> out.println("  " + p.message()));
        }
    }
}
