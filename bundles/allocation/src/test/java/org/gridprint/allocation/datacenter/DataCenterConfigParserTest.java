package org.gridprint.allocation.datacenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DataCenterConfigParserTest {

    static Map<String, Object> base() {
        var m = new HashMap<String, Object>();
        m.put("id", "dc-east");
        m.put("site", "east");
        m.put("facilityMeters", "east/main-1, east/main-2");
        m.put("itMeters", "tenantA: east/pdu-a1, east/pdu-a2; tenantB: east/ups-b");
        return m;
    }

    @Test
    void parsesTenantListsServersAndOffsets() {
        var p = base();
        p.put("servers", "tenantC: east/srv-1=r650, east/srv-2=r740");
        p.put("offsets", "tenantA: VCS-1, GS-2");
        p.put("unassignedItMeters", "east/pdu-shared");
        var d = DataCenterConfigParser.parse(p);
        assertEquals(List.of("east/main-1", "east/main-2"), d.facilityMeters());
        assertEquals(Map.of("tenantA", List.of("east/pdu-a1", "east/pdu-a2"), "tenantB", List.of("east/ups-b")),
                d.itMeters());
        assertEquals(List.of(new ServerAssignment("tenantC", "east/srv-1", "r650"),
                new ServerAssignment("tenantC", "east/srv-2", "r740")), d.servers());
        assertEquals(Map.of("tenantA", List.of("VCS-1", "GS-2")), d.offsets());
        assertEquals(List.of("east/pdu-shared"), d.unassignedItMeters());
        assertEquals(Set.of("tenantA", "tenantB", "tenantC"), d.configuredTenants());
        assertEquals(300, d.serverGapSeconds());
        assertEquals(Set.of("PDU", "UPS"), d.itAssetTypes());
    }

    @Test
    void aMeterNamedTwiceIsRefused() {
        var p = base();
        p.put("itMeters", "tenantA: east/pdu-a1; tenantB: east/pdu-a1");
        var e = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(p));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field itMeters = 'east/pdu-a1' is already named"
                + " in itMeters; expected each meter once (its energy would count twice)", e.getMessage());
        var q = base();
        q.put("unassignedItMeters", "east/main-1");
        var e2 = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(q));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field unassignedItMeters = 'east/main-1' is"
                + " already named in facilityMeters; expected each meter once (its energy would count twice)",
                e2.getMessage());
    }

    @Test
    void badValuesNameFieldValueAndExpectation() {
        var p = base();
        p.put("itMeters", "tenantA east/pdu-a1");
        var e = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(p));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field itMeters = 'tenantA east/pdu-a1' has"
                + " 'tenantA east/pdu-a1' without a tenant; expected 'tenant: meter, meter; tenant: meter' (tenant"
                + " names without ':', ';' or ',')", e.getMessage());
        var q = base();
        q.put("timeZone", "Mars/Olympus");
        e = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(q));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field timeZone = 'Mars/Olympus' is not a time"
                + " zone; expected an IANA id such as America/New_York, or empty for the carbon site's zone",
                e.getMessage());
        var r = base();
        r.put("servers", "tenantC: east/srv-1");
        e = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(r));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field servers = 'tenantC: east/srv-1' has item"
                + " 'east/srv-1' of tenant tenantC; expected utilisationMeter=serverType, e.g. dc/srv-01=r650",
                e.getMessage());
        var s = base();
        s.remove("facilityMeters");
        e = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(s));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field facilityMeters = '' is missing; expected"
                + " the meter id(s) of the total facility energy (utility main or mains), comma-separated",
                e.getMessage());
        var t = base();
        t.put("itMeters", "");
        e = assertThrows(IllegalArgumentException.class, () -> DataCenterConfigParser.parse(t));
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field itMeters = '' names no tenant; expected"
                + " tenants' IT meters ('tenantA: pdu-a1, pdu-a2; tenantB: ups-b'), estimated servers, or"
                + " itByTenantTag = true", e.getMessage());
    }

    @Test
    void aBadConfigurationIsListedWithItsErrorAndRaisesConfigError() {
        var posted = new java.util.ArrayList<org.osgi.service.event.Event>();
        var site = new DataCenterSiteImpl();
        site.events = new org.osgi.service.event.EventAdmin() {
            @Override
            public void postEvent(org.osgi.service.event.Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(org.osgi.service.event.Event event) {
                posted.add(event);
            }
        };
        var p = base();
        p.put("serverGapSeconds", "0");
        site.activate(p);
        assertEquals("dc-east", site.id());
        assertTrue(site.definition().isEmpty());
        assertEquals("org.gridprint.allocation.datacenter 'dc-east': field serverGapSeconds = '0' is not a whole"
                + " number of seconds 1..86400", site.error());
        assertEquals(1, posted.size());
        assertEquals("gridprint/alarms/CONFIG_ERROR", posted.get(0).getTopic());
        assertEquals(site.error(), posted.get(0).getProperty("message"));
        assertEquals("org.gridprint.allocation.datacenter", posted.get(0).getProperty("source"));
    }

    @Test
    void canonicalTextIsSortedKeyValueLines() {
        var text = DataCenterConfigParser.parse(base()).canonical();
        assertEquals("""
                facilityMeters=east/main-1,east/main-2
                id=dc-east
                itAssetTypes=PDU,UPS
                itByTenantTag=false
                itMeters=tenantA:east/pdu-a1,east/pdu-a2;tenantB:east/ups-b
                offsets=
                serverGapSeconds=300
                servers=
                site=east
                timeZone=
                unassignedItMeters=
                """, text);
    }
}
