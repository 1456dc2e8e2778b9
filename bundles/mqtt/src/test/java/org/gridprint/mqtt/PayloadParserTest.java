package org.gridprint.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.junit.jupiter.api.Test;

class PayloadParserTest {

    final PayloadParser parser = new PayloadParser(4096);

    PayloadParser.Result parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), "mqtt/t");
    }

    @Test
    void aSingleObjectWithQualityAndMetadataIsConverted() {
        var r = assertInstanceOf(PayloadParser.Result.Items.class, parse("{\"meter\":\"m1\",\"quantity\":\"active-power\","
                + "\"unit\":\"W\",\"timestamp\":\"2026-03-01T10:15:00+01:00\",\"value\":2500,\"quality\":\"estimated\","
                + "\"metadata\":{\"location\":\"B1/L2\",\"assetType\":\"AHU\",\"phase\":\"l2\"}}"));
        var item = assertInstanceOf(PayloadItem.Parsed.class, r.items().get(0));
        assertEquals(Quantity.ACTIVE_POWER, item.reading().quantity());
        assertEquals(2.5, item.reading().value(), 1e-12); // 2500 W = 2.5 kW
        assertEquals(Instant.parse("2026-03-01T09:15:00Z"), item.reading().timestamp());
        assertEquals(Quality.ESTIMATED, item.reading().quality());
        assertEquals(new PayloadItem.Metadata("B1/L2", "AHU", "L2"), item.metadata());
        assertEquals("mqtt/t", item.reading().source());
    }

    @Test
    void eachBadItemNamesItsFieldAndTheGoodOnesStay() {
        var r = assertInstanceOf(PayloadParser.Result.Items.class, parse("[1,"
                + "{\"meter\":\"m1\",\"quantity\":\"VOLTAGE\",\"unit\":\"kV\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"value\":0.4},"
                + "{\"meter\":\"m1\",\"quantity\":\"HEAT\",\"unit\":\"kWh\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"value\":1},"
                + "{\"meter\":\"m1\",\"quantity\":\"VOLTAGE\",\"unit\":\"V\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"value\":1,"
                + "\"metadata\":{\"phase\":\"L4\"}},"
                + "{\"quantity\":\"VOLTAGE\"}]"));
        assertEquals(5, r.items().size());
        assertTrue(((PayloadItem.Refused) r.items().get(0)).reason().contains("expected an object"));
        assertEquals(400.0, ((PayloadItem.Parsed) r.items().get(1)).reading().value(), 1e-9);
        assertTrue(((PayloadItem.Refused) r.items().get(2)).reason().contains("field 'quantity' is 'HEAT'"));
        assertTrue(((PayloadItem.Refused) r.items().get(3)).reason().contains("field 'metadata.phase' is 'L4'"));
        assertTrue(((PayloadItem.Refused) r.items().get(4)).reason().contains("field 'meter' is missing"));
    }

    @Test
    void oversizedOrNonJsonMessagesAreRefusedWhole() {
        assertTrue(assertInstanceOf(PayloadParser.Result.Unreadable.class, parse("x".repeat(5000))).reason()
                .contains("larger than maxMessageBytes 4096"));
        assertTrue(assertInstanceOf(PayloadParser.Result.Unreadable.class, parse("42")).reason()
                .contains("expected an object or an array"));
        assertTrue(assertInstanceOf(PayloadParser.Result.Unreadable.class, parse("{\"meter\":")).reason()
                .startsWith("not valid JSON"));
    }
}
