package org.gridprint.http.allocation;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.gridprint.http.ingest.JsonLimits;
import org.gridprint.http.web.ApiException;

/** A JSON array of flat objects (stamps, bills) and the typed field getters, with refusals naming the field. */
final class JsonItems {

    /** A field is not usable. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        Bad(String field, JsonNode value, String expected) {
            super("field '" + field + "' is " + (value == null || value.isNull() ? "missing" : "'"
                    + abbreviate(value.isTextual() ? value.textValue() : value.toString()) + "'") + "; expected "
                    + expected, null, false, false);
            this.field = field;
        }
    }

    private JsonItems() {
    }

    static List<JsonNode> array(JsonLimits json, byte[] body, int maxItems, String what) {
        JsonNode root;
        try {
            root = json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(json.explain(e) + "; nothing of this request was stored");
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read as JSON; nothing of this request was stored");
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw ApiException.badRequest("the body is " + (root == null || root.isMissingNode() ? "empty"
                    : "a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)) + "; expected a JSON array of "
                    + what + " objects (or Content-Type text/csv)");
        }
        if (root.size() > maxItems) {
            throw new ApiException(413, root.size() + " items in one request; expected at most " + maxItems
                    + " (org.gridprint.http maxItems); nothing of this request was stored");
        }
        var out = new ArrayList<JsonNode>(root.size());
        root.forEach(out::add);
        return out;
    }

    static String text(JsonNode item, String field, boolean required) throws Bad {
        var f = item.get(field);
        if (f == null || f.isNull()) {
            if (required) {
                throw new Bad(field, f, "a non-empty string");
            }
            return "";
        }
        if (!f.isTextual() || (required && f.textValue().isBlank())) {
            throw new Bad(field, f, "a " + (required ? "non-empty " : "") + "JSON string");
        }
        return f.textValue().trim();
    }

    static Instant instant(JsonNode item, String field) throws Bad {
        var t = text(item, field, true);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new Bad(field, item.get(field), "an ISO-8601 time with zone such as 2026-12-01T08:00:00Z");
            }
        }
    }

    static LocalDate date(JsonNode item, String field) throws Bad {
        var t = text(item, field, true);
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new Bad(field, item.get(field), "a date such as 2026-11-30");
        }
    }

    static BigDecimal decimal(JsonNode item, String field, boolean required) throws Bad {
        var f = item.get(field);
        if (f == null || f.isNull()) {
            if (required) {
                throw new Bad(field, f, "a decimal number");
            }
            return BigDecimal.ZERO;
        }
        try {
            if (f.isNumber()) {
                return f.decimalValue();
            }
            if (f.isTextual()) {
                return new BigDecimal(f.textValue().trim());
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Bad(field, f, "a decimal number (JSON number or string such as \"1234.5\")");
    }

    static String abbreviate(String s) {
        var t = s.length() <= 60 ? s : s.substring(0, 57) + "...";
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
