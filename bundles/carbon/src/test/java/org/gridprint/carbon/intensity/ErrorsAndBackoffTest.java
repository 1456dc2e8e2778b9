package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.EventKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 5xx, 429 with Retry-After, timeouts and malformed JSON: backed off, ONE alarm raised and ONE cleared. */
class ErrorsAndBackoffTest {

    private static final String TOPIC = "gridprint/alarms/PROVIDER_UNAVAILABLE";
    private final ProviderServer server = UkCarbonIntensityClientTestSupport.server();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void backoffDoublesFromThePollPeriodUpToAnHourAndHonoursRetryAfter() {
        assertEquals(Duration.ofSeconds(600), IntensityServiceImpl.backoff(1, 300, Optional.empty()));
        assertEquals(Duration.ofSeconds(1200), IntensityServiceImpl.backoff(2, 300, Optional.empty()));
        assertEquals(Duration.ofSeconds(2400), IntensityServiceImpl.backoff(3, 300, Optional.empty()));
        assertEquals(Duration.ofSeconds(3600), IntensityServiceImpl.backoff(4, 300, Optional.empty()));
        assertEquals(Duration.ofSeconds(3600), IntensityServiceImpl.backoff(40, 300, Optional.empty()));
        assertEquals(Duration.ofSeconds(3600), IntensityServiceImpl.backoff(1, 3600, Optional.empty()));
        assertEquals(Duration.ofSeconds(5000), IntensityServiceImpl.backoff(1, 300,
                Optional.of(Duration.ofSeconds(5000))));
        assertEquals(Duration.ofHours(6), IntensityServiceImpl.backoff(1, 300, Optional.of(Duration.ofDays(2))));
    }

    @Test
    void failuresAreBackedOffWithOneAlarmRaisedAndOneCleared() {
        var now = Instant.parse("2026-12-06T11:10:00Z");
        var f = new Fixtures(now);
        f.add(ProviderKind.UK_CARBON_INTENSITY, "id", "uk", "site", "gb", "pollSeconds", "300", "timeoutSeconds", "1",
                "forecast", "false", "baseUrl", server.baseUrl());

        server.answer("/intensity", ProviderServer.Answer.status(503));
        var r1 = f.service.pollNow("uk");
        assertTrue(r1.error().orElseThrow().contains("HTTP 503"), r1.error().toString());
        assertEquals(Duration.ofSeconds(600), r1.nextDelay());
        var status = f.service.providers("gb").get(0);
        assertEquals(Optional.of(now.plusSeconds(600)), status.nextPoll());
        assertTrue(status.lastError().orElseThrow().contains("HTTP 503"));

        server.answer("/intensity", new ProviderServer.Answer(429, "{}", Map.of("Retry-After", "3000"), 0));
        var r2 = f.service.pollNow("uk");
        assertTrue(r2.error().orElseThrow().contains("429"), r2.error().toString());
        assertEquals(Duration.ofSeconds(3000), r2.nextDelay(), "Retry-After 3000 s beats the back-off of 1200 s");

        server.answer("/intensity", new ProviderServer.Answer(200, "{\"data\":[]}", Map.of(), 2500));
        var r3 = f.service.pollNow("uk");
        assertTrue(r3.error().orElseThrow().contains("no answer within 1 s"), r3.error().toString());
        assertEquals(Duration.ofSeconds(2400), r3.nextDelay());

        server.answer("/intensity", ProviderServer.Answer.json("{\"data\":[{\"from\":"));
        var r4 = f.service.pollNow("uk");
        assertTrue(r4.error().orElseThrow().contains("not valid JSON"), r4.error().toString());

        server.answer("/intensity", ProviderServer.Answer.json("{\"data\":[{\"from\":\"2026-12-06T10:00Z\"}]}"));
        var r5 = f.service.pollNow("uk");
        assertTrue(r5.error().orElseThrow().contains("no time 'to'"), r5.error().toString());

        assertEquals(1, f.events.topic(TOPIC).size(), "one alarm for five failed polls");
        assertEquals(EventKeys.RAISED, f.events.topic(TOPIC).get(0).getProperty(EventKeys.ALARM_STATE));
        assertTrue(f.service.alarmActive("uk"));

        server.answer("/intensity", ProviderServer.Answer.json("""
                {"data":[{"from":"2026-12-06T10:00Z","to":"2026-12-06T10:30Z","intensity":{"forecast":266,"actual":263,"index":"moderate"}}]}"""));
        var ok = f.service.pollNow("uk");
        assertEquals(Optional.empty(), ok.error());
        assertEquals(Duration.ofSeconds(300), ok.nextDelay());
        var events = f.events.topic(TOPIC);
        assertEquals(2, events.size());
        assertEquals(EventKeys.CLEARED, events.get(1).getProperty(EventKeys.ALARM_STATE));
        assertEquals(5L, ((Number) events.get(1).getProperty(EventKeys.COUNT)).longValue());
        assertFalse(f.service.alarmActive("uk"));
        assertTrue(f.service.providers("gb").get(0).lastError().isEmpty());
        assertEquals(Optional.of(now), f.service.providers("gb").get(0).lastSuccess());
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var f = new Fixtures(Instant.parse("2026-12-06T11:10:00Z"));
        f.add(ProviderKind.UK_CARBON_INTENSITY, "id", "uk", "site", "gb", "baseUrl", "http://127.0.0.1:" + port);
        var r = f.service.pollNow("uk");
        assertTrue(r.error().orElseThrow().contains("cannot connect to 127.0.0.1:" + port), r.error().toString());
        assertEquals(1, f.events.topic(TOPIC).size());
    }
}
