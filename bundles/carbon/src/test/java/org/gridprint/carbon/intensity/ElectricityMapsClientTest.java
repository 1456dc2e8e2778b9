package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Electricity Maps v3 against a local server: auth-token header, history/latest/forecast, isEstimated kept. */
class ElectricityMapsClientTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:20:00Z");
    private final ProviderServer server = UkCarbonIntensityClientTestSupport.server();

    @AfterEach
    void stop() {
        server.close();
    }

    private void answers() {
        server.answer("/v3/carbon-intensity/history", ProviderServer.Answer.json("""
                {"zone":"DE","history":[
                 {"zone":"DE","carbonIntensity":null,"datetime":"2026-12-06T08:00:00.000Z","updatedAt":"2026-12-06T09:50:00.000Z","createdAt":"2026-12-03T08:00:00.000Z","emissionFactorType":"lifecycle","isEstimated":true,"estimationMethod":"TIME_SLICER_AVERAGE"},
                 {"zone":"DE","carbonIntensity":302,"datetime":"2026-12-06T09:00:00.000Z","updatedAt":"2026-12-06T09:50:00.000Z","createdAt":"2026-12-03T09:00:00.000Z","emissionFactorType":"lifecycle","isEstimated":true,"estimationMethod":"TIME_SLICER_AVERAGE"}
                ]}"""));
        server.answer("/v3/carbon-intensity/latest", ProviderServer.Answer.json("""
                {"zone":"DE","carbonIntensity":310,"datetime":"2026-12-06T10:00:00.000Z","updatedAt":"2026-12-06T10:15:00.000Z","createdAt":"2026-12-03T10:00:00.000Z","emissionFactorType":"lifecycle","isEstimated":false,"estimationMethod":null}"""));
        server.answer("/v3/carbon-intensity/forecast", ProviderServer.Answer.json("""
                {"zone":"DE","forecast":[{"carbonIntensity":330,"datetime":"2026-12-06T11:00:00.000Z"}],"updatedAt":"2026-12-06T10:00:00.000Z"}"""));
    }

    @Test
    void historyLatestAndForecastByZone() {
        answers();
        var f = new Fixtures(NOW);
        f.add(ProviderKind.ELECTRICITY_MAPS, "id", "em-de", "site", "berlin", "region", "DE", "apiKey", "em-key-1",
                "forecast", "true", "baseUrl", server.baseUrl());
        var r = f.service.pollNow("em-de");
        assertEquals(Optional.empty(), r.error());
        assertEquals(3, r.stored(), "the null hour is skipped");
        assertTrue(server.requests.stream().allMatch(q -> "em-key-1".equals(q.authToken())), "auth-token header");
        assertTrue(server.requests.stream().allMatch(q -> q.query().equals("zone=DE&emissionFactorType=lifecycle")),
                server.requests.toString());

        var est = f.service.averageFor("berlin", Instant.parse("2026-12-06T09:00:00Z"),
                Instant.parse("2026-12-06T10:00:00Z")).orElseThrow();
        assertEquals(0, est.gramsPerUnit().compareTo(new BigDecimal("302")));
        assertTrue(est.estimated(), "isEstimated kept");
        assertEquals("lifecycle", est.model());
        var latest = f.service.averageFor("berlin", Instant.parse("2026-12-06T10:00:00Z"),
                Instant.parse("2026-12-06T10:15:00Z")).orElseThrow();
        assertEquals(0, latest.gramsPerUnit().compareTo(new BigDecimal("310")));
        assertFalse(latest.estimated());
        assertEquals(1, f.store.forecast("em-de", "DE", org.gridprint.api.carbon.IntensitySignal.AVERAGE,
                Instant.parse("2026-12-06T11:00:00Z"), Instant.parse("2026-12-06T12:00:00Z")).size());
    }

    @Test
    void coordinatesInsteadOfAZoneAndDirectFactors() {
        answers();
        var f = new Fixtures(NOW);
        f.add(ProviderKind.ELECTRICITY_MAPS, "id", "em-geo", "site", "berlin", "latitude", "52.52", "longitude",
                "13.405", "emissionFactorType", "direct", "apiKey", "em-key-1", "baseUrl", server.baseUrl());
        assertEquals(Optional.empty(), f.service.pollNow("em-geo").error());
        assertTrue(server.requests.stream().allMatch(q -> q.query().equals(
                "lat=52.52&lon=13.405&emissionFactorType=direct")), server.requests.toString());
        assertEquals(2, server.requests.size(), "no forecast unless configured");
        var v = f.service.averageFor("berlin", Instant.parse("2026-12-06T10:00:00Z"),
                Instant.parse("2026-12-06T11:00:00Z")).orElseThrow();
        assertEquals("52.52,13.405", v.region());
    }
}
