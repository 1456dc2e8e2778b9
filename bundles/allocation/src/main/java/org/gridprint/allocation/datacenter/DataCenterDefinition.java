package org.gridprint.allocation.datacenter;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed data-center configuration (factory PID {@value DataCenterConfigParser#PID}).
 *
 * @param id                 the data center's id
 * @param siteId             the site whose windows are split
 * @param zone               the time zone periods are cut in; empty: the carbon site's, else UTC
 * @param facilityMeters     the utility main(s): total facility energy
 * @param itMeters           tenant → its PDU/UPS meters, as configured
 * @param itByTenantTag      also take every meter of the site with an IT asset type: its Meter.tenant tag names the
 *                           tenant, no tag makes it unassigned IT
 * @param itAssetTypes       the asset types that are IT meters in tag mode (upper case)
 * @param unassignedItMeters IT meters no tenant owns (their share stays unassigned)
 * @param servers            estimated servers
 * @param serverGapSeconds   a utilisation reading holds until the next one, at most this long (then the server is down)
 * @param offsets            tenant → offset serials shown apart in its statement
 */
record DataCenterDefinition(String id, String siteId, Optional<ZoneId> zone, List<String> facilityMeters,
        Map<String, List<String>> itMeters, boolean itByTenantTag, Set<String> itAssetTypes,
        List<String> unassignedItMeters, List<ServerAssignment> servers, long serverGapSeconds,
        Map<String, List<String>> offsets) {

    DataCenterDefinition {
        facilityMeters = List.copyOf(facilityMeters);
        var it = new TreeMap<String, List<String>>();
        itMeters.forEach((k, v) -> it.put(k, List.copyOf(v)));
        itMeters = java.util.Collections.unmodifiableMap(it);
        itAssetTypes = Set.copyOf(itAssetTypes);
        unassignedItMeters = List.copyOf(unassignedItMeters);
        servers = List.copyOf(servers);
        var off = new TreeMap<String, List<String>>();
        offsets.forEach((k, v) -> off.put(k, List.copyOf(v)));
        offsets = java.util.Collections.unmodifiableMap(off);
    }

    /** The tenants named by the configuration (IT meters, servers, offsets), sorted. */
    Set<String> configuredTenants() {
        var t = new TreeSet<String>(itMeters.keySet());
        servers.forEach(s -> t.add(s.tenant()));
        t.addAll(offsets.keySet());
        return t;
    }

    /**
     * The canonical text recorded in the register {@code datacenter} (sorted key=value lines), so that a statement
     * names the configuration version it was computed with.
     */
    String canonical() {
        var lines = new TreeMap<String, String>();
        lines.put("id", id);
        lines.put("site", siteId);
        lines.put("timeZone", zone.map(ZoneId::getId).orElse(""));
        lines.put("facilityMeters", String.join(",", facilityMeters));
        lines.put("itMeters", tenantMap(itMeters));
        lines.put("itByTenantTag", Boolean.toString(itByTenantTag));
        lines.put("itAssetTypes", String.join(",", new TreeSet<>(itAssetTypes)));
        lines.put("unassignedItMeters", String.join(",", unassignedItMeters));
        var s = new ArrayList<String>();
        for (var a : servers) {
            s.add(a.tenant() + ":" + a.meterId() + "=" + a.type());
        }
        lines.put("servers", String.join(";", s));
        lines.put("serverGapSeconds", Long.toString(serverGapSeconds));
        lines.put("offsets", tenantMap(offsets));
        var out = new StringBuilder();
        lines.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private static String tenantMap(Map<String, List<String>> map) {
        var parts = new ArrayList<String>();
        map.forEach((k, v) -> parts.add(k + ":" + String.join(",", v)));
        return String.join(";", parts);
    }
}
