package org.gridprint.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.edge.OutboxEntry;

/**
 * The edge side of the wire format (docs/edge.md): a batch is the readings of consecutive outbox entries
 * {@code first..sequence} (the edge's ledger batch ids), an acknowledgement names the same range. Written and read
 * with Jackson.
 */
final class BatchWire {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** An acknowledgement of the central: entries {@code first..sequence} are stored there. */
    record Ack(String edge, long first, long sequence, long accepted, long duplicates, long refused) {
    }

    private BatchWire() {
    }

    static byte[] encode(String edge, List<OutboxEntry> entries) {
        var bytes = new ByteArrayOutputStream(256 + entries.size() * 16_000);
        try (var g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("edge", edge);
            g.writeNumberField("first", entries.get(0).id());
            g.writeNumberField("sequence", entries.get(entries.size() - 1).id());
            g.writeArrayFieldStart("readings");
            for (var e : entries) {
                for (var r : e.readings()) {
                    g.writeStartObject();
                    g.writeStringField("meter", r.meterId());
                    g.writeStringField("quantity", r.quantity().name());
                    g.writeNumberField("ts", r.timestamp().toEpochMilli());
                    g.writeNumberField("value", r.value());
                    g.writeStringField("quality", r.quality().name());
                    g.writeStringField("source", r.source());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException naming what is wrong with the acknowledgement */
    static Ack decodeAck(byte[] payload) {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("acknowledgement is not JSON");
        }
        if (n == null || !n.isObject() || !n.path("edge").isTextual() || !n.path("first").isIntegralNumber()
                || !n.path("sequence").isIntegralNumber()) {
            throw new IllegalArgumentException("acknowledgement must be an object with 'edge' (string), 'first' and "
                    + "'sequence' (integers)");
        }
        return new Ack(n.get("edge").asText(), n.get("first").asLong(), n.get("sequence").asLong(),
                n.path("accepted").asLong(), n.path("duplicates").asLong(), n.path("refused").asLong());
    }
}
