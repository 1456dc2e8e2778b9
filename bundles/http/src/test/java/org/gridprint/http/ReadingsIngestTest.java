package org.gridprint.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /readings over HTTPS into a real Derby store: formats, per-item reasons, idempotency, limits. */
class ReadingsIngestTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final String AEI = "ACTIVE_ENERGY_IMPORT";

    @TempDir
    Path dir;
    ApiHarness api;
    String operator;

    @BeforeEach
    void start() throws Exception {
        var d = HttpApiSettings.defaults();
        api = new ApiHarness(dir, new HttpApiSettings(d.maxBodyBytes(), d.maxBodySeconds(), 12, d.maxJsonDepth(),
                d.maxStringChars(), 1000, 1000, 100, d.maxFutureSeconds(), d.maxQueryRows()));
        operator = api.token("olga", "operator");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    static String item(String meter, String quantity, Object timestamp, Object value, String unit) {
        var sb = new StringBuilder("{\"meter\":" + quote(meter) + ",\"quantity\":" + quote(quantity) + ",\"timestamp\":"
                + quote(timestamp) + ",\"value\":" + (value instanceof String s ? quote(s) : String.valueOf(value)));
        if (unit != null) {
            sb.append(",\"unit\":").append(quote(unit));
        }
        return sb.append('}').toString();
    }

    static String quote(Object s) {
        return "\"" + s + "\"";
    }

    double stored(String meter, Instant at) {
        var r = api.store.readings(meter, Quantity.ACTIVE_ENERGY_IMPORT, at, at.plusMillis(1));
        assertEquals(1, r.size(), "one reading of " + meter + " at " + at);
        return r.get(0).value();
    }

    @Test
    void jsonArrayStoresTheGoodItemsAndNamesEveryRefusedOne() throws Exception {
        var farFuture = Instant.now().plus(2, ChronoUnit.DAYS);
        var body = "[" + String.join(",",
                item(ApiHarness.M1, AEI, T0, 1500, "Wh"),                          // 0 stored as 1.5 kWh
                item(ApiHarness.M2, AEI, T0, 2.25, null),                          // 1 stored (canonical unit)
                item("hq/nowhere", AEI, T0, 1, "kWh"),                             // 2 unknown meter (ingest)
                item(ApiHarness.M1, AEI, T0.plusSeconds(60), "NaN", "kWh"),       // 3 value a string
                item(ApiHarness.M1, AEI, T0.plusSeconds(120), 1, "furlong"),      // 4 unknown unit
                item(ApiHarness.M1, AEI, farFuture, 1, "kWh"),                    // 5 far future
                "{\"meter\":\"" + ApiHarness.M1 + "\",\"quantity\":\"" + AEI
                        + "\",\"timestamp\":\"2026-11-01T00:03:00Z\",\"value\":true}", // 6 wrong type
                "\"just text\"",                                                    // 7 not an object
                item(ApiHarness.M2, AEI, T0.plusSeconds(60), 3, "kW"),            // 8 unit of another dimension
                item(ApiHarness.M2, "HEAT", T0.plusSeconds(60), 3, "kWh"))        // 9 unknown quantity
                + "]";
        var resp = api.post("/readings", operator, "application/json", body);
        assertEquals(400, resp.statusCode(), resp.body());
        var json = JSON.readTree(resp.body());
        assertEquals(10, json.at("/counts/items").asInt());
        assertEquals(2, json.at("/counts/stored").asInt());
        assertEquals(8, json.at("/counts/refused").asInt());
        var items = json.get("items");
        assertEquals("stored", items.get(0).get("outcome").asText());
        assertEquals("stored", items.get(1).get("outcome").asText());
        assertRefused(items.get(2), 2, "hq/nowhere", "meter", "unknown meter id");
        assertRefused(items.get(3), 3, ApiHarness.M1, "value", "a JSON number");
        assertRefused(items.get(4), 4, ApiHarness.M1, "unit", "'furlong'");
        assertRefused(items.get(5), 5, ApiHarness.M1, "timestamp", "ahead of the server clock");
        assertRefused(items.get(6), 6, ApiHarness.M1, "value", "true");
        assertTrue(items.get(7).get("reason").asText().startsWith("item 7: item is a JSON string; expected an object"),
                items.get(7).toString());
        assertRefused(items.get(8), 8, ApiHarness.M2, "unit", "convertible to kWh");
        assertRefused(items.get(9), 9, ApiHarness.M2, "quantity", "'HEAT'");
        // 1500 Wh = 1.5 kWh; the good items of the refused request are stored
        assertEquals(1.5, stored(ApiHarness.M1, T0), 1e-12);
        assertEquals(2.25, stored(ApiHarness.M2, T0), 1e-12);
        assertEquals(2, api.store.readingCount());

        // the same request again stores nothing twice
        var again = JSON.readTree(api.post("/readings", operator, "application/json", body).body());
        assertEquals(0, again.at("/counts/stored").asInt());
        assertEquals(2, again.at("/counts/duplicate").asInt());
        assertEquals(2, api.store.readingCount());
    }

    static void assertRefused(JsonNode item, int index, String meter, String field, String inReason) {
        assertEquals("refused", item.get("outcome").asText(), item.toString());
        assertEquals(index, item.get("index").asInt());
        assertEquals(meter, item.get("meter").asText(), item.toString());
        assertEquals(field, item.get("field").asText(), item.toString());
        var reason = item.get("reason").asText();
        assertTrue(reason.startsWith("item " + index + " (meter " + meter + "): "), reason);
        assertTrue(reason.contains(inReason), reason);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() throws Exception {
        var body = "[" + item(ApiHarness.M1, AEI, T0, 10, "kWh") + "]";
        var first = api.post("/readings", operator, "application/json", body, "Idempotency-Key", "k-1");
        assertEquals(200, first.statusCode(), first.body());
        var duplicatesBefore = api.ingest.statistics().duplicates();
        var replay = api.post("/readings", operator, "application/json", body, "Idempotency-Key", "k-1");
        assertEquals(200, replay.statusCode());
        assertEquals(first.body(), replay.body(), "the identical first answer");
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(duplicatesBefore, api.ingest.statistics().duplicates(), "a replay does not reach ingest");
        var other = api.post("/readings", operator, "application/json", "[" + item(ApiHarness.M1, AEI, T0, 11, "kWh")
                + "]", "Idempotency-Key", "k-1");
        assertEquals(422, other.statusCode(), other.body());
        assertTrue(other.body().contains("Idempotency-Key 'k-1' was used before for a different request"));
        assertEquals(10.0, stored(ApiHarness.M1, T0), 0);
        // another user's key space is its own
        var admin = api.token("ada", "admin");
        assertEquals(200, api.post("/readings", admin, "application/json", body, "Idempotency-Key", "k-1")
                .statusCode());
    }

    @Test
    void aConflictIsReportedWithTheStoredValueAndNeverOverwrites() throws Exception {
        assertEquals(200, api.post("/readings", operator, "application/json", "[" + item(ApiHarness.M1, AEI, T0, 5,
                "kWh") + "]").statusCode());
        var resp = api.post("/readings", operator, "application/json", "[" + item(ApiHarness.M1, AEI, T0, 6, "kWh")
                + "]");
        assertEquals(409, resp.statusCode(), resp.body());
        var item = JSON.readTree(resp.body()).at("/items/0");
        assertEquals("conflict", item.get("outcome").asText());
        assertEquals(5.0, item.get("storedValue").asDouble(), 0);
        assertEquals(5.0, stored(ApiHarness.M1, T0), 0);
    }

    @Test
    void ndjsonRefusesABadLineByItsNumberAndKeepsTheOthers() throws Exception {
        var body = item(ApiHarness.M1, AEI, T0, 1, null) + "\n"
                + "{\"meter\": \"" + ApiHarness.M1 + "\", \"value\": \n"
                + "\n"
                + item(ApiHarness.M2, AEI, T0, 2, null) + "\n";
        var resp = api.post("/readings", operator, "application/x-ndjson", body);
        assertEquals(400, resp.statusCode(), resp.body());
        var json = JSON.readTree(resp.body());
        assertEquals(3, json.at("/counts/items").asInt());
        assertEquals(2, json.at("/counts/stored").asInt());
        var bad = json.at("/items/1");
        assertEquals(2, bad.get("line").asInt());
        assertTrue(bad.get("reason").asText().startsWith("line 2: not valid JSON"), bad.toString());
        assertEquals(4, json.at("/items/2/line").asInt());
        assertEquals(1.0, stored(ApiHarness.M1, T0), 0);
        assertEquals(2.0, stored(ApiHarness.M2, T0), 0);
    }

    @Test
    void csvLinesAreConvertedAndBadLinesNamedByLineNumber() throws Exception {
        var body = "meter,quantity,timestamp,value,unit,quality\n"
                + ApiHarness.M1 + ",ACTIVE_ENERGY_IMPORT,2026-11-01T00:00:00Z,12.5,kWh,\n"
                + ApiHarness.M1 + ",ACTIVE_ENERGY_IMPORT,2026-11-01T00:01:00Z,abc,kWh,GOOD\n"
                + ApiHarness.M1 + ",ACTIVE_ENERGY_IMPORT,2026-11-01T00:02:00Z\n"
                + ApiHarness.M1 + ",ACTIVE_ENERGY_IMPORT,2026-11-01T00:03:00Z,NaN,kWh,GOOD\n"
                + "\"" + ApiHarness.M2 + "\",ACTIVE_ENERGY_IMPORT,2026-11-01T00:00:00Z,0.5,MWh,ESTIMATED\n";
        var resp = api.post("/readings", operator, "text/csv; charset=utf-8", body);
        assertEquals(400, resp.statusCode(), resp.body());
        var items = JSON.readTree(resp.body()).get("items");
        assertEquals(5, items.size());
        assertEquals(2, items.get(0).get("line").asInt());
        assertEquals("stored", items.get(0).get("outcome").asText());
        assertEquals(3, items.get(1).get("line").asInt());
        assertEquals("value", items.get(1).get("field").asText());
        assertTrue(items.get(1).get("reason").asText().startsWith("line 3 (meter " + ApiHarness.M1 + "): field 'value'"
                + " is 'abc'"), items.get(1).toString());
        assertEquals(4, items.get(2).get("line").asInt());
        assertTrue(items.get(2).get("reason").asText().contains("3 fields; expected 6"), items.get(2).toString());
        assertEquals(5, items.get(3).get("line").asInt());
        assertTrue(items.get(3).get("reason").asText().contains("a finite number"), items.get(3).toString());
        assertEquals("stored", items.get(4).get("outcome").asText());
        assertEquals(12.5, stored(ApiHarness.M1, T0), 0);
        assertEquals(500.0, stored(ApiHarness.M2, T0), 1e-9); // 0.5 MWh
        assertEquals(Quality.ESTIMATED, api.store.readings(ApiHarness.M2, Quantity.ACTIVE_ENERGY_IMPORT, T0,
                T0.plusMillis(1)).get(0).quality());
    }

    @Test
    void unreadableBodiesAreRefusedWholeAndStoreNothing() throws Exception {
        var csvHeader = api.post("/readings", operator, "text/csv", "meter,when,value\nx,y,1\n");
        assertEquals(400, csvHeader.statusCode());
        assertTrue(csvHeader.body().contains("column 'when' is not one of"), csvHeader.body());

        var malformed = api.post("/readings", operator, "application/json", "[" + item(ApiHarness.M1, AEI, T0, 1, null)
                + ",\n {\"meter\": ]");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("not valid JSON at line 2, column"), malformed.body());
        assertTrue(malformed.body().contains("nothing of this request was stored"));

        var deep = api.post("/readings", operator, "application/json", "[".repeat(20) + "]".repeat(20));
        assertEquals(400, deep.statusCode());
        assertTrue(deep.body().contains("JSON nested deeper than 8 levels"), deep.body());

        var longString = api.post("/readings", operator, "application/json", "[" + item("m".repeat(5000), AEI, T0, 1,
                null) + "]");
        assertEquals(400, longString.statusCode());
        assertTrue(longString.body().contains("a JSON string longer than 1024 characters"), longString.body());

        var object = api.post("/readings", operator, "application/json", item(ApiHarness.M1, AEI, T0, 1, null));
        assertEquals(400, object.statusCode());
        assertTrue(object.body().contains("the body is a JSON object; expected a JSON array"), object.body());

        var xml = api.post("/readings", operator, "application/xml", "<readings/>");
        assertEquals(415, xml.statusCode());
        assertTrue(xml.body().contains("expected application/json (an array), application/x-ndjson or text/csv"));

        var many = new StringBuilder("[");
        for (int i = 0; i < 13; i++) {
            many.append(i == 0 ? "" : ",").append(item(ApiHarness.M1, AEI, T0.plusSeconds(i), i, null));
        }
        var tooMany = api.post("/readings", operator, "application/json", many + "]");
        assertEquals(413, tooMany.statusCode());
        assertTrue(tooMany.body().contains("more than 12 items in one request"), tooMany.body());
        assertEquals(0, api.store.readingCount());
    }
}
