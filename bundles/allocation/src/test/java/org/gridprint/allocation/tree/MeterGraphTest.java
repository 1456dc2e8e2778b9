package org.gridprint.allocation.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.TreeProblem;
import org.junit.jupiter.api.Test;

class MeterGraphTest {

    static Meter meter(String id, String site, String parent, String... tags) {
        return new Meter(id, id, site, "", "", "", "", "", List.of(tags), Optional.ofNullable(parent), 0);
    }

    private static Map<String, String> problems(MeterGraph g) {
        return g.problems().stream().collect(Collectors.toMap(TreeProblem::meterId, TreeProblem::reason));
    }

    @Test
    void unknownParentCycleAndOtherSiteRefusedWithTheirSubtrees() {
        var g = MeterGraph.of(List.of(meter("main", "hq", null), meter("ahu", "hq", "main"),
                meter("orphan", "hq", "nowhere"), meter("below-orphan", "hq", "orphan"),
                meter("a", "hq", "b"), meter("b", "hq", "c"), meter("c", "hq", "a"), meter("below-a", "hq", "a"),
                meter("far", "b2", "main")));
        var p = problems(g);
        assertTrue(p.get("orphan").contains("parent 'nowhere' is not a declared meter"), p.get("orphan"));
        assertTrue(p.get("below-orphan").contains("its parent 'orphan' is refused"), p.get("below-orphan"));
        for (var id : List.of("a", "b", "c")) {
            assertTrue(p.get(id).contains("cycle a -> b -> c -> a"), id + ": " + p.get(id));
        }
        assertTrue(p.get("below-a").contains("its parent 'a' is refused"), p.get("below-a"));
        assertTrue(p.get("far").contains("on site 'hq', this meter on site 'b2'"), p.get("far"));
        assertEquals(List.of("ahu", "main"), g.meters().stream().map(Meter::id).toList());
        assertEquals(List.of("main"), g.roots("hq"));
        assertEquals(List.of("ahu"), g.children("main"));
        assertEquals(List.of("main"), g.parents());
        assertTrue(g.problems().get(0).message().startsWith("meter a (field 'parent'): "));
    }
}
