package org.gridprint.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.http.query.AlarmBook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /readings, /windows, /alarms, /exports/emission-windows.csv, /status against the real Derby store. */
class QueriesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;
    ApiHarness api;
    String viewer;

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness(dir, HttpApiSettings.defaults());
        viewer = api.token("vic", "viewer");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void readingsOfOneSeriesInTimeOrderWithParameterErrorsNamed() throws Exception {
        api.ingest.submit("test", List.of(
                Reading.good(ApiHarness.M1, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(60), 2.5, "test"),
                Reading.good(ApiHarness.M1, Quantity.ACTIVE_ENERGY_IMPORT, T0, 1.0, "test"),
                Reading.good(ApiHarness.M1, Quantity.ACTIVE_ENERGY_IMPORT, T0.plusSeconds(3600), 9.0, "test")));
        var resp = api.get("/readings?meter=" + ApiHarness.M1 + "&from=2026-11-01T00:00:00Z&to=2026-11-01T00:30:00Z",
                viewer);
        assertEquals(200, resp.statusCode(), resp.body());
        var json = JSON.readTree(resp.body());
        assertEquals(2, json.get("count").asInt());
        assertEquals("2026-11-01T00:00:00Z", json.at("/readings/0/timestamp").asText());
        assertEquals(1.0, json.at("/readings/0/value").asDouble(), 0);
        assertEquals(2.5, json.at("/readings/1/value").asDouble(), 0);
        assertEquals("kWh", json.get("unit").asText());
        assertEquals(false, json.get("truncated").asBoolean());

        var limited = JSON.readTree(api.get("/readings?meter=" + ApiHarness.M1 + "&from=2026-11-01&to=2026-11-02"
                + "&limit=2", viewer).body());
        assertEquals(2, limited.get("count").asInt());
        assertEquals(true, limited.get("truncated").asBoolean());

        var noMeter = api.get("/readings?from=2026-11-01", viewer);
        assertEquals(400, noMeter.statusCode());
        assertTrue(noMeter.body().contains("query parameter 'meter' is missing"), noMeter.body());
        var badFrom = api.get("/readings?meter=" + ApiHarness.M1 + "&from=yesterday", viewer);
        assertEquals(400, badFrom.statusCode());
        assertTrue(badFrom.body().contains("query parameter 'from' is 'yesterday'; expected an ISO-8601 time"));
        var badQuantity = api.get("/readings?meter=" + ApiHarness.M1 + "&quantity=HEAT", viewer);
        assertEquals(400, badQuantity.statusCode());
        var unknown = api.get("/readings?meter=hq/none", viewer);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown meter id 'hq/none'"));
        var backwards = api.get("/readings?meter=" + ApiHarness.M1 + "&from=2026-11-02&to=2026-11-01", viewer);
        assertEquals(400, backwards.statusCode());
    }

    static EmissionWindow window(AccountingMethod method, long amountNano, long co2eMicrograms) {
        return new EmissionWindow(ApiHarness.M1, "hq", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, T0,
                T0.plusSeconds(3600), amountNano, co2eMicrograms, 0, 0, 0, Quality.GOOD, Set.of(), T0,
                T0.plusSeconds(3600), 1, T0.plusSeconds(7200));
    }

    @Test
    void windowsOfBothMethodsWithExactAmounts() throws Exception {
        // 1.5 kWh = 1_500_000_000 nano-kWh; 0.585 kg = 585_000_000 µg
        api.store.storeWindows(List.of(window(AccountingMethod.LOCATION_BASED, 1_500_000_000L, 585_000_000L),
                window(AccountingMethod.MARKET_BASED, 1_500_000_000L, 0L)), "test");
        var resp = api.get("/windows?from=2026-11-01&to=2026-11-02", viewer);
        assertEquals(200, resp.statusCode(), resp.body());
        var json = JSON.readTree(resp.body());
        assertEquals(2, json.get("count").asInt());
        var location = json.at("/windows/0");
        assertEquals("LOCATION_BASED", location.get("method").asText());
        assertEquals("1.5", location.get("amount").asText());
        assertEquals("0.585", location.get("kgCo2e").asText());
        assertEquals("MARKET_BASED", json.at("/windows/1/method").asText());
        var market = JSON.readTree(api.get("/windows?from=2026-11-01&to=2026-11-02&method=market-based", viewer).body());
        assertEquals(1, market.get("count").asInt());
        var bad = api.get("/windows?method=cheapest", viewer);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("expected one of LOCATION_BASED, MARKET_BASED, DIRECT"), bad.body());
    }

    @Test
    void alarmsActiveAndRecent() throws Exception {
        api.alarms.add(new AlarmBook.Entry("STALE", EventKeys.RAISED, T0, "modbus/panel", "dev-1",
                List.of(ApiHarness.M1), "no reading for 5 min", "stale|m1", 0));
        api.alarms.add(new AlarmBook.Entry("CONFLICT", "", T0.plusSeconds(1), "ingest", "", List.of(ApiHarness.M2),
                "1 conflict", "", 1));
        var active = JSON.readTree(api.get("/alarms", viewer).body());
        assertEquals(1, active.get("alarms").size());
        assertEquals("STALE", active.at("/alarms/0/kind").asText());
        assertEquals(ApiHarness.M1, active.at("/alarms/0/meters/0").asText());
        var recent = JSON.readTree(api.get("/alarms?state=recent&meter=" + ApiHarness.M2, viewer).body());
        assertEquals(1, recent.get("alarms").size());
        assertEquals("CONFLICT", recent.at("/alarms/0/kind").asText());
        api.alarms.add(new AlarmBook.Entry("STALE", EventKeys.CLEARED, T0.plusSeconds(60), "modbus/panel", "dev-1",
                List.of(ApiHarness.M1), "readings again", "stale|m1", 3));
        assertEquals(0, JSON.readTree(api.get("/alarms", viewer).body()).get("alarms").size());
    }

    @Test
    void exportStreamsTheFileWithItsSha256() throws Exception {
        var operator = api.token("olga", "operator");
        var unavailable = api.get("/exports/emission-windows.csv?from=2026-11-01&to=2026-11-02", operator);
        assertEquals(503, unavailable.statusCode());
        assertTrue(unavailable.body().contains("gridprint.export.format=emission-windows-csv"), unavailable.body());

        var content = "meter,start,kg\nhq/b1/main,2026-11-01T00:00:00Z,0.585\n";
        api.services.exporter("emission-windows-csv", new ApiHarness.FileExporter(content));
        var resp = api.get("/exports/emission-windows.csv?from=2026-11-01&to=2026-11-02", operator);
        assertEquals(200, resp.statusCode(), resp.body());
        assertEquals(content, resp.body());
        var sha = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(sha), resp.headers().firstValue("X-Gridprint-SHA256").orElse(""));
        assertEquals("sha-256=:" + Base64.getEncoder().encodeToString(sha) + ":",
                resp.headers().firstValue("Repr-Digest").orElse(""));
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    }

    @Test
    void statusCountsAnswersAndItems() throws Exception {
        var operator = api.token("olga", "operator");
        api.post("/readings", operator, "application/json", "[" + ReadingsIngestTest.item(ApiHarness.M1,
                "ACTIVE_ENERGY_IMPORT", T0, 1, null) + "," + ReadingsIngestTest.item("x", "HEAT", T0, 1, null) + "]");
        api.get("/meters", null);
        var json = JSON.readTree(api.get("/status", viewer).body());
        assertEquals(1, json.at("/answers/400").asInt());
        assertEquals(1, json.at("/answers/401").asInt());
        assertEquals(2, json.at("/readings/items").asInt());
        assertEquals(1, json.at("/readings/stored").asInt());
        assertEquals(1, json.at("/readings/refused").asInt());
        assertEquals(false, json.at("/services/jobs").asBoolean());
        assertEquals(true, json.at("/services/ingest").asBoolean());
    }
}
