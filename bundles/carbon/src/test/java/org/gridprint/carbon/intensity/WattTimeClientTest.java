package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.gridprint.api.carbon.IntensitySignal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WattTime v3 against a local server: login, bearer token reuse and renewal, co2_aoer vs co2_moer. */
class WattTimeClientTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:10:00Z");
    private final ProviderServer server = UkCarbonIntensityClientTestSupport.server();

    @AfterEach
    void stop() {
        server.close();
    }

    private static String data(String signal, String... points) {
        return "{\"data\":[" + String.join(",", points) + "],\"meta\":{\"region\":\"CAISO_NORTH\",\"signal_type\":\""
                + signal + "\",\"units\":\"lbs_co2_per_mwh\",\"data_point_period_seconds\":300,"
                + "\"generated_at\":\"2026-12-06T10:09:30+00:00\",\"model\":{\"date\":\"2023-03-01\",\"type\":\"binned_regression\"}}}";
    }

    private static String point(String time, String value) {
        return "{\"point_time\":\"" + time + "\",\"value\":" + value + "}";
    }

    private Fixtures setUp(String signal) {
        server.answer("/login", ProviderServer.Answer.json("{\"token\":\"tok-1\"}"));
        server.answer("/v3/historical", ProviderServer.Answer.json(data(signal,
                point("2026-12-06T10:00:00+00:00", "870.2"), point("2026-12-06T10:05:00+00:00", "860"))));
        server.answer("/v3/forecast", ProviderServer.Answer.json(data(signal,
                point("2026-12-06T10:10:00+00:00", "850.5"))));
        var f = new Fixtures(NOW);
        f.add(ProviderKind.WATTTIME, "id", "wt", "site", "sf", "region", "CAISO_NORTH", "signalType", signal,
                "username", "alice", "password", "pw-4711", "baseUrl", server.baseUrl());
        return f;
    }

    @Test
    void averageSignalPricesWindowsInLbPerMwhConvertedExactly() {
        var f = setUp("co2_aoer");
        var r = f.service.pollNow("wt");
        assertEquals(Optional.empty(), r.error());
        assertEquals(3, r.stored());

        var login = server.requests.stream().filter(q -> q.path().equals("/login")).findFirst().orElseThrow();
        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:pw-4711".getBytes(StandardCharsets.UTF_8)),
                login.authorization());
        var hist = server.requests.stream().filter(q -> q.path().equals("/v3/historical")).findFirst().orElseThrow();
        assertEquals("Bearer tok-1", hist.authorization());
        assertTrue(hist.query().contains("region=CAISO_NORTH") && hist.query().contains("signal_type=co2_aoer")
                && hist.query().contains("start=2026-12-05T10%3A10%3A00Z"), hist.query());

        var v = f.service.averageFor("sf", Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:05:00Z"))
                .orElseThrow();
        // 870.2 lb/MWh x 0.45359237 = 394.716080374 g/kWh
        assertEquals(0, v.gramsPerUnit().compareTo(new BigDecimal("394.716080374")), v.gramsPerUnit().toPlainString());
        assertEquals("lb/MWh", v.publishedUnit());
        assertEquals(0, v.publishedValue().compareTo(new BigDecimal("870.2")));
        assertEquals("2023-03-01", v.model());
        assertEquals("intensity/wt/CAISO_NORTH/2026-12-06T10:00Z", v.id());
        assertEquals(Optional.of(Duration.ofMinutes(5)), f.service.resolution("sf"));
        var forecast = f.store.forecast("wt", "CAISO_NORTH", IntensitySignal.AVERAGE, NOW, NOW.plusSeconds(300));
        assertEquals(Instant.parse("2026-12-06T10:09:30Z"), forecast.get(0).issuedAt(), "meta.generated_at kept");
    }

    @Test
    void tokenIsReusedRenewedAfter25MinutesAndOnA401() {
        var f = setUp("co2_aoer");
        f.service.pollNow("wt");
        assertEquals(1, server.count("/login"));
        f.clock.advance(Duration.ofMinutes(10));
        f.service.pollNow("wt");
        assertEquals(1, server.count("/login"), "a 10-minute-old token is reused");
        f.clock.advance(Duration.ofMinutes(16));
        f.service.pollNow("wt");
        assertEquals(2, server.count("/login"), "a 26-minute-old token is renewed before it expires at 30");

        server.answer("/login", ProviderServer.Answer.json("{\"token\":\"tok-2\"}"));
        server.answerOnce("/v3/historical", ProviderServer.Answer.status(401));
        var r = f.service.pollNow("wt");
        assertEquals(Optional.empty(), r.error(), "a refused token is renewed once and the request repeated");
        assertEquals(3, server.count("/login"));
        assertEquals("Bearer tok-2", server.requests.get(server.requests.size() - 1).authorization());
    }

    @Test
    void refusedLoginNamesTheUserNotThePassword() {
        var f = setUp("co2_aoer");
        server.answer("/login", ProviderServer.Answer.status(403));
        var r = f.service.pollNow("wt");
        var error = r.error().orElseThrow();
        assertTrue(error.contains("login of user 'alice' was refused"), error);
        assertTrue(!error.contains("pw-4711"), error);
        assertTrue(f.service.alarmActive("wt"));
    }

    @Test
    void marginalSignalIsStoredButNeverPricesAWindow() {
        var f = setUp("co2_moer");
        assertEquals(Optional.empty(), f.service.pollNow("wt").error());
        assertTrue(f.service.averageFor("sf", Instant.parse("2026-12-06T10:00:00Z"),
                Instant.parse("2026-12-06T10:05:00Z")).isEmpty(), "MOER never prices");
        var h = f.service.history("sf", "wt", Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T11:00:00Z"));
        assertEquals(3, h.size());
        assertTrue(h.stream().allMatch(p -> p.signal() == IntensitySignal.MARGINAL));
        assertTrue(f.service.firstRanked("sf").isEmpty());
        assertEquals(IntensitySignal.MARGINAL, f.service.providers("sf").get(0).signal());
        assertEquals(Optional.empty(), f.service.resolution("sf"));
    }
}
