package org.gridprint.mqtt;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.UtilityBill;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Job stamps and utility bills as JSON (parsed with Jackson): one object or an array of objects. Every item is
 * checked on its own; a bad item becomes an {@link ItemError} (0-based index, the item in the field's words, the
 * field, what was expected), the good ones are kept with their index so the service's own errors can be mapped back.
 * <ul>
 * <li>stamp: {@code {"machine", "job", "kind": "START"|"STOP", "at": ISO-8601 with offset, "product"?, "quantity"?}}</li>
 * <li>bill: {@code {"site", "account"?, "supplier"?, "from": "2026-11-01", "to": "2026-11-30", "kwh", "cost"?,
 * "currency"?}} (kwh and cost as JSON numbers or decimal strings, kept exact)</li>
 * </ul>
 */
final class AllocationJson {

    /** Items at their message positions, and the refused ones. */
    record Parsed<T>(List<T> items, List<Integer> positions, List<ItemError> errors) {
    }

    private static final int MAX_ITEMS = 10_000;
    private final ObjectMapper mapper;

    AllocationJson(int maxBytes) {
        mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(maxBytes).maxNumberLength(64).build()).build());
    }

    /** @throws IllegalArgumentException the message as a whole (not JSON, not objects, too many) */
    Parsed<JobStamp> stamps(byte[] payload, String source) {
        var items = new ArrayList<JobStamp>();
        var positions = new ArrayList<Integer>();
        var errors = new ArrayList<ItemError>();
        var nodes = nodes(payload);
        for (int i = 0; i < nodes.size(); i++) {
            var n = nodes.get(i);
            var job = n.path("job").asText("");
            var what = "job " + (job.isEmpty() ? "?" : job) + " " + n.path("kind").asText("?").toLowerCase(Locale.ROOT);
            try {
                if (!n.isObject()) {
                    throw new Refusal("", "expected a JSON object");
                }
                var machine = requiredText(n, "machine");
                requiredText(n, "job");
                var kindText = requiredText(n, "kind").toUpperCase(Locale.ROOT);
                JobStamp.Kind kind;
                try {
                    kind = JobStamp.Kind.valueOf(kindText);
                } catch (IllegalArgumentException e) {
                    throw new Refusal("kind", "is '" + n.get("kind").asText() + "'; expected START or STOP");
                }
                var at = instant(n, "at");
                var product = optionalText(n, "product");
                double quantity = 0;
                if (n.hasNonNull("quantity")) {
                    if (!n.get("quantity").isNumber() || !Double.isFinite(n.get("quantity").asDouble())
                            || n.get("quantity").asDouble() < 0) {
                        throw new Refusal("quantity", "is '" + n.get("quantity").asText() + "'; expected a number "
                                + ">= 0");
                    }
                    quantity = n.get("quantity").asDouble();
                }
                items.add(new JobStamp(machine, job, kind, at, product, quantity, source));
                positions.add(i);
            } catch (Refusal r) {
                errors.add(new ItemError(i, what, r.field, (r.field.isEmpty() ? "" : "field '" + r.field + "' ")
                        + r.getMessage()));
            }
        }
        return new Parsed<>(items, positions, errors);
    }

    /** @throws IllegalArgumentException the message as a whole */
    Parsed<UtilityBill> bills(byte[] payload) {
        var items = new ArrayList<UtilityBill>();
        var positions = new ArrayList<Integer>();
        var errors = new ArrayList<ItemError>();
        var nodes = nodes(payload);
        for (int i = 0; i < nodes.size(); i++) {
            var n = nodes.get(i);
            var what = "bill " + n.path("site").asText("?") + "/" + n.path("account").asText("") + " from "
                    + n.path("from").asText("?");
            try {
                if (!n.isObject()) {
                    throw new Refusal("", "expected a JSON object");
                }
                var site = requiredText(n, "site");
                var from = date(n, "from");
                var to = date(n, "to");
                if (to.isBefore(from)) {
                    throw new Refusal("to", "is " + to + ", before from " + from + "; expected the last day billed");
                }
                var kwh = decimal(n, "kwh", true);
                if (kwh.signum() < 0) {
                    throw new Refusal("kwh", "is " + kwh.toPlainString() + "; expected >= 0");
                }
                var cost = decimal(n, "cost", false);
                var currency = optionalText(n, "currency");
                if (!currency.isEmpty() && !currency.matches("[A-Z]{3}")) {
                    throw new Refusal("currency", "is '" + currency + "'; expected an ISO 4217 code such as USD");
                }
                items.add(new UtilityBill(site, optionalText(n, "account"), optionalText(n, "supplier"), from, to, kwh,
                        cost, currency));
                positions.add(i);
            } catch (Refusal r) {
                errors.add(new ItemError(i, what, r.field, (r.field.isEmpty() ? "" : "field '" + r.field + "' ")
                        + r.getMessage()));
            }
        }
        return new Parsed<>(items, positions, errors);
    }

    private List<JsonNode> nodes(byte[] payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            var m = String.valueOf(e.getMessage());
            var nl = m.indexOf('\n');
            throw new IllegalArgumentException("not valid JSON (" + (nl < 0 ? m : m.substring(0, nl)) + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("empty message; expected a JSON object or array of objects");
        }
        var nodes = new ArrayList<JsonNode>();
        if (root.isObject()) {
            nodes.add(root);
        } else if (root.isArray()) {
            if (root.size() > MAX_ITEMS) {
                throw new IllegalArgumentException("array of " + root.size() + " items; expected at most " + MAX_ITEMS);
            }
            root.forEach(nodes::add);
        } else {
            throw new IllegalArgumentException("expected a JSON object or array of objects");
        }
        return nodes;
    }

    private static String requiredText(JsonNode n, String field) {
        var v = n.get(field);
        if (v == null || v.isNull()) {
            throw new Refusal(field, "is missing");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Refusal(field, "is '" + v.asText() + "'; expected a non-empty string");
        }
        return v.asText().trim();
    }

    private static String optionalText(JsonNode n, String field) {
        var v = n.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new Refusal(field, "is '" + v.asText() + "'; expected a string");
        }
        return v.asText().trim();
    }

    private static Instant instant(JsonNode n, String field) {
        var text = requiredText(n, field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(field, "is '" + text + "'; expected ISO-8601 with an offset, e.g. 2026-11-03T06:00:00Z");
        }
    }

    private static LocalDate date(JsonNode n, String field) {
        var text = requiredText(n, field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(field, "is '" + text + "'; expected a date yyyy-mm-dd");
        }
    }

    private static BigDecimal decimal(JsonNode n, String field, boolean required) {
        var v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Refusal(field, "is missing");
            }
            return BigDecimal.ZERO;
        }
        try {
            if (v.isNumber()) {
                return v.decimalValue();
            }
            if (v.isTextual()) {
                return new BigDecimal(v.asText().trim());
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Refusal(field, "is '" + v.asText() + "'; expected a decimal number");
    }

    /** One refused item: the field and what was wrong. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        Refusal(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
