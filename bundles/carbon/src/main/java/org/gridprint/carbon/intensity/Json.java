package org.gridprint.carbon.intensity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Field access on provider answers: a missing or wrong field is a MALFORMED answer naming the field. */
final class Json {

    private Json() {
    }

    static JsonNode array(JsonNode node, String field, String where) throws ProviderException {
        var a = node.get(field);
        if (a == null || !a.isArray()) {
            throw malformed(where, "no array '" + field + "'");
        }
        return a;
    }

    static Instant instant(JsonNode node, String field, String where) throws ProviderException {
        var v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw malformed(where, "no time '" + field + "'");
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(where, "'" + field + "' = '" + v.asText() + "' is not an ISO 8601 time");
        }
    }

    /** A number, or null when the field is absent or JSON null (a value not published yet). */
    static BigDecimal decimalOrNull(JsonNode node, String field, String where) throws ProviderException {
        var v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw malformed(where, "'" + field + "' = " + v + " is not a number");
        }
        var d = v.decimalValue();
        if (d.signum() < 0) {
            throw malformed(where, "'" + field + "' = " + v + " is negative");
        }
        return d;
    }

    static String text(JsonNode node, String field, String dflt) {
        var v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    static ProviderException malformed(String where, String what) {
        return new ProviderException(ProviderException.Cause.MALFORMED, where + ": unexpected answer: " + what);
    }
}
