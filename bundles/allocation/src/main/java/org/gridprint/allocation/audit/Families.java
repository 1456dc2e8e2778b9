package org.gridprint.allocation.audit;

import java.util.ArrayList;
import java.util.List;

import org.gridprint.allocation.tree.MeterGraph;
import org.gridprint.allocation.virtual.FormulaException;
import org.gridprint.allocation.virtual.FormulaParser;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.AuditFinding;
import org.gridprint.api.allocation.VirtualMeter;

/**
 * What a site's audit compares: every accepted meter with submeters against them, and every usable virtual meter of
 * ACTIVE_ENERGY_IMPORT with subtracted terms: its positive terms (the parent side) against its negative terms (e.g.
 * {@code main - ahu - lighting}: main against ahu + lighting). A formula without subtraction cannot go negative and is
 * not audited.
 */
public final class Families {

    private Families() {
    }

    public static List<Family> of(MeterGraph graph, String siteId, List<VirtualMeter> virtuals) {
        var out = new ArrayList<Family>();
        for (var parent : graph.parents()) {
            var m = graph.meter(parent).orElseThrow();
            if (m.siteId().equals(siteId)) {
                out.add(Family.meter(parent, graph.children(parent)));
            }
        }
        for (var v : virtuals) {
            if (!v.siteId().equals(siteId) || !v.usable() || v.quantity() != Quantity.ACTIVE_ENERGY_IMPORT) {
                continue;
            }
            try {
                var f = FormulaParser.parse(v.formula(), v.quantity());
                var plus = new ArrayList<Family.Term>();
                var minus = new ArrayList<Family.Term>();
                f.terms().forEach((input, c) -> {
                    if (input.quantity() != Quantity.ACTIVE_ENERGY_IMPORT) {
                        return;
                    }
                    if (c.signum() > 0) {
                        plus.add(new Family.Term(input.meterId(), c));
                    } else {
                        minus.add(new Family.Term(input.meterId(), c.negate()));
                    }
                });
                if (!plus.isEmpty() && !minus.isEmpty() && plus.size() + minus.size() == f.terms().size()) {
                    out.add(new Family(AuditFinding.Kind.VIRTUAL, v.id(), plus, minus));
                }
            } catch (FormulaException e) {
                // a usable virtual meter parses; nothing to audit otherwise
            }
        }
        return out;
    }
}
