package org.gridprint.mqtt;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.store.RegisterRecord;

/**
 * The JSON of published messages (bundle README, "Published messages"), written with Jackson: emission windows of
 * one meter, and alarms.
 */
public final class OutboundJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutboundJson() {
    }

    /**
     * {@code {"meter": ..., "windows": [...]}}, each window with its amounts (exact integers and display values),
     * quality, flags, version and the factor version applied ({@code factor.ref}, and key/version/reason when the
     * record register resolves the ref).
     */
    public static byte[] windows(String meterId, List<EmissionWindow> windows,
            java.util.function.LongFunction<Optional<RegisterRecord>> factors) {
        var list = new ArrayList<Map<String, Object>>();
        for (var w : windows) {
            var m = new LinkedHashMap<String, Object>();
            m.put("site", w.siteId());
            m.put("quantity", w.quantity().name());
            m.put("unit", w.quantity().canonicalUnit());
            m.put("scope", w.scope().name());
            m.put("method", w.method().name());
            m.put("start", w.start().toString());
            m.put("end", w.end().toString());
            m.put("amountNano", w.amountNano());
            m.put("amount", w.amount());
            m.put("co2eMicrograms", w.co2eMicrograms());
            m.put("kgCo2e", w.kgCo2e());
            m.put("coveredNano", w.coveredNano());
            m.put("quality", w.quality().name());
            m.put("flags", w.flags().stream().map(Enum::name).sorted().toList());
            m.put("version", w.version());
            m.put("computedAt", w.computedAt().toString());
            var factor = new LinkedHashMap<String, Object>();
            factor.put("ref", w.factorRef());
            if (w.factorRef() > 0) {
                factors.apply(w.factorRef()).ifPresent(r -> {
                    factor.put("key", r.key());
                    factor.put("version", r.version());
                    factor.put("record", r.text());
                });
            }
            m.put("factor", factor);
            if (w.instrumentRef() > 0) {
                m.put("instrumentRef", w.instrumentRef());
            }
            list.add(m);
        }
        var root = new LinkedHashMap<String, Object>();
        root.put("meter", meterId);
        root.put("windows", list);
        return write(root);
    }

    /** The alarm event's properties as a JSON object (arrays as arrays, times as ISO-8601 plus epoch millis). */
    public static byte[] alarm(Map<String, Object> properties) {
        var root = new TreeMap<String, Object>();
        for (var e : properties.entrySet()) {
            if (e.getKey().startsWith("event.") || e.getKey().startsWith("service.")) {
                continue;
            }
            var v = e.getValue();
            if (v != null && v.getClass().isArray()) {
                var items = new ArrayList<Object>();
                for (int i = 0; i < Array.getLength(v); i++) {
                    items.add(String.valueOf(Array.get(v, i)));
                }
                v = items;
            } else if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
                v = v.toString();
            }
            root.put(e.getKey(), v);
        }
        if (root.get("timestamp") instanceof Long millis) {
            root.put("time", Instant.ofEpochMilli(millis).toString());
        }
        return write(root);
    }

    private static byte[] write(Object o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of a published message: " + e.getMessage(), e);
        }
    }
}
