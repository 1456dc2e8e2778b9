package org.gridprint.shell.allocation;

import java.io.PrintStream;
import java.math.BigDecimal;

import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.TenantStatement;

/**
 * A statement in the console: the heading, the tenant's figures and ShellTables of every target, the factors and
 * the offsets (plain with --no-format), then the findings. Files get the service's own text, CSV or JSON.
 */
final class StatementTables {

    private StatementTables() {
    }

    static void print(TenantStatement s, PrintStream out, boolean format) {
        out.println("Carbon statement, " + (s.tenant().isEmpty() ? "all tenants" : "tenant " + s.tenant())
                + " — data center " + s.dataCenter() + " (site " + s.siteId() + "), " + s.from() + " .. "
                + s.to().minusDays(1) + " (" + s.zone() + "), " + s.accountedWindows() + " facility windows"
                + (s.configRef() == 0 ? "" : ", configuration ref " + s.configRef()));
        var l = s.line();
        var figures = new ShellTable();
        figures.column("Figure");
        figures.column(new Col("Value").alignRight());
        figures.column("Unit");
        figures.addRow().addContent("IT energy", kilo(l.itWh()), "kWh");
        if (l.estimatedItWh() > 0) {
            figures.addRow().addContent("  of which ESTIMATED (server power models)", kilo(l.estimatedItWh()), "kWh");
        }
        figures.addRow().addContent("Overhead (cooling, losses) by IT share per window", kilo(l.overheadWh()), "kWh");
        figures.addRow().addContent("Total", kilo(l.totalWh()), "kWh");
        figures.addRow().addContent("PUE (energy-weighted)", pue(l), "");
        figures.addRow().addContent("Scope 2 location-based", kilo(l.locationCo2eGrams()), "kg CO2e");
        figures.addRow().addContent("Scope 2 market-based", kilo(l.marketCo2eGrams()), "kg CO2e");
        figures.addRow().addContent("Certificates (RECs), its share", kilo(l.recWh()), "kWh");
        figures.print(out, format);

        out.println("Every target (the lines add up to the facility to the Wh and the gram; * includes ESTIMATED IT):");
        var targets = new ShellTable();
        targets.column("Target");
        for (var c : new String[] {"IT kWh", "Overhead kWh", "Total kWh", "PUE", "Location kg", "Market kg",
                "REC kWh"}) {
            targets.column(new Col(c).alignRight());
        }
        for (var t : s.lines()) {
            row(targets, t);
        }
        row(targets, s.facility());
        targets.print(out, format);

        out.println("Factors and instruments of the facility windows:");
        var factors = new ShellTable();
        factors.column("Method");
        factors.column(new Col("Ref").alignRight());
        factors.column("Factor");
        factors.column("Edition");
        factors.column(new Col("Source").wrap().maxSize(50));
        factors.column(new Col("Windows").alignRight());
        for (var f : s.factors()) {
            factors.addRow().addContent(f.method(), f.ref(), f.id(), dash(f.edition()), dash(f.source()), f.windows());
        }
        if (s.factors().isEmpty()) {
            out.println("  none");
        } else {
            factors.print(out, format);
        }

        out.println("Offsets (shown apart, never subtracted from any scope):");
        var offsets = new ShellTable();
        offsets.column("Serial");
        offsets.column(new Col("t CO2e").alignRight());
        offsets.column("Standard");
        offsets.column(new Col("Project").wrap().maxSize(40));
        offsets.column("Vintage");
        offsets.column("Retired on");
        offsets.column("Retirement id");
        for (var o : s.offsets()) {
            offsets.addRow().addContent(o.serial(), o.tonnesCo2e().toPlainString(), dash(o.standard()),
                    dash(o.project()), o.vintage() == null ? "-" : o.vintage().toString(),
                    o.retiredOn() == null ? "-" : o.retiredOn().toString(), dash(o.retirementId()));
        }
        if (s.offsets().isEmpty()) {
            out.println("  none" + (s.tenant().isEmpty() ? "" : " assigned to " + s.tenant()));
        } else {
            offsets.print(out, format);
        }

        out.println("Findings:" + (s.findings().isEmpty() ? " none" : ""));
        for (var f : s.findings()) {
            out.println("  - " + f);
        }
    }

    private static void row(ShellTable table, StatementLine t) {
        table.addRow().addContent(t.target(), kilo(t.itWh()) + (t.estimatedItWh() > 0 ? "*" : ""),
                kilo(t.overheadWh()), kilo(t.totalWh()), pue(t), kilo(t.locationCo2eGrams()),
                kilo(t.marketCo2eGrams()), kilo(t.recWh()));
    }

    /** Wh → kWh, g → kg, 3 decimals. */
    static String kilo(long units) {
        return BigDecimal.valueOf(units, 3).toPlainString();
    }

    private static String pue(StatementLine l) {
        return l.pue().map(BigDecimal::toPlainString).orElse("-");
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
