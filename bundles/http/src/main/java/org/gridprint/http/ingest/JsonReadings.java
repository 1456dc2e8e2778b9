package org.gridprint.http.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import org.gridprint.api.Reading;
import org.gridprint.http.web.ApiException;

/**
 * Readings from a JSON array ({@code application/json}) or one JSON object per line ({@code application/x-ndjson}),
 * parsed with Jackson. Item fields: {@code meter}, {@code quantity}, {@code timestamp}, {@code value} (a JSON number),
 * optional {@code unit} (default: the quantity's canonical unit) and {@code quality}; other fields are ignored.
 * A body that is not JSON at all (array) is refused as a whole; in NDJSON a bad line is refused by its line number and
 * the other lines are kept.
 */
public final class JsonReadings {

    private final JsonLimits json;
    private final int maxItems;

    public JsonReadings(JsonLimits json, int maxItems) {
        this.json = json;
        this.maxItems = maxItems;
    }

    public List<ParsedItem> array(byte[] body, String source, Instant latest) {
        var items = new ArrayList<ParsedItem>();
        try (var parser = json.mapper().createParser(body)) {
            var first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("the body is empty; expected a JSON array of reading objects");
            }
            if (first != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("the body is a JSON " + kind(first) + "; expected a JSON array of "
                        + "reading objects (or Content-Type application/x-ndjson for one object per line)");
            }
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (index >= maxItems) {
                    throw tooMany();
                }
                JsonNode node = json.mapper().readTree(parser);
                items.add(item(index++, 0, node, source, latest));
            }
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("more JSON after the array at line " + parser.currentLocation()
                        .getLineNr() + "; expected one array");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(json.explain(e) + "; nothing of this request was stored");
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read as JSON; nothing of this request was stored");
        }
        return items;
    }

    public List<ParsedItem> ndjson(byte[] body, String source, Instant latest) {
        var items = new ArrayList<ParsedItem>();
        var text = new String(body, StandardCharsets.UTF_8);
        int lineNo = 0;
        int index = 0;
        for (var line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (index >= maxItems) {
                throw tooMany();
            }
            JsonNode node;
            try {
                node = json.mapper().readTree(line);
            } catch (JsonProcessingException e) {
                items.add(new ParsedItem.Refused(index++, lineNo, "", "", "line " + lineNo + ": "
                        + json.explain(e).replaceFirst(" at line 1,", " at") + "; expected one JSON object per line"));
                continue;
            }
            items.add(item(index++, lineNo, node, source, latest));
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("the body has no lines; expected one JSON reading object per line");
        }
        return items;
    }

    private ApiException tooMany() {
        return new ApiException(413, "more than " + maxItems + " items in one request; expected at most " + maxItems
                + " (org.gridprint.http maxItems); nothing of this request was stored");
    }

    static ParsedItem item(int index, int line, JsonNode node, String source, Instant latest) {
        if (node == null || !node.isObject()) {
            var kind = node == null ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
            return new ParsedItem.Refused(index, line, "", "", ReadingRules.where(index, line, "") + "item is a JSON "
                    + kind + "; expected an object {meter, quantity, timestamp, value, unit?, quality?}");
        }
        String meter = "";
        try {
            meter = ReadingRules.meter(text(node, "meter"));
            var quantity = ReadingRules.quantity(text(node, "quantity"));
            var unit = ReadingRules.unit(optionalText(node, "unit"), quantity);
            var timestamp = ReadingRules.timestamp(text(node, "timestamp"), latest);
            var valueNode = node.get("value");
            if (valueNode == null || !valueNode.isNumber()) {
                throw new FieldRefusal("value", valueNode == null ? "missing" : FieldRefusal.shown(valueNode.toString()),
                        "a JSON number");
            }
            var value = ReadingRules.value(valueNode.doubleValue(), valueNode.toString(), unit);
            var quality = ReadingRules.quality(optionalText(node, "quality"));
            return new ParsedItem.Good(index, line, new Reading(meter, quantity, timestamp, value, quality, source));
        } catch (FieldRefusal r) {
            return new ParsedItem.Refused(index, line, meter, r.field, ReadingRules.where(index, line, meter)
                    + r.getMessage());
        }
    }

    /** A required string field: a non-string is shown as what it is, so the reason says "expected ...". */
    private static String text(JsonNode node, String field) throws FieldRefusal {
        var f = node.get(field);
        if (f == null || f.isNull()) {
            return null;
        }
        if (!f.isTextual()) {
            throw new FieldRefusal(field, FieldRefusal.shown(f.toString()) + " (a JSON " + f.getNodeType().name()
                    .toLowerCase(Locale.ROOT) + ")", "a JSON string");
        }
        return f.textValue();
    }

    private static String optionalText(JsonNode node, String field) throws FieldRefusal {
        return text(node, field);
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }
}
