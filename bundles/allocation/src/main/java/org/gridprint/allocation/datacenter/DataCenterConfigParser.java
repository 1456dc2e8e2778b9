package org.gridprint.allocation.datacenter;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Parses a data-center configuration. Tenant lists are {@code tenant: item, item; tenant: item}; a meter may be
 * named once in the whole configuration (facility, IT, unassigned, servers), so no energy is counted twice.
 */
final class DataCenterConfigParser {

    static final String PID = "org.gridprint.allocation.datacenter";
    private static final String TENANT_EXPECTED = "expected 'tenant: meter, meter; tenant: meter' (tenant names"
            + " without ':', ';' or ',')";

    private DataCenterConfigParser() {
    }

    static DataCenterDefinition parse(Map<String, ?> props) {
        var id = Texts.string(props, "id");
        if (id.isEmpty()) {
            throw new ConfigProblem(PID, "", "id", id, "is missing; expected the data center's id, e.g. dc-east");
        }
        var site = Texts.string(props, "site");
        if (site.isEmpty()) {
            throw new ConfigProblem(PID, id, "site", site, "is missing; expected the site id of the carbon site"
                    + " (org.gridprint.carbon.site id) whose windows are split");
        }
        Optional<ZoneId> zone = Optional.empty();
        var zoneText = Texts.string(props, "timeZone");
        if (!zoneText.isEmpty()) {
            try {
                zone = Optional.of(ZoneId.of(zoneText));
            } catch (DateTimeException e) {
                throw new ConfigProblem(PID, id, "timeZone", zoneText, "is not a time zone; expected an IANA id such"
                        + " as America/New_York, or empty for the carbon site's zone");
            }
        }
        var owner = new HashMap<String, String>(); // meter -> field that named it
        var facility = Texts.items(Texts.string(props, "facilityMeters"));
        if (facility.isEmpty()) {
            throw new ConfigProblem(PID, id, "facilityMeters", "", "is missing; expected the meter id(s) of the total"
                    + " facility energy (utility main or mains), comma-separated");
        }
        for (var m : facility) {
            claim(owner, id, "facilityMeters", m);
        }
        var itText = Texts.string(props, "itMeters");
        var it = tenantLists(id, "itMeters", itText);
        it.forEach((tenant, meters) -> meters.forEach(m -> claim(owner, id, "itMeters", m)));
        var unassigned = Texts.items(Texts.string(props, "unassignedItMeters"));
        for (var m : unassigned) {
            claim(owner, id, "unassignedItMeters", m);
        }
        var byTag = bool(id, "itByTenantTag", Texts.string(props, "itByTenantTag"));
        var types = new TreeSet<String>();
        var typesText = props.containsKey("itAssetTypes") ? Texts.string(props, "itAssetTypes") : "PDU, UPS";
        for (var t : Texts.items(typesText)) {
            types.add(t.toUpperCase(Locale.ROOT));
        }
        if (byTag && types.isEmpty()) {
            throw new ConfigProblem(PID, id, "itAssetTypes", typesText, "is empty while itByTenantTag = true;"
                    + " expected asset types such as PDU, UPS");
        }
        var serversText = Texts.string(props, "servers");
        var servers = new ArrayList<ServerAssignment>();
        tenantLists(id, "servers", serversText).forEach((tenant, items) -> {
            for (var item : items) {
                var eq = item.indexOf('=');
                if (eq <= 0 || eq == item.length() - 1) {
                    throw new ConfigProblem(PID, id, "servers", serversText, "has item '" + item + "' of tenant "
                            + tenant + "; expected utilisationMeter=serverType, e.g. dc/srv-01=r650");
                }
                var meter = item.substring(0, eq).trim();
                claim(owner, id, "servers", meter);
                servers.add(new ServerAssignment(tenant, meter, item.substring(eq + 1).trim()));
            }
        });
        if (it.isEmpty() && servers.isEmpty() && !byTag) {
            throw new ConfigProblem(PID, id, "itMeters", itText, "names no tenant; expected tenants' IT meters ('"
                    + "tenantA: pdu-a1, pdu-a2; tenantB: ups-b'), estimated servers, or itByTenantTag = true");
        }
        var gapText = Texts.string(props, "serverGapSeconds");
        long gap = 300;
        if (!gapText.isEmpty()) {
            try {
                gap = Long.parseLong(gapText);
            } catch (NumberFormatException e) {
                gap = -1;
            }
            if (gap < 1 || gap > 86_400) {
                throw new ConfigProblem(PID, id, "serverGapSeconds", gapText, "is not a whole number of seconds"
                        + " 1..86400");
            }
        }
        var offsets = tenantLists(id, "offsets", Texts.string(props, "offsets"));
        return new DataCenterDefinition(id, site, zone, facility, it, byTag, types, unassigned, servers, gap, offsets);
    }

    /** {@code tenant: a, b; tenant2: c} → ordered map; an empty text → empty. */
    static Map<String, List<String>> tenantLists(String id, String field, String text) {
        var out = new LinkedHashMap<String, List<String>>();
        for (var entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            var colon = entry.indexOf(':');
            if (colon < 0) {
                throw new ConfigProblem(PID, id, field, text, "has '" + entry.trim() + "' without a tenant; "
                        + TENANT_EXPECTED);
            }
            var tenant = entry.substring(0, colon).trim();
            if (tenant.isEmpty() || tenant.contains(",")) {
                throw new ConfigProblem(PID, id, field, text, "has a bad tenant name '" + tenant + "'; "
                        + TENANT_EXPECTED);
            }
            if (tenant.startsWith("(")) {
                throw new ConfigProblem(PID, id, field, text, "names tenant '" + tenant + "'; names in parentheses"
                        + " are reserved for (unassigned) and (facility)");
            }
            var items = Texts.items(entry.substring(colon + 1));
            if (items.isEmpty()) {
                throw new ConfigProblem(PID, id, field, text, "gives tenant " + tenant + " nothing; "
                        + TENANT_EXPECTED);
            }
            if (out.containsKey(tenant)) {
                throw new ConfigProblem(PID, id, field, text, "names tenant " + tenant + " twice; expected each"
                        + " tenant once with all its items");
            }
            out.put(tenant, items);
        }
        return out;
    }

    private static void claim(Map<String, String> owner, String id, String field, String meter) {
        var earlier = owner.putIfAbsent(meter, field);
        if (earlier != null) {
            throw new ConfigProblem(PID, id, field, meter, "is already named in " + earlier + "; expected each meter"
                    + " once (its energy would count twice)");
        }
    }

    private static boolean bool(String id, String field, String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ConfigProblem(PID, id, field, text, "is not a boolean; expected true or false");
    }
}
