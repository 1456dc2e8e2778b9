package org.gridprint.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.junit.jupiter.api.Test;

class SiteConfigTest {

    private static final String PID = "org.gridprint.carbon.site~hq";

    private static Map<String, Object> valid() {
        var p = new HashMap<String, Object>();
        p.put("service.pid", PID);
        p.put("id", "hq");
        p.put("name", "Head office");
        p.put("timeZone", "America/New_York");
        p.put("locationFactor", "299.507041911");
        p.put("factorSource", "US EPA eGRID2022 Summary Tables, Table 1, subregion RFCE, \"CO2e\"");
        p.put("factorEdition", "eGRID2022 (2024-01-30)");
        p.put("region", "eGRID RFCE");
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
    void validConfigurationGivesSettingsWithDefaults() {
        var p = valid();
        p.remove("name");
        p.put("locationFactor", 12.5d);
        var result = assertInstanceOf(SiteConfigResult.Valid.class, SiteConfigParser.parse(p));
        var s = result.settings();
        assertEquals("hq", s.id());
        assertEquals("hq", s.name());
        assertEquals(ZoneId.of("America/New_York"), s.timeZone());
        assertEquals(12.5, s.locationFactor());
        assertEquals("AR4", s.gwpSet());
        assertEquals(PID, result.pid());

        p.remove("timeZone");
        p.put("gwpSet", "ar6");
        var defaults = assertInstanceOf(SiteConfigResult.Valid.class, SiteConfigParser.parse(p)).settings();
        assertEquals(ZoneId.of("UTC"), defaults.timeZone());
        assertEquals("AR6", defaults.gwpSet());
    }

    @Test
    void errorsNameThePidTheFieldTheValueAndWhatIsExpected() {
        var negative = invalid("locationFactor", "-3").message();
        assertTrue(negative.contains(PID) && negative.contains("locationFactor") && negative.contains("'-3'")
                && negative.contains("negative") && negative.contains("g CO2e/kWh"), negative);

        var text = invalid("locationFactor", "abc").message();
        assertTrue(text.contains("'abc' is not a number") && text.contains("decimal number >= 0"), text);
        assertTrue(invalid("locationFactor", "299,5").message().contains("'299,5' is not a number"));
        assertTrue(invalid("locationFactor", "NaN").message().contains("not a finite number"));
        assertTrue(invalid("locationFactor", null).message().contains("locationFactor is missing"));

        var zone = invalid("timeZone", "Mars/Olympus").message();
        assertTrue(zone.contains(PID) && zone.contains("timeZone = 'Mars/Olympus'") && zone.contains("IANA"), zone);

        var source = invalid("factorSource", null).message();
        assertTrue(source.contains("factorSource is missing") && source.contains("expected who published"), source);
        assertTrue(invalid("factorEdition", "  ").message().contains("factorEdition is empty"));
        assertTrue(invalid("gwpSet", "AR7").message().contains("expected one of AR4, AR5, AR6"));
        assertTrue(invalid("id", null).message().contains("id is missing"));
    }

    @Test
    void everyProblemIsReported() {
        var p = valid();
        p.put("locationFactor", "x");
        p.put("timeZone", "Nowhere");
        p.remove("factorEdition");
        var result = assertInstanceOf(SiteConfigResult.Invalid.class, SiteConfigParser.parse(p));
        assertEquals(3, result.problems().size());
        assertEquals("hq", result.siteId());
    }

    @Test
    void providerAnswersItsOwnSiteAndLocationBasedOnly() {
        var events = new Fakes.RecordingEventAdmin();
        var provider = StaticSiteFactorProvider.fromProperties(valid(), events);
        var at = Instant.parse("2026-01-01T00:00:00Z");

        var factor = provider.factor("hq", AccountingMethod.LOCATION_BASED, at).orElseThrow();
        assertEquals(299.507041911, factor.gramsCo2ePerUnit());
        assertEquals("g CO2e/kWh", factor.unit());
        assertEquals(Scope.SCOPE_2, factor.scope());
        assertEquals(AccountingMethod.LOCATION_BASED, factor.method());
        assertEquals("eGRID2022 (2024-01-30)", factor.edition());
        assertEquals("AR4", factor.gwpSet());
        assertEquals("eGRID RFCE", factor.region());
        assertEquals(Optional.empty(), provider.factor("lab", AccountingMethod.LOCATION_BASED, at));
        assertEquals(Optional.empty(), provider.factor("hq", AccountingMethod.MARKET_BASED, at));
        assertEquals(0, events.events.size());
    }

    @Test
    void badConfigurationIsPostedAsConfigErrorAndGivesNoFactor() {
        var events = new Fakes.RecordingEventAdmin();
        var p = valid();
        p.put("locationFactor", "-1");
        var provider = StaticSiteFactorProvider.fromProperties(p, events);

        assertEquals(Optional.empty(), provider.factor("hq", AccountingMethod.LOCATION_BASED, Instant.EPOCH));
        assertEquals(Optional.empty(), provider.settings());
        var alarms = events.on(Topics.alarm(AlarmKind.CONFIG_ERROR));
        assertEquals(1, alarms.size());
        var message = (String) alarms.get(0).getProperty(EventKeys.MESSAGE);
        assertTrue(message.contains(PID) && message.contains("locationFactor"), message);
        assertEquals(PID, alarms.get(0).getProperty(EventKeys.SOURCE));
    }
}
