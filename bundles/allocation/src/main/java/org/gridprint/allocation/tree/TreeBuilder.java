package org.gridprint.allocation.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.MeterTree;
import org.gridprint.api.allocation.TreeNode;
import org.gridprint.api.allocation.VirtualMeter;

/**
 * Builds a site's {@link TreeNode} tree from the checked meter graph and each meter's energy. Pure.
 * <ul>
 * <li>METERING: site → main meters → submeters (by {@code parentId}); virtual meters hang under the site.</li>
 * <li>LOCATION: site → building → floor → panel → circuit (from tags), meters at the deepest level their tags name.
 * A grouping node's energy is the sum of the meters in it whose parent meter is not in it too.</li>
 * </ul>
 * A meter without windows in the period has no energy ({@code hasEnergy} false) and adds nothing to a sum.
 */
public final class TreeBuilder {

    private final MeterGraph graph;
    private final Map<String, Energy> energy;

    public TreeBuilder(MeterGraph graph, Map<String, Energy> energy) {
        this.graph = graph;
        this.energy = energy;
    }

    public TreeNode build(String siteId, MeterTree.View view, List<VirtualMeter> virtuals) {
        var site = view == MeterTree.View.METERING ? metering(siteId) : location(siteId);
        var kids = new ArrayList<>(site.children());
        for (var v : virtuals) {
            if (v.siteId().equals(siteId) && v.usable()) {
                var e = energy.get(v.id());
                kids.add(new TreeNode(TreeNode.Kind.VIRTUAL, v.id(), Optional.empty(), v.formula(), List.of(),
                        e == null ? 0 : e.nano(), e != null, 0, e == null ? 0 : e.windows()));
            }
        }
        return new TreeNode(site.kind(), site.id(), Optional.empty(), "", kids, site.energyNano(), site.hasEnergy(),
                site.childrenNano(), site.windows());
    }

    private TreeNode metering(String siteId) {
        var roots = new ArrayList<TreeNode>();
        for (var id : graph.roots(siteId)) {
            roots.add(meterNode(id, true));
        }
        return group(TreeNode.Kind.SITE, siteId, roots, graph.roots(siteId));
    }

    private TreeNode meterNode(String id, boolean recurse) {
        var m = graph.meter(id).orElseThrow();
        var kids = new ArrayList<TreeNode>();
        long childrenNano = 0;
        for (var c : graph.children(id)) {
            if (recurse) {
                kids.add(meterNode(c, true));
            }
            var ce = energy.get(c);
            childrenNano += ce == null ? 0 : ce.nano();
        }
        var e = energy.get(id);
        return new TreeNode(TreeNode.Kind.METER, id, Optional.of(m), "", kids, e == null ? 0 : e.nano(), e != null,
                childrenNano, e == null ? 0 : e.windows());
    }

    /** A grouping node whose energy is the sum of the given (top-level) meters; children nano = sum of the nodes. */
    private TreeNode group(TreeNode.Kind kind, String id, List<TreeNode> kids, List<String> topMeters) {
        long sum = 0;
        long windows = 0;
        boolean any = false;
        for (var mid : topMeters) {
            var e = energy.get(mid);
            if (e != null) {
                sum += e.nano();
                windows += e.windows();
                any = true;
            }
        }
        long kidSum = 0;
        for (var k : kids) {
            kidSum += k.energyNano();
        }
        return new TreeNode(kind, id, Optional.empty(), "", kids, sum, any, kidSum, windows);
    }

    private TreeNode location(String siteId) {
        var meters = graph.meters(siteId);
        var paths = new LinkedHashMap<String, LocationPath>();
        meters.forEach(m -> paths.put(m.id(), LocationPath.of(m)));
        return locationLevel(TreeNode.Kind.SITE, siteId, meters, paths, 0);
    }

    private TreeNode locationLevel(TreeNode.Kind kind, String id, List<Meter> inGroup, Map<String, LocationPath> paths,
            int depth) {
        var here = new ArrayList<TreeNode>();
        var sub = new TreeMap<String, List<Meter>>();
        var subKind = new TreeMap<String, LocationPath.Level>();
        for (var m : inGroup) {
            var p = paths.get(m.id());
            if (p.levels().size() <= depth) {
                here.add(meterNode(m.id(), false));
            } else {
                var level = p.levels().get(depth);
                var key = level.kind().ordinal() + "\u0000" + level.value();
                sub.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
                subKind.put(key, level);
            }
        }
        var kids = new ArrayList<TreeNode>();
        for (var e : sub.entrySet()) {
            var level = subKind.get(e.getKey());
            kids.add(locationLevel(level.kind(), level.value(), e.getValue(), paths, depth + 1));
        }
        kids.addAll(here);
        Set<String> ids = new HashSet<>();
        inGroup.forEach(m -> ids.add(m.id()));
        var top = inGroup.stream().filter(m -> m.parentId().isEmpty() || !ids.contains(m.parentId().get()))
                .map(Meter::id).toList();
        return group(kind, id, kids, top);
    }
}
