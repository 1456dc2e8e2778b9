package org.gridprint.allocation.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.TreeProblem;

/**
 * The metering tree of all declared meters, checked: a meter whose parent is not declared, sits on another site or is
 * part of a cycle of parents is refused (with a problem naming it and the meters involved); a meter below a refused
 * meter is refused too, since its place is unknown. Accepted meters form a forest per site. Immutable; pure.
 */
public final class MeterGraph {

    private final Map<String, Meter> accepted;
    private final Map<String, List<String>> children;
    private final Map<String, List<String>> roots;
    private final List<TreeProblem> problems;

    private MeterGraph(Map<String, Meter> accepted, Map<String, List<String>> children,
            Map<String, List<String>> roots, List<TreeProblem> problems) {
        this.accepted = accepted;
        this.children = children;
        this.roots = roots;
        this.problems = problems;
    }

    public static MeterGraph of(Collection<Meter> meters) {
        var all = new TreeMap<String, Meter>();
        meters.forEach(m -> all.put(m.id(), m));
        var problems = new TreeMap<String, TreeProblem>();
        for (var m : all.values()) {
            if (m.parentId().isEmpty() || problems.containsKey(m.id())) {
                continue;
            }
            var parent = m.parentId().get();
            var p = all.get(parent);
            if (p == null) {
                problems.put(m.id(), new TreeProblem(m.id(), "parent", "parent '" + parent + "' is not a declared"
                        + " meter; expected the id of a declared meter (or empty for a main meter)"));
            } else if (!p.siteId().equals(m.siteId())) {
                problems.put(m.id(), new TreeProblem(m.id(), "parent", "parent '" + parent + "' is on site '"
                        + p.siteId() + "', this meter on site '" + m.siteId()
                        + "'; expected a parent on the same site"));
            }
        }
        // cycles: follow each chain; a chain that comes back to a meter on it is a cycle
        for (var m : all.values()) {
            var path = new LinkedHashSet<String>();
            var at = m.id();
            while (at != null && all.containsKey(at) && !problems.containsKey(at)) {
                if (!path.add(at)) {
                    var cycle = new ArrayList<String>();
                    boolean on = false;
                    for (var id : path) {
                        on |= id.equals(at);
                        if (on) {
                            cycle.add(id);
                        }
                    }
                    cycle.add(at);
                    var chain = String.join(" -> ", cycle);
                    for (int i = 0; i < cycle.size() - 1; i++) {
                        problems.putIfAbsent(cycle.get(i), new TreeProblem(cycle.get(i), "parent",
                                "its parents form a cycle " + chain + "; expected a tree (one main meter at the top"
                                        + " of each chain, with an empty parent)"));
                    }
                    break;
                }
                at = all.get(at).parentId().orElse(null);
            }
        }
        // below a refused meter: refused too
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var m : all.values()) {
                if (problems.containsKey(m.id()) || m.parentId().isEmpty()) {
                    continue;
                }
                var parent = m.parentId().get();
                if (problems.containsKey(parent)) {
                    problems.put(m.id(), new TreeProblem(m.id(), "parent", "its parent '" + parent
                            + "' is refused (" + problems.get(parent).reason() + "); fix that meter first"));
                    changed = true;
                }
            }
        }
        var accepted = new TreeMap<String, Meter>();
        var children = new HashMap<String, List<String>>();
        var roots = new TreeMap<String, List<String>>();
        for (var m : all.values()) {
            if (problems.containsKey(m.id())) {
                continue;
            }
            accepted.put(m.id(), m);
            if (m.parentId().isPresent()) {
                children.computeIfAbsent(m.parentId().get(), k -> new ArrayList<>()).add(m.id());
            } else {
                roots.computeIfAbsent(m.siteId(), k -> new ArrayList<>()).add(m.id());
            }
        }
        children.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
        roots.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
        return new MeterGraph(Collections.unmodifiableMap(accepted), Map.copyOf(children), Map.copyOf(roots),
                List.copyOf(problems.values()));
    }

    public Optional<Meter> meter(String id) {
        return Optional.ofNullable(accepted.get(id));
    }

    /** Accepted meters, by id. */
    public Collection<Meter> meters() {
        return accepted.values();
    }

    /** Accepted meters of a site, by id. */
    public List<Meter> meters(String siteId) {
        return accepted.values().stream().filter(m -> m.siteId().equals(siteId)).toList();
    }

    /** Direct submeters of an accepted meter, sorted. */
    public List<String> children(String meterId) {
        return children.getOrDefault(meterId, List.of());
    }

    /** A site's main meters (no parent), sorted. */
    public List<String> roots(String siteId) {
        return roots.getOrDefault(siteId, List.of());
    }

    /** Sites with accepted meters, sorted. */
    public List<String> sites() {
        return new ArrayList<>(new TreeSet<>(accepted.values().stream().map(Meter::siteId).toList()));
    }

    /** Accepted meters that have submeters, sorted. */
    public List<String> parents() {
        return new ArrayList<>(new TreeSet<>(children.keySet()));
    }

    public List<TreeProblem> problems() {
        return problems;
    }
}
