package org.gridprint.allocation.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.VirtualMeter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ExportTest {

    private static final MeterGraph GRAPH = MeterGraph.of(List.of(
            new Meter("demo/hq/main", "Main incomer", "demo-hq", "", "MAIN", "3P", "", "", List.of("building=B1"),
                    Optional.empty(), 0),
            new Meter("demo/hq/ahu-1", "AHU-1 \"fans\"", "demo-hq", "", "AHU", "3P", "HVAC", "Acme Corp",
                    List.of("building=B1", "floor=3", "panel=MCC-R1", "hvac"), Optional.of("demo/hq/main"), 0)));
    private static final List<VirtualMeter> VIRTUALS = List.of(new VirtualMeter("demo/hq/rest", "demo-hq",
            Quantity.ACTIVE_ENERGY_IMPORT, "demo/hq/main - demo/hq/ahu-1", List.of(), ""));

    @Test
    void haystackGridHasSiteEquipsAndPointsWithRefs() throws Exception {
        var json = new ObjectMapper().readTree(HaystackExport.of("demo-hq", ZoneId.of("America/New_York"), GRAPH,
                VIRTUALS));
        assertEquals("3.0", json.get("meta").get("ver").asText());
        var byId = new HashMap<String, JsonNode>();
        json.get("rows").forEach(r -> byId.put(r.get("id").asText().split(" ")[0], r));
        var site = byId.get("r:site:demo-hq");
        assertEquals("m:", site.get("site").asText());
        assertEquals("New_York", site.get("tz").asText());
        var main = byId.get("r:meter:demo~2Fhq~2Fmain");
        assertEquals("m:", main.get("siteMeter").asText());
        assertEquals("m:", main.get("elecMeter").asText());
        assertEquals("r:site:demo-hq", main.get("siteRef").asText());
        var ahu = byId.get("r:meter:demo~2Fhq~2Fahu-1");
        assertEquals("r:meter:demo~2Fhq~2Fmain", ahu.get("submeterOf").asText());
        assertEquals("m:", ahu.get("ahu").asText());
        assertEquals("m:", ahu.get("hvac").asText());
        assertEquals("MCC-R1", ahu.get("panel").asText());
        assertEquals("HVAC", ahu.get("department").asText());
        assertEquals("AHU-1 \"fans\"", ahu.get("dis").asText());
        assertTrue(!ahu.has("siteMeter"));
        var point = byId.get("r:point:demo~2Fhq~2Fahu-1.energy");
        assertEquals("r:meter:demo~2Fhq~2Fahu-1", point.get("equipRef").asText());
        assertEquals("kWh", point.get("unit").asText());
        assertEquals("demo/hq/main - demo/hq/ahu-1", byId.get("r:meter:demo~2Fhq~2Frest").get("formula").asText());
        assertEquals(7, json.get("rows").size()); // site, 3 equips, 3 points
        assertEquals("UTC", HaystackExport.tz(java.time.ZoneOffset.UTC));
        assertEquals("UTC", HaystackExport.tz(ZoneId.of("UTC")));
    }

    @Test
    void brickTurtleLinksSubmetersBothWays() {
        var ttl = BrickExport.of("demo-hq", GRAPH, VIRTUALS);
        var main = "<urn:gridprint:demo-hq/meter/demo%2Fhq%2Fmain>";
        var ahu = "<urn:gridprint:demo-hq/meter/demo%2Fhq%2Fahu-1>";
        assertTrue(ttl.contains(main + " a brick:Building_Electrical_Meter ;"), ttl);
        assertTrue(ttl.contains(ahu + " a brick:Electrical_Meter ;"), ttl);
        assertTrue(ttl.contains("    brick:isSubMeterOf " + main + " ;"), ttl);
        assertTrue(ttl.contains("    brick:hasSubMeter " + ahu + " ;"), ttl);
        assertTrue(ttl.contains("<urn:gridprint:demo-hq/equipment/demo%2Fhq%2Fahu-1> a brick:AHU ;"), ttl);
        assertTrue(ttl.contains("    brick:isMeteredBy " + ahu), ttl);
        assertTrue(ttl.contains("<urn:gridprint:demo-hq/building/B1> brick:hasPart "
                + "<urn:gridprint:demo-hq/building/B1/floor/3> ."), ttl);
        assertTrue(ttl.contains("rdfs:label \"AHU-1 \\\"fans\\\"\""), ttl);
        assertTrue(ttl.contains("gp:formula \"demo/hq/main - demo/hq/ahu-1\""), ttl);
    }
}
