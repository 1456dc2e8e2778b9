package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.edge.OutboxEntry;
import org.gridprint.mqtt.central.EdgeAck;
import org.gridprint.mqtt.central.EdgeWire;
import org.junit.jupiter.api.Test;

/** The edge's encoding read by the central's decoder (two implementations of docs/edge.md's format). */
class BatchWireTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00.250Z");

    @Test
    void aBatchOfTwoEntriesIsReadBackByTheCentralInOrder() throws Exception {
        var a = new Reading("hq/m1", Quantity.ACTIVE_ENERGY_IMPORT, T, 18234.5, Quality.GOOD, "modbus/p3");
        var b = new Reading("hq/m2", Quantity.ACTIVE_POWER, T.plusSeconds(1), -0.125, Quality.ESTIMATED, "bacnet/x");
        var c = new Reading("hq/m1", Quantity.ACTIVE_ENERGY_IMPORT, T.plusSeconds(2), 1e-9, Quality.SUSPECT, "s");
        var bytes = BatchWire.encode("plant-7", List.of(new OutboxEntry(12, T, List.of(a, b)),
                new OutboxEntry(15, T, List.of(c))));
        var tree = new ObjectMapper().readTree(bytes);
        assertEquals(12, tree.get("first").asLong());
        assertEquals(15, tree.get("sequence").asLong());
        // by hand: 1970..2025 = 56 years with 14 leap days = 20,454 days, Jan..Nov 2026 = 334 days: 20,788 days
        // = 1,796,083,200 s, plus 10 h = 1,796,119,200 s, plus 250 ms
        assertEquals(1796119200250L, tree.get("readings").get(0).get("ts").asLong(), "epoch ms of T");
        var batch = EdgeWire.decodeBatch("plant-7", bytes);
        assertEquals(List.of(a, b, c), batch.readings());
        assertEquals(12, batch.first());
        assertEquals(15, batch.sequence());
    }

    @Test
    void theCentralRefusesAWrongEdgeAndNamesTheField() {
        var bytes = BatchWire.encode("plant-7", List.of(new OutboxEntry(1, T, List.of(new Reading("m",
                Quantity.ACTIVE_ENERGY_IMPORT, T, 1, Quality.GOOD, "s")))));
        var e = assertThrows(IllegalArgumentException.class, () -> EdgeWire.decodeBatch("plant-8", bytes));
        assertTrue(e.getMessage().contains("field 'edge' is 'plant-7'"), e.getMessage());
        var bad = "{\"edge\":\"e\",\"first\":1,\"sequence\":1,\"readings\":[{\"meter\":\"m\",\"quantity\":\"NOPE\","
                + "\"ts\":1,\"value\":1,\"quality\":\"GOOD\",\"source\":\"s\"}]}";
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> EdgeWire.decodeBatch("e", bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e2.getMessage().contains("item 0") && e2.getMessage().contains("field 'quantity' is 'NOPE'"),
                e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> EdgeWire.decodeBatch("e", "not json".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e3.getMessage().contains("not JSON"), e3.getMessage());
    }

    @Test
    void theCentralsAckIsReadByTheEdge() {
        var ack = BatchWire.decodeAck(EdgeWire.encodeAck(new EdgeAck("plant-7", 12, 15, 2, 1, 0)));
        assertEquals(new BatchWire.Ack("plant-7", 12, 15, 2, 1, 0), ack);
        assertThrows(IllegalArgumentException.class, () -> BatchWire.decodeAck("{\"edge\":1}".getBytes(
                StandardCharsets.UTF_8)));
    }
}
