package org.gridprint.allocation.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.VirtualMeter;
import org.junit.jupiter.api.Test;

class VirtualCatalogTest {

    private static final Map<String, Meter> DECLARED = Map.of("hq/main", Meter.of("hq/main", "hq"), "hq/ahu-1",
            Meter.of("hq/ahu-1", "hq"), "hq/lighting", Meter.of("hq/lighting", "hq"), "b2/main",
            Meter.of("b2/main", "b2"));

    private static VirtualDefinition def(String id, String formula) {
        return new VirtualDefinition(id, "hq", Quantity.ACTIVE_ENERGY_IMPORT, formula, 48,
                "org.gridprint.allocation.virtual~" + id.replace('/', '-'));
    }

    private static Map<String, String> errors(VirtualCatalog c) {
        return c.all().stream().collect(Collectors.toMap(VirtualMeter::id, VirtualMeter::error));
    }

    @Test
    void cycleBetweenVirtualMetersIsRefusedNamingIt() {
        var c = VirtualCatalog.of(List.of(def("v/a", "hq/main - v/b"), def("v/b", "0.5 * v/c"),
                def("v/c", "v/a + hq/ahu-1"), def("v/ok", "hq/main - hq/ahu-1")), DECLARED);
        var e = errors(c);
        for (var id : List.of("v/a", "v/b", "v/c")) {
            assertTrue(e.get(id).contains("cycle v/a -> v/b -> v/c -> v/a"), id + ": " + e.get(id));
        }
        assertEquals("", e.get("v/ok"));
        assertEquals(List.of("v/ok"), c.ordered().stream().map(u -> u.definition().id()).toList());
    }

    @Test
    void selfReferenceIsACycle() {
        var e = errors(VirtualCatalog.of(List.of(def("v/self", "hq/main - v/self")), DECLARED));
        assertTrue(e.get("v/self").contains("cycle v/self -> v/self"), e.get("v/self"));
    }

    @Test
    void unknownMeterOtherSiteAndIdClashRefused() {
        var e = errors(VirtualCatalog.of(List.of(def("v/x", "hq/main - hq/ahu-9"), def("v/y", "hq/main - b2/main"),
                def("hq/main", "hq/ahu-1"), def("v/z", "hq/main - (hq/ahu-1")), DECLARED));
        assertTrue(e.get("v/x").contains("column 11: meter 'hq/ahu-9' is neither a declared meter nor a virtual"),
                e.get("v/x"));
        assertTrue(e.get("v/y").contains("column 11: meter 'b2/main' is on site 'b2'"), e.get("v/y"));
        assertTrue(e.get("hq/main").contains("is a declared (real) meter"), e.get("hq/main"));
        assertTrue(e.get("v/z").contains("field 'formula' = 'hq/main - (hq/ahu-1': column 20"), e.get("v/z"));
    }

    @Test
    void dependentsInOrderThroughOtherVirtualMeters() {
        var c = VirtualCatalog.of(List.of(def("v/top", "v/rest - hq/lighting"), def("v/rest", "hq/main - hq/ahu-1")),
                DECLARED);
        assertEquals(List.of("v/rest", "v/top"), c.dependents(List.of("hq/ahu-1")).stream()
                .map(u -> u.definition().id()).toList());
        assertEquals(List.of("v/top"), c.dependents(List.of("hq/lighting")).stream()
                .map(u -> u.definition().id()).toList());
        // refused input: the reader is refused too
        var bad = VirtualCatalog.of(List.of(def("v/top", "v/rest - hq/lighting"), def("v/rest", "hq/main - hq/x")),
                DECLARED);
        assertTrue(errors(bad).get("v/top").contains("virtual meter 'v/rest' is refused"), errors(bad).get("v/top"));
    }
}
