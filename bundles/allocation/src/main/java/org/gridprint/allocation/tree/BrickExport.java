package org.gridprint.allocation.tree;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.VirtualMeter;

/**
 * A site's model as Brick Schema 1.3 Turtle: {@code brick:Site} with {@code brick:Building}/{@code brick:Floor} parts
 * (from the {@code building=}/{@code floor=} tags), one {@code brick:Electrical_Meter} per meter (main meters
 * {@code brick:Building_Electrical_Meter}) linked {@code brick:isSubMeterOf}/{@code brick:hasSubMeter}, an equipment
 * per meter with an asset type ({@code brick:AHU}, {@code brick:Chiller}, {@code brick:Fan_Coil_Unit}, ...) that
 * {@code brick:isMeteredBy} it, and one {@code brick:Energy_Sensor} point per meter ({@code brick:isPointOf}). Every
 * IRI is {@code urn:gridprint:<site>/...} with the ids percent-encoded.
 */
public final class BrickExport {

    private static final Map<String, String> EQUIPMENT = Map.of("AHU", "brick:AHU", "CHILLER", "brick:Chiller",
            "FCU", "brick:Fan_Coil_Unit", "UPS", "brick:Uninterruptible_Power_Supply", "PDU",
            "brick:Power_Distribution_Unit", "SERVER", "brick:Equipment", "MACHINE", "brick:Equipment", "LIGHTING",
            "brick:Lighting_Equipment", "BOILER", "brick:Boiler");

    private BrickExport() {
    }

    public static String of(String siteId, MeterGraph graph, List<VirtualMeter> virtuals) {
        var base = "urn:gridprint:" + ModelIds.iri(siteId) + "/";
        var sb = new StringBuilder();
        sb.append("@prefix brick: <https://brickschema.org/schema/Brick#> .\n");
        sb.append("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n");
        sb.append("@prefix gp: <urn:gridprint:schema#> .\n\n");
        var site = "<" + base + "site>";
        sb.append(site).append(" a brick:Site ;\n    rdfs:label ").append(ModelIds.turtle(siteId)).append(" .\n\n");
        var buildings = new TreeMap<String, TreeMap<String, Boolean>>();
        var meters = graph.meters(siteId);
        for (var m : meters) {
            LocationPath.tag(m, "building").ifPresent(b -> {
                var floors = buildings.computeIfAbsent(b, k -> new TreeMap<>());
                LocationPath.tag(m, "floor").ifPresent(f -> floors.put(f, true));
            });
        }
        for (var b : buildings.entrySet()) {
            var bIri = building(base, b.getKey());
            sb.append(site).append(" brick:hasPart ").append(bIri).append(" .\n");
            sb.append(bIri).append(" a brick:Building ;\n    rdfs:label ").append(ModelIds.turtle(b.getKey()))
                    .append(" .\n");
            for (var f : b.getValue().keySet()) {
                var fIri = floor(base, b.getKey(), f);
                sb.append(bIri).append(" brick:hasPart ").append(fIri).append(" .\n");
                sb.append(fIri).append(" a brick:Floor ;\n    rdfs:label ").append(ModelIds.turtle(f)).append(" .\n");
            }
            sb.append('\n');
        }
        for (var m : meters) {
            meter(sb, base, site, m, graph);
        }
        for (var v : virtuals) {
            if (v.siteId().equals(siteId) && v.usable()) {
                var iri = meterIri(base, v.id());
                sb.append(iri).append(" a brick:Electrical_Meter ;\n");
                sb.append("    rdfs:label ").append(ModelIds.turtle(v.id())).append(" ;\n");
                sb.append("    gp:virtual true ;\n");
                sb.append("    gp:formula ").append(ModelIds.turtle(v.formula())).append(" ;\n");
                sb.append("    brick:hasLocation ").append(site).append(" .\n\n");
            }
        }
        return sb.toString();
    }

    private static void meter(StringBuilder sb, String base, String site, Meter m, MeterGraph graph) {
        var iri = meterIri(base, m.id());
        sb.append(iri).append(" a ").append(m.parentId().isEmpty() ? "brick:Building_Electrical_Meter"
                : "brick:Electrical_Meter").append(" ;\n");
        sb.append("    rdfs:label ").append(ModelIds.turtle(m.name())).append(" ;\n");
        sb.append("    gp:meterId ").append(ModelIds.turtle(m.id())).append(" ;\n");
        m.parentId().ifPresent(p -> sb.append("    brick:isSubMeterOf ").append(meterIri(base, p)).append(" ;\n"));
        for (var c : graph.children(m.id())) {
            sb.append("    brick:hasSubMeter ").append(meterIri(base, c)).append(" ;\n");
        }
        if (!m.department().isEmpty()) {
            sb.append("    gp:department ").append(ModelIds.turtle(m.department())).append(" ;\n");
        }
        if (!m.tenant().isEmpty()) {
            sb.append("    gp:tenant ").append(ModelIds.turtle(m.tenant())).append(" ;\n");
        }
        var b = LocationPath.tag(m, "building");
        var f = LocationPath.tag(m, "floor");
        var where = b.isPresent() && f.isPresent() ? floor(base, b.get(), f.get())
                : b.isPresent() ? building(base, b.get()) : site;
        sb.append("    brick:hasLocation ").append(where).append(" .\n");
        var point = "<" + base + "point/" + ModelIds.iri(m.id()) + "/energy>";
        sb.append(point).append(" a brick:Energy_Sensor ;\n    rdfs:label ")
                .append(ModelIds.turtle(m.name() + " energy")).append(" ;\n    brick:isPointOf ").append(iri)
                .append(" .\n");
        var type = EQUIPMENT.get(m.assetType().toUpperCase(Locale.ROOT));
        if (type != null) {
            var equip = "<" + base + "equipment/" + ModelIds.iri(m.id()) + ">";
            sb.append(equip).append(" a ").append(type).append(" ;\n    rdfs:label ")
                    .append(ModelIds.turtle(m.name())).append(" ;\n    brick:isMeteredBy ").append(iri)
                    .append(" ;\n    brick:hasLocation ").append(where).append(" .\n");
        }
        sb.append('\n');
    }

    private static String meterIri(String base, String id) {
        return "<" + base + "meter/" + ModelIds.iri(id) + ">";
    }

    private static String building(String base, String b) {
        return "<" + base + "building/" + ModelIds.iri(b) + ">";
    }

    private static String floor(String base, String b, String f) {
        return "<" + base + "building/" + ModelIds.iri(b) + "/floor/" + ModelIds.iri(f) + ">";
    }
}
