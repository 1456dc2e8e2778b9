package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Configuration errors name PID, field, value and expectation; bad or duplicate providers never serve. */
class ProviderConfigTest {

    private static String error(ProviderKind kind, String... kv) {
        Map<String, Object> props = new HashMap<>();
        props.put("service.pid", kind.pid() + "~t");
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        var c = ProviderConfigParser.parse(kind, props, null);
        return assertInstanceOf(ProviderConfig.Invalid.class, c).message();
    }

    @Test
    void errorsNameTheField() {
        assertEquals("org.gridprint.carbon.intensity.ukci~t: pollSeconds = '100' is not usable; expected a whole "
                + "number 300..3600", error(ProviderKind.UK_CARBON_INTENSITY, "id", "u", "site", "s", "pollSeconds",
                        "100"));
        assertTrue(error(ProviderKind.UK_CARBON_INTENSITY, "id", "u", "site", "s", "region", "18")
                .contains("region = '18'"));
        assertTrue(error(ProviderKind.UK_CARBON_INTENSITY, "site", "s").contains("id is missing"));
        assertTrue(error(ProviderKind.STATIC, "id", "s", "site", "s", "value", "1", "unit", "lbs", "source", "x",
                "edition", "y").contains("unit = 'lbs'"));
        assertTrue(error(ProviderKind.STATIC, "id", "s", "site", "s", "value", "1,5", "unit", "g/kWh", "source", "x",
                "edition", "y").contains("value = '1,5'"));
        assertTrue(error(ProviderKind.WATTTIME, "id", "w", "site", "s", "username", "u").contains(
                "password is missing"));
        assertTrue(error(ProviderKind.WATTTIME, "id", "w", "site", "s", "username", "u", "password", "p",
                "signalType", "co2").contains("signalType = 'co2'"));
        assertTrue(error(ProviderKind.ELECTRICITY_MAPS, "id", "e", "site", "s", "apiKey", "k", "latitude", "91",
                "longitude", "0").contains("latitude = '91'"));
        assertTrue(error(ProviderKind.ELECTRICITY_MAPS, "id", "e", "site", "s", "apiKey", "k", "baseUrl",
                "ftp://x").contains("baseUrl = 'ftp://x'"));
        assertTrue(error(ProviderKind.FILE, "id", "f", "site", "s", "path", "x.csv").contains("region = ''"));
    }

    @Test
    void aBadConfigurationIsShownAndAlarmedButNeverServes() {
        var f = new Fixtures(Instant.parse("2026-12-06T12:00:00Z"));
        f.add(ProviderKind.STATIC, "id", "st", "site", "hq", "value", "-1", "unit", "g/kWh", "source", "x",
                "edition", "y");
        var status = f.service.providers("hq");
        assertEquals(1, status.size());
        assertTrue(status.get(0).lastError().orElseThrow().contains("value = '-1'"));
        assertTrue(f.service.averageFor("hq", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600)).isEmpty());
        assertEquals(1, f.events.topic("gridprint/alarms/CONFIG_ERROR").size());
    }

    @Test
    void oneProviderIdConfiguredTwiceServesNeitherUntilOneIsRemoved() {
        var f = new Fixtures(Instant.parse("2026-12-06T12:00:00Z"));
        f.add(ProviderKind.STATIC, "id", "same", "site", "hq", "value", "100", "unit", "g/kWh", "source", "a",
                "edition", "1", "service.pid", "org.gridprint.carbon.intensity.static~a");
        var second = f.add(ProviderKind.STATIC, "id", "same", "site", "hq", "value", "200", "unit", "g/kWh",
                "source", "b", "edition", "1", "service.pid", "org.gridprint.carbon.intensity.static~b");
        assertTrue(f.service.averageFor("hq", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600)).isEmpty());
        var alarms = f.events.topic("gridprint/alarms/CONFIG_ERROR");
        assertEquals(1, alarms.size());
        assertTrue(String.valueOf(alarms.get(0).getProperty("message")).contains(
                "org.gridprint.carbon.intensity.static~a, org.gridprint.carbon.intensity.static~b"));
        f.service.removeProvider(second);
        assertEquals("a", f.service.averageFor("hq", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600)).orElseThrow()
                .source());
        assertFalse(f.service.providers("hq").get(0).lastError().isPresent());
    }
}
