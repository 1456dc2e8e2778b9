package org.gridprint.mqtt;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Unit;

/**
 * Parses the JSON ingest payload (bundle README, "Payload") with Jackson: one object or an array of objects
 * {@code {meter, quantity, unit, timestamp, value, quality?, metadata?{location, assetType, phase}}}. Each item is
 * checked on its own; a bad item becomes a {@link PayloadItem.Refused} naming the field and what was expected, the
 * others are kept. Values are converted to the quantity's canonical unit with {@link Unit#toCanonical(double)}.
 */
public final class PayloadParser {

    /** Outcome of a whole message. */
    public sealed interface Result {
        record Items(List<PayloadItem> items) implements Result {
            public Items {
                items = List.copyOf(items);
            }
        }

        /** The message as a whole cannot be read (too large, not JSON, not an object or array). */
        record Unreadable(String reason) implements Result {
        }
    }

    static final Set<String> PHASES = Set.of("L1", "L2", "L3", "N", "TOTAL");
    private static final int MAX_ITEMS = 10_000;

    private final ObjectMapper mapper;
    private final int maxBytes;

    public PayloadParser(int maxBytes) {
        this.maxBytes = maxBytes;
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(maxBytes)
                        .maxNumberLength(64).build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public Result parse(byte[] payload, String source) {
        if (payload.length > maxBytes) {
            return new Result.Unreadable("message of " + payload.length + " bytes is larger than maxMessageBytes "
                    + maxBytes);
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            return new Result.Unreadable("not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || root.isMissingNode()) {
            return new Result.Unreadable("empty message; expected a JSON object or array of objects");
        }
        var items = new ArrayList<PayloadItem>();
        if (root.isObject()) {
            items.add(item(0, root, source));
        } else if (root.isArray()) {
            if (root.size() > MAX_ITEMS) {
                return new Result.Unreadable("array of " + root.size() + " items; expected at most " + MAX_ITEMS);
            }
            for (int i = 0; i < root.size(); i++) {
                items.add(item(i, root.get(i), source));
            }
        } else {
            return new Result.Unreadable("JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                    + "; expected an object or an array of objects");
        }
        return new Result.Items(items);
    }

    private static PayloadItem item(int index, JsonNode node, String source) {
        if (!node.isObject()) {
            return new PayloadItem.Refused(index, "", "item is a JSON " + node.getNodeType().name()
                    .toLowerCase(Locale.ROOT) + "; expected an object");
        }
        var meterNode = node.get("meter");
        if (meterNode == null || !meterNode.isTextual() || meterNode.asText().isBlank()) {
            return refused(index, "", "meter", meterNode, "a non-empty string (the meter id)");
        }
        var meter = meterNode.asText().trim();
        var quantityNode = node.get("quantity");
        var quantity = quantityNode != null && quantityNode.isTextual()
                ? Quantity.parse(quantityNode.asText()).orElse(null) : null;
        if (quantity == null) {
            return refused(index, meter, "quantity", quantityNode, "one of " + Quantity.names());
        }
        var unitNode = node.get("unit");
        var unit = unitNode != null && unitNode.isTextual() ? Unit.parse(unitNode.asText()).orElse(null) : null;
        if (unit == null) {
            return refused(index, meter, "unit", unitNode, "a unit symbol such as kWh, Wh, kW, V, A, m3");
        }
        if (!quantity.accepts(unit)) {
            return refused(index, meter, "unit", unitNode, "a unit convertible to " + quantity.canonicalUnit()
                    + " for " + quantity.name());
        }
        var timeNode = node.get("timestamp");
        var timestamp = timeNode != null && timeNode.isTextual() ? instant(timeNode.asText()) : null;
        if (timestamp == null) {
            return refused(index, meter, "timestamp", timeNode, "an ISO-8601 UTC time such as 2026-03-01T10:15:00Z");
        }
        var valueNode = node.get("value");
        if (valueNode == null || !valueNode.isNumber()) {
            return refused(index, meter, "value", valueNode, "a JSON number");
        }
        var value = unit.toCanonical(valueNode.asDouble());
        if (!Double.isFinite(value)) {
            return refused(index, meter, "value", valueNode, "a finite number");
        }
        var quality = Quality.GOOD;
        var qualityNode = node.get("quality");
        if (qualityNode != null && !qualityNode.isNull()) {
            quality = qualityNode.isTextual() ? quality(qualityNode.asText()) : null;
            if (quality == null) {
                return refused(index, meter, "quality", qualityNode, "GOOD, ESTIMATED, SUSPECT or BAD");
            }
        }
        var metadata = PayloadItem.Metadata.NONE;
        var metaNode = node.get("metadata");
        if (metaNode != null && !metaNode.isNull()) {
            if (!metaNode.isObject()) {
                return refused(index, meter, "metadata", metaNode, "an object {location, assetType, phase}");
            }
            for (var field : new String[] {"location", "assetType", "phase"}) {
                var f = metaNode.get(field);
                if (f != null && !f.isNull() && !f.isTextual()) {
                    return refused(index, meter, "metadata." + field, f, "a string");
                }
            }
            var phase = text(metaNode, "phase").toUpperCase(Locale.ROOT);
            if (!phase.isEmpty() && !PHASES.contains(phase)) {
                return refused(index, meter, "metadata.phase", metaNode.get("phase"), "one of L1, L2, L3, N, TOTAL");
            }
            metadata = new PayloadItem.Metadata(text(metaNode, "location"), text(metaNode, "assetType"), phase);
        }
        return new PayloadItem.Parsed(index, new Reading(meter, quantity, timestamp, value, quality, source),
                metadata);
    }

    private static String text(JsonNode node, String field) {
        var f = node.get(field);
        return f == null || f.isNull() ? "" : f.asText().trim();
    }

    private static Quality quality(String text) {
        try {
            return Quality.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static PayloadItem.Refused refused(int index, String meter, String field, JsonNode value, String expected) {
        var shown = value == null ? "missing" : "'" + abbreviate(value.isTextual() ? value.asText() : value.toString()) + "'";
        return new PayloadItem.Refused(index, meter, "item " + index + (meter.isEmpty() ? "" : " (meter " + meter + ")")
                + ": field '" + field + "' is " + shown + "; expected " + expected);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        var nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }
}
