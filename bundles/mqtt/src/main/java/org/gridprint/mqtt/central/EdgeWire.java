package org.gridprint.mqtt.central;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * The edge-to-central wire format (docs/edge.md): batches on {@code <prefix><edge>/batch}, acknowledgements on
 * {@code <prefix><edge>/ack}, JSON parsed with Jackson. Values are in the quantity's canonical unit (the edge stored
 * them so), timestamps in epoch milliseconds.
 */
public final class EdgeWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeWire() {
    }

    /**
     * Decodes a batch message of topic edge {@code topicEdge}.
     *
     * @throws IllegalArgumentException naming the field (and item) that is wrong and what is expected
     */
    public static EdgeBatch decodeBatch(String topicEdge, byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("edge " + topicEdge + ": batch is not JSON (" + firstLine(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("edge " + topicEdge + ": batch must be a JSON object");
        }
        var edge = text(root, "edge", topicEdge, -1);
        if (!edge.equals(topicEdge)) {
            throw new IllegalArgumentException("edge " + topicEdge + ": field 'edge' is '" + edge
                    + "'; expected the edge id of the topic, '" + topicEdge + "'");
        }
        long first = number(root, "first", edge, -1);
        long sequence = number(root, "sequence", edge, -1);
        if (first < 1 || sequence < first) {
            throw new IllegalArgumentException("edge " + edge + ": fields 'first'/'sequence' are " + first + "/"
                    + sequence + "; expected 1 <= first <= sequence");
        }
        var items = root.get("readings");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("edge " + edge + " batch " + sequence + ": field 'readings' must be an "
                    + "array");
        }
        var readings = new ArrayList<Reading>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var it = items.get(i);
            if (!it.isObject()) {
                throw new IllegalArgumentException("edge " + edge + " batch " + sequence + ": item " + i
                        + " must be a JSON object");
            }
            var meter = text(it, "meter", edge, i);
            var quantity = enumOf(Quantity.class, text(it, "quantity", edge, i), "quantity", edge, i);
            long ts = number(it, "ts", edge, i);
            var v = it.get("value");
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException(where(edge, i) + "field 'value' must be a JSON number");
            }
            var quality = enumOf(Quality.class, text(it, "quality", edge, i), "quality", edge, i);
            readings.add(new Reading(meter, quantity, Instant.ofEpochMilli(ts), v.doubleValue(), quality,
                    text(it, "source", edge, i)));
        }
        return new EdgeBatch(edge, first, sequence, readings);
    }

    public static byte[] encodeAck(EdgeAck ack) {
        var node = JSON.createObjectNode();
        node.put("edge", ack.edge());
        node.put("first", ack.first());
        node.put("sequence", ack.sequence());
        node.put("accepted", ack.accepted());
        node.put("duplicates", ack.duplicates());
        node.put("refused", ack.refused());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(String edge, int item) {
        return "edge " + edge + (item >= 0 ? " item " + item : "") + ": ";
    }

    private static String text(JsonNode n, String field, String edge, int item) {
        var v = n.get(field);
        if (v == null || v.getNodeType() != JsonNodeType.STRING || v.asText().isEmpty()) {
            throw new IllegalArgumentException(where(edge, item) + "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field, String edge, int item) {
        var v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(where(edge, item) + "field '" + field + "' must be an integer");
        }
        return v.asLong();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, String edge, int item) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(edge, item) + "field '" + field + "' is '" + value
                    + "'; expected a " + type.getSimpleName() + " name");
        }
    }

    private static String firstLine(Exception e) {
        var m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
