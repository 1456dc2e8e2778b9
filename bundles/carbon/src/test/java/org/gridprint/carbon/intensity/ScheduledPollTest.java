package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The activated component polls on its own thread, stores the values, and stops on deactivation. */
class ScheduledPollTest {

    private final ProviderServer server = UkCarbonIntensityClientTestSupport.server();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pollsOnItsOwnAfterActivation() throws Exception {
        server.answer("/intensity", ProviderServer.Answer.json("""
                {"data":[{"from":"2026-12-06T10:00Z","to":"2026-12-06T10:30Z","intensity":{"forecast":266,"actual":263,"index":"moderate"}}]}"""));
        var f = new Fixtures(Instant.parse("2026-12-06T11:10:00Z"));
        f.service.firstPollDelay = Duration.ZERO;
        f.service.activate();
        try {
            var provider = f.add(ProviderKind.UK_CARBON_INTENSITY, "id", "uk", "site", "gb", "forecast", "false",
                    "baseUrl", server.baseUrl());
            for (int i = 0; i < 400 && f.service.providers("gb").get(0).lastSuccess().isEmpty(); i++) {
                Thread.sleep(25);
            }
            assertEquals(2, f.store.size(), "actual and forecast of 10:00 stored by the scheduled poll");
            var status = f.service.providers("gb").get(0);
            assertEquals(Instant.parse("2026-12-06T11:10:00Z"), status.lastSuccess().orElseThrow());
            assertEquals(Instant.parse("2026-12-06T11:40:00Z"), status.nextPoll().orElseThrow(), "next in 1800 s");
            f.service.removeProvider(provider);
            assertTrue(f.service.providers("gb").isEmpty());
        } finally {
            f.service.deactivate();
        }
    }
}
