package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gridprint.api.carbon.SiteLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UK Carbon Intensity against a local server serving the documented shapes (national and regional). */
class UkCarbonIntensityClientTest {

    private static final Instant NOW = Instant.parse("2026-12-06T11:10:00Z");
    private final ProviderServer server = newServer();

    private static ProviderServer newServer() {
        try {
            return new ProviderServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final String PAST = """
            {"data":[
             {"from":"2026-12-06T10:00Z","to":"2026-12-06T10:30Z","intensity":{"forecast":266,"actual":263,"index":"moderate"}},
             {"from":"2026-12-06T10:30Z","to":"2026-12-06T11:00Z","intensity":{"forecast":270,"actual":null,"index":"moderate"}}
            ]}""";
    private static final String AHEAD = """
            {"data":[
             {"from":"2026-12-06T11:00Z","to":"2026-12-06T11:30Z","intensity":{"forecast":280,"actual":null,"index":"high"}}
            ]}""";

    @Test
    void nationalActualPricesHalfHoursAndForecastFillsWhereNoActual() {
        server.answer("/intensity/2026-12-05T11:00Z/fw24h", ProviderServer.Answer.json(PAST));
        server.answer("/intensity/2026-12-06T11:00Z/fw24h", ProviderServer.Answer.json(AHEAD));
        var f = new Fixtures(NOW);
        f.add(ProviderKind.UK_CARBON_INTENSITY, "id", "uk-ci", "site", "london", "baseUrl", server.baseUrl());

        var r = f.service.pollNow("uk-ci");
        assertEquals(Optional.empty(), r.error());
        assertEquals(4, r.fetched()); // 10:00 actual + forecast, 10:30 forecast, 11:00 forecast
        assertEquals(4, r.stored());
        assertEquals(Duration.ofSeconds(1800), r.nextDelay());
        assertEquals(0, f.service.pollNow("uk-ci").stored(), "the same values again store nothing");

        var v = f.service.averageFor("london", Instant.parse("2026-12-06T10:00:00Z"),
                Instant.parse("2026-12-06T10:30:00Z")).orElseThrow();
        assertEquals("intensity/uk-ci/national/2026-12-06T10:00Z", v.id());
        assertEquals(0, v.gramsPerUnit().compareTo(new BigDecimal("263")), "the actual, not the forecast 266");
        assertEquals("g/kWh", v.publishedUnit());
        assertEquals("uk-ci", v.provider());
        assertFalse(v.estimated());
        assertTrue(v.source().contains("national, actual"), v.source());

        var quarter = f.service.averageFor("london", Instant.parse("2026-12-06T10:15:00Z"),
                Instant.parse("2026-12-06T10:30:00Z")).orElseThrow();
        assertEquals(0, quarter.gramsPerUnit().compareTo(new BigDecimal("263")), "a coarser value covers a 15-min window");

        var forecastOnly = f.service.averageFor("london", Instant.parse("2026-12-06T10:30:00Z"),
                Instant.parse("2026-12-06T11:00:00Z")).orElseThrow();
        assertEquals(0, forecastOnly.gramsPerUnit().compareTo(new BigDecimal("270")));
        assertFalse(forecastOnly.estimated(), "not published as estimated");
        assertEquals("forecast issued 2026-12-06T11:10:00Z", forecastOnly.edition());
        assertTrue(forecastOnly.source().endsWith("national, forecast"), forecastOnly.source());
        assertEquals("actual", v.edition());

        assertTrue(f.service.averageFor("london", Instant.parse("2026-12-06T10:00:00Z"),
                Instant.parse("2026-12-06T11:00:00Z")).isEmpty(), "no single half-hour value covers an hour");
        assertEquals(Optional.of(Duration.ofMinutes(30)), f.service.resolution("london"));
    }

    @Test
    void regionalFromTheSiteLocationIsForecastOnly() {
        server.answer("/regional/regionid/13", ProviderServer.Answer.json("""
                {"data":[{"regionid":13,"dnoregion":"UKPN London","shortname":"London","data":[
                 {"from":"2026-12-06T11:00Z","to":"2026-12-06T11:30Z","intensity":{"forecast":190,"index":"low"},
                  "generationmix":[{"fuel":"wind","perc":40.1}]}]}]}"""));
        server.answer("/regional/intensity/2026-12-06T11:00Z/fw24h/regionid/13", ProviderServer.Answer.json("""
                {"data":{"regionid":13,"shortname":"London","data":[
                 {"from":"2026-12-06T11:30Z","to":"2026-12-06T12:00Z","intensity":{"forecast":200,"index":"low"}}]}}"""));
        var f = new Fixtures(NOW);
        f.service.setLocation(new SiteLocation("london", "", "", "GB", "", "", Optional.of(13), Optional.empty(),
                Optional.empty()));
        f.add(ProviderKind.UK_CARBON_INTENSITY, "id", "uk-london", "site", "london", "baseUrl", server.baseUrl());

        var r = f.service.pollNow("uk-london");
        assertEquals(Optional.empty(), r.error());
        assertEquals(2, r.stored());
        var v = f.service.averageFor("london", Instant.parse("2026-12-06T11:00:00Z"),
                Instant.parse("2026-12-06T11:30:00Z")).orElseThrow();
        assertEquals("intensity/uk-london/13/2026-12-06T11:00Z", v.id());
        assertEquals("13", v.region());
        assertEquals(0, v.gramsPerUnit().compareTo(new BigDecimal("190")));
        assertTrue(v.source().endsWith("region 13, forecast"), v.source());
        var history = f.service.history("london", null, Instant.parse("2026-12-06T00:00:00Z"),
                Instant.parse("2026-12-07T00:00:00Z"));
        assertEquals(2, history.size());
        assertTrue(history.stream().allMatch(p -> p.forecast()));
    }
}
