package org.gridprint.allocation.tree;

import static org.gridprint.allocation.tree.MeterGraphTest.meter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.MeterTree;
import org.gridprint.api.allocation.TreeNode;
import org.gridprint.api.allocation.VirtualMeter;
import org.junit.jupiter.api.Test;

class TreeBuilderTest {

    private static final long KWH = 1_000_000_000L;

    static final MeterGraph GRAPH = MeterGraph.of(List.of(
            meter("main", "hq", null, "building=B1", "siteMeter"),
            meter("ahu", "hq", "main", "building=B1", "floor=3", "panel=P1"),
            meter("light", "hq", "main", "building=B1", "floor=3"),
            meter("chiller", "hq", "main", "building=B1", "floor=R"),
            meter("sub-ahu", "hq", "ahu", "building=B1", "floor=3", "panel=P1", "circuit=7"),
            meter("b2main", "hq", null, "building=B2")));

    static final Map<String, Energy> ENERGY = Map.of("main", new Energy(100 * KWH, 4), "ahu", new Energy(30 * KWH, 4),
            "light", new Energy(20 * KWH, 4), "chiller", new Energy(40 * KWH, 4), "sub-ahu", new Energy(10 * KWH, 4),
            "v/rest", new Energy(10 * KWH, 4));

    private static TreeNode child(TreeNode n, String id) {
        return n.children().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
                new AssertionError(id + " not under " + n.id() + ": " + n.children().stream().map(TreeNode::id).toList()));
    }

    @Test
    void meteringTreeSumsByHand() {
        var v = new VirtualMeter("v/rest", "hq", Quantity.ACTIVE_ENERGY_IMPORT, "main - ahu - light - chiller",
                List.of("ahu", "chiller", "light", "main"), "");
        var site = new TreeBuilder(GRAPH, ENERGY).build("hq", MeterTree.View.METERING, List.of(v));
        assertEquals(TreeNode.Kind.SITE, site.kind());
        assertEquals(100 * KWH, site.energyNano()); // main 100 + b2main (no windows)
        var main = child(site, "main");
        assertEquals(100 * KWH, main.energyNano());
        assertEquals(90 * KWH, main.childrenNano()); // 30 + 20 + 40
        assertEquals(10 * KWH, child(main, "ahu").childrenNano());
        assertEquals(10 * KWH, child(child(main, "ahu"), "sub-ahu").energyNano());
        var b2 = child(site, "b2main");
        assertFalse(b2.hasEnergy());
        var virtual = child(site, "v/rest");
        assertEquals(TreeNode.Kind.VIRTUAL, virtual.kind());
        assertEquals("main - ahu - light - chiller", virtual.formula());
        assertEquals(8, site.size()); // site + 6 meters + 1 virtual
    }

    @Test
    void locationTreeCountsTopMetersOfEachGroupOnce() {
        var site = new TreeBuilder(GRAPH, ENERGY).build("hq", MeterTree.View.LOCATION, List.of());
        var b1 = child(site, "B1");
        assertEquals(TreeNode.Kind.BUILDING, b1.kind());
        assertEquals(100 * KWH, b1.energyNano()); // only main: every other meter's parent is in B1 too
        var floor3 = child(b1, "3");
        assertEquals(TreeNode.Kind.FLOOR, floor3.kind());
        assertEquals(50 * KWH, floor3.energyNano()); // ahu 30 + light 20 (sub-ahu's parent ahu is on floor 3)
        assertEquals(40 * KWH, child(b1, "R").energyNano());
        var panel = child(floor3, "P1");
        assertEquals(30 * KWH, panel.energyNano()); // ahu (sub-ahu below it)
        assertEquals(10 * KWH, child(panel, "7").energyNano());
        assertEquals(TreeNode.Kind.CIRCUIT, child(panel, "7").kind());
        assertTrue(child(b1, "main").meter().isPresent()); // main sits on the building node
        var b2 = child(site, "B2");
        assertFalse(b2.hasEnergy());
        assertEquals(100 * KWH, site.energyNano());
    }
}
