package org.gridprint.allocation.tree;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.VirtualMeter;

/**
 * A site's model as a Project Haystack 3 JSON grid (the {@code m:}/{@code r:}/{@code s:} value encoding): a
 * {@code site} entity, one {@code equip elecMeter} entity per meter ({@code siteMeter} for main meters,
 * {@code submeterOf} for submeters, {@code siteRef}; the asset type as a marker for the Haystack equipment types
 * {@code ahu}, {@code chiller}, {@code fcu}), and one {@code point sensor his elec energy} point per meter with its
 * {@code equipRef}. Meter ids become ref ids by {@link ModelIds#haystack}; the original id is kept in
 * {@code gridprintId}. Department, tenant and location tags are strings; marker tags of the meter (tags without
 * {@code =}) are kept as markers when they are valid Haystack names.
 */
public final class HaystackExport {

    private static final Set<String> HAYSTACK_EQUIP = Set.of("ahu", "chiller", "fcu", "boiler", "ups", "pdu");

    private HaystackExport() {
    }

    public static String of(String siteId, ZoneId zone, MeterGraph graph, List<VirtualMeter> virtuals) {
        var rows = new ArrayList<Map<String, String>>();
        var site = new LinkedHashMap<String, String>();
        site.put("id", ref("site:", siteId) + " " + siteId);
        site.put("dis", str(siteId));
        site.put("site", "m:");
        site.put("tz", str(tz(zone)));
        site.put("gridprintId", str(siteId));
        rows.add(site);
        for (var m : graph.meters(siteId)) {
            rows.add(equip(siteId, m));
            rows.add(point(siteId, m.id(), m.name()));
        }
        for (var v : virtuals) {
            if (v.siteId().equals(siteId) && v.usable()) {
                var e = new LinkedHashMap<String, String>();
                e.put("id", ref("meter:", v.id()) + " " + v.id());
                e.put("dis", str(v.id()));
                e.put("equip", "m:");
                e.put("elecMeter", "m:");
                e.put("virtual", "m:");
                e.put("formula", str(v.formula()));
                e.put("siteRef", ref("site:", siteId));
                e.put("gridprintId", str(v.id()));
                rows.add(e);
                rows.add(point(siteId, v.id(), v.id()));
            }
        }
        var cols = new java.util.LinkedHashSet<String>();
        rows.forEach(r -> cols.addAll(r.keySet()));
        var sb = new StringBuilder();
        sb.append("{\n  \"meta\": {\"ver\": \"3.0\"},\n  \"cols\": [");
        int i = 0;
        for (var c : cols) {
            sb.append(i++ == 0 ? "" : ", ").append("{\"name\": ").append(ModelIds.json(c)).append('}');
        }
        sb.append("],\n  \"rows\": [\n");
        for (int r = 0; r < rows.size(); r++) {
            sb.append("    {");
            int j = 0;
            for (var e : rows.get(r).entrySet()) {
                sb.append(j++ == 0 ? "" : ", ").append(ModelIds.json(e.getKey())).append(": ")
                        .append(ModelIds.json(e.getValue()));
            }
            sb.append(r + 1 < rows.size() ? "},\n" : "}\n");
        }
        sb.append("  ]\n}\n");
        return sb.toString();
    }

    private static Map<String, String> equip(String siteId, Meter m) {
        var e = new LinkedHashMap<String, String>();
        e.put("id", ref("meter:", m.id()) + " " + m.name());
        e.put("dis", str(m.name()));
        e.put("equip", "m:");
        e.put("elecMeter", "m:");
        if (m.parentId().isEmpty()) {
            e.put("siteMeter", "m:");
        } else {
            e.put("submeterOf", ref("meter:", m.parentId().get()));
        }
        e.put("siteRef", ref("site:", siteId));
        var asset = m.assetType().toLowerCase(Locale.ROOT);
        if (HAYSTACK_EQUIP.contains(asset)) {
            e.put(asset, "m:");
        }
        if (!m.assetType().isEmpty()) {
            e.put("assetType", str(m.assetType()));
        }
        if (!m.department().isEmpty()) {
            e.put("department", str(m.department()));
        }
        if (!m.tenant().isEmpty()) {
            e.put("tenant", str(m.tenant()));
        }
        for (var t : m.tags()) {
            int eq = t.indexOf('=');
            if (eq > 0) {
                var key = t.substring(0, eq).trim();
                if (validName(key) && !e.containsKey(key)) {
                    e.put(key, str(t.substring(eq + 1).trim()));
                }
            } else if (validName(t.trim()) && !e.containsKey(t.trim())) {
                e.put(t.trim(), "m:");
            }
        }
        e.put("gridprintId", str(m.id()));
        return e;
    }

    private static Map<String, String> point(String siteId, String meterId, String name) {
        var p = new LinkedHashMap<String, String>();
        p.put("id", ref("point:", meterId) + ".energy" + " " + name + " energy");
        p.put("dis", str(name + " energy"));
        p.put("point", "m:");
        p.put("sensor", "m:");
        p.put("his", "m:");
        p.put("elec", "m:");
        p.put("energy", "m:");
        p.put("kind", str("Number"));
        p.put("unit", str("kWh"));
        p.put("equipRef", ref("meter:", meterId));
        p.put("siteRef", ref("site:", siteId));
        return p;
    }

    /** Haystack's time zone name: the city part of the IANA id ({@code New_York}), {@code UTC} for UTC. */
    static String tz(ZoneId zone) {
        var id = zone.normalized().getId();
        if (id.equals("Z") || id.equals("UTC") || id.equals("GMT")) {
            return "UTC";
        }
        return id.contains("/") ? id.substring(id.lastIndexOf('/') + 1) : id;
    }

    /** Haystack tag names: a lower-case letter, then letters, digits and underscores. */
    static boolean validName(String s) {
        if (s.isEmpty() || !(s.charAt(0) >= 'a' && s.charAt(0) <= 'z')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String ref(String prefix, String id) {
        return "r:" + prefix + ModelIds.haystack(id);
    }

    private static String str(String s) {
        return s.indexOf(':') == 1 ? "s:" + s : s;
    }
}
