package org.gridprint.allocation.virtual;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.VirtualMeter;

/**
 * The virtual meters checked against each other and the declared meters: formula parsed (errors with their column),
 * every input a declared meter or another virtual meter on the same site, no id shared with a declared meter, no
 * cycle between virtual meters. Usable ones in an order where every virtual meter comes after the virtual meters it
 * reads. Pure, immutable.
 */
public final class VirtualCatalog {

    /** A usable virtual meter with its parsed formula. */
    public record Usable(VirtualDefinition definition, Formula formula) {
    }

    private final List<VirtualMeter> all;
    private final List<Usable> ordered;

    private VirtualCatalog(List<VirtualMeter> all, List<Usable> ordered) {
        this.all = all;
        this.ordered = ordered;
    }

    public static VirtualCatalog of(Collection<VirtualDefinition> definitions, Map<String, Meter> declared) {
        var defs = new TreeMap<String, VirtualDefinition>();
        var errors = new HashMap<String, String>();
        var formulas = new HashMap<String, Formula>();
        var duplicates = new ArrayList<VirtualMeter>();
        for (var d : definitions.stream().sorted(java.util.Comparator.comparing(VirtualDefinition::origin)).toList()) {
            if (defs.containsKey(d.id())) {
                duplicates.add(new VirtualMeter(d.id(), d.siteId(), d.quantity(), d.formula(), List.of(),
                        where(d) + "field 'id' = '" + d.id() + "' is already configured by " + defs.get(d.id()).origin()
                                + "; expected each virtual meter id once (this one is ignored)"));
                continue;
            }
            defs.put(d.id(), d);
        }
        for (var d : defs.values()) {
            if (declared.containsKey(d.id())) {
                errors.put(d.id(), where(d) + "field 'id' = '" + d.id() + "' is a declared (real) meter; expected an"
                        + " id of its own for the virtual meter");
                continue;
            }
            try {
                formulas.put(d.id(), FormulaParser.parse(d.formula(), d.quantity()));
            } catch (FormulaException e) {
                errors.put(d.id(), where(d) + "field 'formula' = '" + d.formula() + "': " + e.getMessage());
            }
        }
        for (var d : defs.values()) {
            var f = formulas.get(d.id());
            if (f == null) {
                continue;
            }
            for (var input : f.meterIds()) {
                var m = declared.get(input);
                var v = defs.get(input);
                int col = f.columns().getOrDefault(input, 1);
                if (m == null && v == null) {
                    errors.put(d.id(), where(d) + "field 'formula' = '" + d.formula() + "': column " + col
                            + ": meter '" + input + "' is neither a declared meter nor a virtual meter; expected the"
                            + " id of one");
                    break;
                }
                var site = m != null ? m.siteId() : v.siteId();
                if (!site.equals(d.siteId())) {
                    errors.put(d.id(), where(d) + "field 'formula': column " + col + ": meter '" + input
                            + "' is on site '" + site + "', the virtual meter on '" + d.siteId()
                            + "'; expected inputs on the same site");
                    break;
                }
                if (v != null && !v.quantity().canonicalUnit().equals(d.quantity().canonicalUnit())) {
                    errors.put(d.id(), where(d) + "field 'formula': column " + col + ": virtual meter '" + input
                            + "' is in " + v.quantity().canonicalUnit() + ", this one in "
                            + d.quantity().canonicalUnit() + "; expected inputs in the same unit");
                    break;
                }
            }
        }
        // cycles and refused inputs, in dependency order (depth-first)
        var ordered = new ArrayList<Usable>();
        var state = new HashMap<String, Integer>(); // 1 visiting, 2 done
        for (var id : defs.keySet()) {
            visit(id, defs, formulas, errors, state, new LinkedHashSet<>(), ordered);
        }
        var all = new ArrayList<VirtualMeter>();
        for (var d : defs.values()) {
            var f = formulas.get(d.id());
            all.add(new VirtualMeter(d.id(), d.siteId(), d.quantity(), d.formula(), f == null ? List.of()
                    : f.meterIds(), errors.getOrDefault(d.id(), "")));
        }
        all.addAll(duplicates);
        all.sort(java.util.Comparator.comparing(VirtualMeter::id));
        ordered.removeIf(u -> errors.containsKey(u.definition().id()));
        return new VirtualCatalog(List.copyOf(all), List.copyOf(ordered));
    }

    private static void visit(String id, Map<String, VirtualDefinition> defs, Map<String, Formula> formulas,
            Map<String, String> errors, Map<String, Integer> state, LinkedHashSet<String> path, List<Usable> out) {
        var s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            var cycle = new ArrayList<String>();
            boolean on = false;
            for (var p : path) {
                on |= p.equals(id);
                if (on) {
                    cycle.add(p);
                }
            }
            cycle.add(id);
            var chain = String.join(" -> ", cycle);
            for (int i = 0; i < cycle.size() - 1; i++) {
                var d = defs.get(cycle.get(i));
                errors.putIfAbsent(cycle.get(i), where(d) + "field 'formula': the virtual meters read each other in a"
                        + " cycle " + chain + "; expected formulas that do not come back to themselves");
            }
            return;
        }
        state.put(id, 1);
        path.add(id);
        var f = formulas.get(id);
        if (f != null) {
            for (var input : f.meterIds()) {
                if (defs.containsKey(input)) {
                    visit(input, defs, formulas, errors, state, path, out);
                    if (errors.containsKey(input) && !errors.containsKey(id)) {
                        errors.put(id, where(defs.get(id)) + "field 'formula': column " + f.columns().get(input)
                                + ": virtual meter '" + input + "' is refused; fix it first");
                    }
                }
            }
            out.add(new Usable(defs.get(id), f));
        }
        path.remove(id);
        state.put(id, 2);
    }

    private static String where(VirtualDefinition d) {
        return "virtual meter " + d.id() + (d.origin().isEmpty() ? "" : " (" + d.origin() + ")") + ": ";
    }

    /** Every configured virtual meter, usable or refused, by id. */
    public List<VirtualMeter> all() {
        return all;
    }

    /** Usable virtual meters, inputs first. */
    public List<Usable> ordered() {
        return ordered;
    }

    public Optional<Usable> usable(String id) {
        return ordered.stream().filter(u -> u.definition().id().equals(id)).findFirst();
    }

    /** Usable virtual meters that read any of {@code meterIds}, directly or through other virtual meters, in order. */
    public List<Usable> dependents(Collection<String> meterIds) {
        var hit = new LinkedHashSet<>(meterIds);
        var out = new ArrayList<Usable>();
        for (var u : ordered) {
            for (var input : u.formula().meterIds()) {
                if (hit.contains(input)) {
                    out.add(u);
                    hit.add(u.definition().id());
                    break;
                }
            }
        }
        return out;
    }

    /** For messages: usable virtual meters by id. */
    Map<String, Usable> byId() {
        var m = new LinkedHashMap<String, Usable>();
        ordered.forEach(u -> m.put(u.definition().id(), u));
        return m;
    }
}
