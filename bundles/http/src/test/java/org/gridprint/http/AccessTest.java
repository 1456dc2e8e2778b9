package org.gridprint.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and roles: 401 for missing, forged and expired tokens, 403 for the wrong role, 503 without a token service. */
class AccessTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BODY = "[" + ReadingsIngestTest.item(ApiHarness.M1, "ACTIVE_ENERGY_IMPORT",
            "2026-11-01T00:00:00Z", 1, null) + "]";

    @TempDir
    Path dir;
    ApiHarness api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness(dir, HttpApiSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void missingMalformedAndForgedTokensAre401WithoutEchoingTheToken() throws Exception {
        var none = api.get("/meters", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm=\"gridprint\""));
        assertTrue(none.body().contains("no Authorization header"), none.body());

        var basic = api.client.send(java.net.http.HttpRequest.newBuilder(api.uri("/meters"))
                .header("Authorization", "Basic b2xnYTpzZWNyZXQ=").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        assertTrue(basic.body().contains("scheme 'Basic' is not supported"), basic.body());
        assertFalse(basic.body().contains("b2xnYTpzZWNyZXQ="));

        var good = api.token("vic", "viewer");
        var dot = good.indexOf('.');
        // same signature, payload claiming operator: a forgery
        var payload = new String(java.util.Base64.getUrlDecoder().decode(good.substring(0, dot)));
        var forgedPayload = payload.replace("|viewer|", "|admin|");
        var forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forgedPayload.getBytes())
                + good.substring(dot);
        var resp = api.post("/readings", forged, "application/json", BODY);
        assertEquals(401, resp.statusCode());
        assertTrue(resp.body().contains("token refused (bad signature)"), resp.body());
        assertFalse(resp.body().contains(forged));
        assertFalse(resp.headers().firstValue("WWW-Authenticate").orElse("").contains(forged));
        assertEquals(0, api.store.readingCount());

        var garbage = api.get("/meters", "not-a-token");
        assertEquals(401, garbage.statusCode());
        assertTrue(garbage.body().contains("token refused (malformed)"), garbage.body());
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        var token = api.token("vic", "viewer");
        assertEquals(200, api.get("/meters", token).statusCode());
        api.tokenClock.advance(Duration.ofMinutes(6)); // issued for 5 minutes
        var resp = api.get("/meters", token);
        assertEquals(401, resp.statusCode());
        assertTrue(resp.body().contains("token refused (expired)"), resp.body());
        assertTrue(resp.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void rolesFollowTheMatrix() throws Exception {
        var viewer = api.token("vic", "viewer");
        var operator = api.token("olga", "operator");
        var admin = api.token("ada", "admin");

        var meters = api.get("/meters", viewer);
        assertEquals(200, meters.statusCode());
        assertEquals(2, JSON.readTree(meters.body()).get("meters").size());

        var viewerPost = api.post("/readings", viewer, "application/json", BODY);
        assertEquals(403, viewerPost.statusCode());
        assertTrue(viewerPost.body().contains("user 'vic' has roles [viewer]; this request needs role operator"),
                viewerPost.body());
        assertEquals(0, api.store.readingCount());
        assertEquals(403, api.get("/exports/emission-windows.csv", viewer).statusCode());

        assertEquals(200, api.post("/readings", operator, "application/json", BODY).statusCode());
        assertEquals(200, api.get("/readings?meter=" + ApiHarness.M1 + "&from=2026-11-01&to=2026-11-02", operator)
                .statusCode());
        var operatorBills = api.post("/utility-bills", operator, "application/json", "[]");
        assertEquals(403, operatorBills.statusCode());
        assertTrue(operatorBills.body().contains("needs role admin"));

        // admin may, but no bill service runs here: 503 naming it
        var adminBills = api.post("/utility-bills", admin, "application/json", "[]");
        assertEquals(503, adminBills.statusCode());
        assertTrue(adminBills.body().contains("org.gridprint.api.allocation.UtilityBillService"), adminBills.body());
        assertTrue(adminBills.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void withoutATokenServiceNothingIsLetIn() throws Exception {
        var token = api.token("olga", "operator");
        api.services.tokens(null);
        var resp = api.post("/readings", token, "application/json", BODY);
        assertEquals(503, resp.statusCode());
        assertTrue(resp.body().contains("no token service"), resp.body());
        assertEquals(0, api.store.readingCount());
    }

    @Test
    void openApiIsPublicAndUnknownPathsAndMethodsAreNamed() throws Exception {
        var doc = api.get("/openapi.json", null);
        assertEquals(200, doc.statusCode());
        var json = JSON.readTree(doc.body());
        assertEquals("3.0.3", json.get("openapi").asText());
        for (var path : new String[] {"/readings", "/meters", "/windows", "/alarms", "/exports/emission-windows.csv",
                "/jobs", "/utility-bills", "/meter-logs", "/status"}) {
            assertTrue(json.get("paths").has(path), path);
        }
        var token = api.token("vic", "viewer");
        var missing = api.get("/nothing", token);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("no resource /nothing under /api/v1"));
        var wrong = api.post("/meters", token, "application/json", "[]");
        assertEquals(405, wrong.statusCode());
        assertEquals("GET", wrong.headers().firstValue("Allow").orElse(""));
    }
}
