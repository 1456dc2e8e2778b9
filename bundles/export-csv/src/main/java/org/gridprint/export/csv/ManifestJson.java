package org.gridprint.export.csv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/** A minimal JSON writer for the export manifest: objects keep insertion order, numbers are exact decimals. */
final class ManifestJson {

    private ManifestJson() {
    }

    /** The manifest's {@code ledger_head}: batch id, hash, previous hash, commit time; null before the first batch. */
    static Map<String, Object> ledgerHead(Optional<LedgerEntry> head) {
        if (head.isEmpty()) {
            return null;
        }
        var h = head.get();
        var ledger = new LinkedHashMap<String, Object>();
        ledger.put("batch_id", h.batchId());
        ledger.put("hash", h.hash());
        ledger.put("previous_hash", h.previousHash());
        ledger.put("committed_at", Numbers.time(h.committedAt()));
        return ledger;
    }

    /** Values: null, String, Boolean, Long/Integer, BigDecimal, List, Map (String keys, insertion order). */
    static String write(Map<String, ?> root) {
        var out = new StringBuilder();
        value(out, root, "");
        return out.append('\n').toString();
    }

    private static void value(StringBuilder out, Object v, String indent) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            out.append(v);
        } else if (v instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            var inner = indent + "  ";
            var entries = new ArrayList<>(map.entrySet());
            for (var i = 0; i < entries.size(); i++) {
                out.append(inner);
                string(out, entries.get(i).getKey().toString());
                out.append(": ");
                value(out, entries.get(i).getValue(), inner);
                out.append(i + 1 < entries.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (v instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map<?, ?>)) {
            out.append("[\n");
            var inner = indent + "  ";
            for (var i = 0; i < list.size(); i++) {
                out.append(inner);
                value(out, list.get(i), inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (var i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                value(out, list.get(i), indent);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (var i = 0; i < s.length(); i++) {
            var c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
