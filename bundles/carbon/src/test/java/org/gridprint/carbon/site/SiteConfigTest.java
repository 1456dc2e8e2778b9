package org.gridprint.carbon.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.EventKeys;
import org.gridprint.carbon.testkit.RecordingEventAdmin;
import org.junit.jupiter.api.Test;

class SiteConfigTest {

    private static final String PID = "org.gridprint.carbon.site~hq";

    private static Map<String, Object> valid() {
        var p = new HashMap<String, Object>();
        p.put("service.pid", PID);
        p.put("id", "hq");
        p.put("timeZone", "America/New_York");
        p.put("locationSeries", "egrid/subregion/RFCE/co2e, egrid/state/PA/co2e");
        p.put("lossSeries", "egrid/subregion/RFCE/loss");
        p.put("fuelSeries", new String[] { "hq/gas=fuel/natural_gas/m3" });
        p.put("maxPowerKw", "250");
        p.put("meterMaxPowerKw", "hq/ahu=7.5,hq/gas=40");
        p.put("windowMinutes", "15");
        p.put("generationMeters", "hq/pv");
        p.put("exportMeters", "hq/export");
        p.put("netMeter", "hq/main");
        return p;
    }

    private static SiteConfigResult.Invalid invalid(String field, Object value) {
        var p = valid();
        if (value == null) {
            p.remove(field);
        } else {
            p.put(field, value);
        }
        return assertInstanceOf(SiteConfigResult.Invalid.class, SiteConfigParser.parse(p));
    }

    @Test
    void validConfigurationWithDefaults() {
        var p = valid();
        p.remove("windowMinutes");
        var s = assertInstanceOf(SiteConfigResult.Valid.class, SiteConfigParser.parse(p)).site();
        assertEquals("hq", s.id());
        assertEquals("hq", s.name());
        assertEquals(ZoneId.of("America/New_York"), s.timeZone());
        assertEquals("AR5", s.gwpSet());
        assertEquals(Duration.ofMinutes(60), s.window());
        assertEquals(List.of("egrid/subregion/RFCE/co2e", "egrid/state/PA/co2e"), s.locationSeries());
        assertEquals(Map.of("hq/gas", "fuel/natural_gas/m3"), s.fuelSeries());
        assertEquals(new BigDecimal("250"), s.maxPowerKw());
        assertEquals(new BigDecimal("7.5"), s.meterMaxPowerKw().get("hq/ahu"));
        assertEquals(Duration.ofSeconds(900), s.gapThreshold());
        assertEquals("hq/main", s.netMeter());
    }

    @Test
    void errorsNameThePidFieldValueAndExpectation() {
        var e = invalid("windowMinutes", "7");
        assertTrue(e.message().contains(PID + ": windowMinutes = '7'") && e.message().contains("1, 5, 15, 30 or 60"),
                e.message());
        e = invalid("maxPowerKw", "25,5");
        assertTrue(e.message().contains("maxPowerKw = '25,5' is not a number >= 0"), e.message());
        e = invalid("gwpSet", "AR3");
        assertTrue(e.message().contains("gwpSet = 'AR3'") && e.message().contains("AR4, AR5, AR6"), e.message());
        e = invalid("timeZone", "Mars/Olympus");
        assertTrue(e.message().contains("timeZone = 'Mars/Olympus'"), e.message());
        e = invalid("fuelSeries", "hq/gas");
        assertTrue(e.message().contains("fuelSeries item 'hq/gas' is not 'key=value'"), e.message());
        e = invalid("netMeter", "");
        assertTrue(e.message().contains("netMeter is empty but generationMeters = 'hq/pv'"), e.message());
        e = invalid("id", null);
        assertTrue(e.message().contains(PID + ": id is missing"), e.message());
        e = invalid("gapThresholdSeconds", "-3");
        assertTrue(e.message().contains("gapThresholdSeconds = '-3'"), e.message());
    }

    @Test
    void obsoleteFieldsOfTheFirstVersionAreNotedNotFatal() {
        var p = valid();
        p.put("locationFactor", "299.5");
        var v = assertInstanceOf(SiteConfigResult.Valid.class, SiteConfigParser.parse(p));
        assertTrue(v.notes().get(0).contains("'locationFactor' of the first carbon version is ignored"), v.notes()
                .toString());
    }

    @Test
    void badConfigurationPostsConfigErrorAndDuplicateIdsAreRefused() {
        var events = new RecordingEventAdmin();
        var bad = valid();
        bad.put("windowMinutes", "abc");
        var badConfig = SiteConfiguration.of(bad, events);
        assertEquals(1, events.on("gridprint/alarms/CONFIG_ERROR").size());
        assertEquals(PID, events.on("gridprint/alarms/CONFIG_ERROR").get(0).getProperty(EventKeys.SOURCE));
        var sites = new SitesImpl(List.of(badConfig), events);
        assertTrue(sites.site("hq").isEmpty());
        assertTrue(sites.problem("hq").contains("invalid configuration"));

        var a = valid();
        a.put("service.pid", "org.gridprint.carbon.site~a");
        var b = valid();
        b.put("service.pid", "org.gridprint.carbon.site~b");
        var ca = SiteConfiguration.of(a, events);
        var cb = SiteConfiguration.of(b, events);
        var two = new SitesImpl(List.of(ca), events);
        assertTrue(two.site("hq").isPresent());
        two.addConfiguration(cb);
        assertTrue(two.site("hq").isEmpty());
        var errors = events.on("gridprint/alarms/CONFIG_ERROR");
        assertEquals(2, errors.size());
        assertTrue(errors.get(1).getProperty(EventKeys.MESSAGE).toString().contains(
                "org.gridprint.carbon.site~a, org.gridprint.carbon.site~b"));
        // another site coming: the lasting conflict is not alarmed again
        var other = valid();
        other.put("service.pid", "org.gridprint.carbon.site~c");
        other.put("id", "plant");
        two.addConfiguration(SiteConfiguration.of(other, events));
        assertEquals(2, events.on("gridprint/alarms/CONFIG_ERROR").size());
        assertTrue(two.site("plant").isPresent());
        two.removeConfiguration(cb);
        assertTrue(two.site("hq").isPresent());
    }
}
