package org.gridprint.allocation.datacenter;

import java.util.Locale;

import org.gridprint.api.allocation.StatementLine;
import org.gridprint.api.allocation.TenantStatement;

/** The statement for people: the tenant's figures, every target's line, factors, offsets apart, findings. */
final class StatementText {

    private StatementText() {
    }

    static String render(TenantStatement s) {
        var out = new StringBuilder();
        var who = s.tenant().isEmpty() ? "all tenants" : "tenant " + s.tenant();
        out.append("Carbon statement, ").append(who).append(" — data center ").append(s.dataCenter())
                .append(" (site ")
                .append(s.siteId()).append(")\n");
        out.append("Period ").append(s.from()).append(" .. ").append(s.to().minusDays(1)).append(" (").append(s.zone())
                .append("), ").append(s.accountedWindows()).append(" facility windows; computed ")
                .append(s.computedAt()).append(s.configRef() == 0 ? "" : "; configuration ref " + s.configRef())
                .append("\n\n");
        var l = s.line();
        row(out, "IT energy", Amounts.milli(l.itWh()), "kWh" + (l.estimatedItWh() > 0 ? "  of which ESTIMATED "
                + Amounts.milli(l.estimatedItWh()) + " kWh (server power models)" : ""));
        row(out, "Overhead (cooling, losses)", Amounts.milli(l.overheadWh()), "kWh  by IT share per window");
        row(out, "Total", Amounts.milli(l.totalWh()), "kWh");
        row(out, "PUE (energy-weighted)", Amounts.pue(l.pue()), "");
        row(out, "Scope 2 location-based", Amounts.milli(l.locationCo2eGrams()), "kg CO2e");
        row(out, "Scope 2 market-based", Amounts.milli(l.marketCo2eGrams()), "kg CO2e");
        row(out, "Certificates (RECs)", Amounts.milli(l.recWh()), "kWh covered (its share of the site's)");
        out.append("\nEvery target (the lines add up to the facility to the Wh and the gram):\n");
        out.append(String.format(Locale.ROOT, "  %-22s %14s %14s %14s %7s %14s %14s %14s\n", "target", "IT kWh",
                "overhead kWh", "total kWh", "PUE", "location kg", "market kg", "REC kWh"));
        for (var t : s.lines()) {
            line(out, t);
        }
        line(out, s.facility());
        if (s.facility().estimatedItWh() > 0) {
            out.append("  * includes IT energy ESTIMATED from server utilisation and power models\n");
        }
        out.append("\nFactors and instruments of the facility windows:\n");
        if (s.factors().isEmpty()) {
            out.append("  none\n");
        }
        for (var f : s.factors()) {
            out.append(String.format(Locale.ROOT, "  %-15s ref %-6d %s | %s | %s | %d windows\n", f.method(), f.ref(),
                    f.id(), f.edition().isEmpty() ? "-" : f.edition(), f.source().isEmpty() ? "-" : f.source(),
                    f.windows()));
        }
        out.append("\nOffsets (shown apart, never subtracted from any scope):\n");
        if (s.offsets().isEmpty()) {
            out.append("  none").append(s.tenant().isEmpty() ? "" : " assigned to " + s.tenant()).append('\n');
        }
        for (var o : s.offsets()) {
            out.append("  ").append(o.serial()).append("  ").append(o.tonnesCo2e().toPlainString()).append(" t CO2e  ")
                    .append(dash(o.standard())).append("  ").append(dash(o.project())).append("  vintage ")
                    .append(o.vintage() == null ? "-" : o.vintage()).append("  retired ")
                    .append(o.retiredOn() == null ? "-" : o.retiredOn()).append(" (").append(dash(o.retirementId()))
                    .append(")\n");
        }
        out.append("\nFindings:\n");
        if (s.findings().isEmpty()) {
            out.append("  none\n");
        }
        for (var f : s.findings()) {
            out.append("  - ").append(f).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value, String unit) {
        out.append(String.format(Locale.ROOT, "  %-28s %16s %s%n", label, value, unit).stripTrailing()).append('\n');
    }

    private static void line(StringBuilder out, StatementLine t) {
        out.append(String.format(Locale.ROOT, "  %-22s %14s %14s %14s %7s %14s %14s %14s\n", t.target(),
                Amounts.milli(t.itWh()) + (t.estimatedItWh() > 0 ? "*" : ""), Amounts.milli(t.overheadWh()),
                Amounts.milli(t.totalWh()), Amounts.pue(t.pue()), Amounts.milli(t.locationCo2eGrams()),
                Amounts.milli(t.marketCo2eGrams()), Amounts.milli(t.recWh())));
    }

    static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
