package org.gridprint.carbon.intensity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WattTime password and the Electricity Maps key appear in no log line (slf4j-simple writes to System.err),
 * no error, status, alarm or settings text — whether the login is refused, the server fails or all is well.
 */
class SecretsTest {

    private static final String PASSWORD = "Pw-S3cret-4711";
    private static final String KEY = "Em-K3y-0815";

    private final ProviderServer server = UkCarbonIntensityClientTestSupport.server();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        originalErr.print(captured.toString(StandardCharsets.UTF_8));
        server.close();
    }

    @Test
    void secretsNeverShow() {
        var f = new Fixtures(Instant.parse("2026-12-06T10:10:00Z"));
        var wt = f.add(ProviderKind.WATTTIME, "id", "wt", "site", "sf", "region", "CAISO_NORTH", "username", "alice",
                "password", PASSWORD, "baseUrl", server.baseUrl());
        var em = f.add(ProviderKind.ELECTRICITY_MAPS, "id", "em", "site", "sf", "rank", "2", "region", "US-CAL-CISO",
                "apiKey", KEY, "baseUrl", server.baseUrl());
        var text = new StringBuilder();

        server.answer("/login", ProviderServer.Answer.status(401));
        server.answer("/v3/carbon-intensity", ProviderServer.Answer.status(401));
        text.append(f.service.pollNow("wt")).append(f.service.pollNow("em"));
        server.answer("/login", ProviderServer.Answer.json("{\"token\":\"t\"}"));
        server.answer("/v3/historical", ProviderServer.Answer.status(500));
        server.answer("/v3/carbon-intensity", ProviderServer.Answer.status(500));
        text.append(f.service.pollNow("wt")).append(f.service.pollNow("em"));
        server.answer("/v3/", ProviderServer.Answer.json("{\"data\":[],\"meta\":{\"units\":\"lbs_co2_per_mwh\"}}"));
        server.answer("/v3/carbon-intensity", ProviderServer.Answer.json("{\"history\":[]}"));
        text.append(f.service.pollNow("wt"));
        text.append(f.service.providers("sf"));
        text.append(wt.config()).append(em.config());
        f.events.events.forEach(e -> {
            for (var k : e.getPropertyNames()) {
                text.append(k).append('=').append(String.valueOf(e.getProperty(k)));
            }
        });
        var logged = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("intensity provider 'wt'"), "the capture works: " + logged);
        assertTrue(text.toString().contains("HTTP 401") && text.toString().contains("HTTP 500"), text.toString());
        for (var secret : new String[] {PASSWORD, KEY, java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8))}) {
            assertFalse(logged.contains(secret), "secret in the log");
            assertFalse(text.toString().contains(secret), "secret in status/errors/events/settings");
        }
    }
}
