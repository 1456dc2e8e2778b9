package org.gridprint.http.query;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.http.ApiServices;
import org.gridprint.http.HttpApiSettings;
import org.gridprint.http.web.ApiException;
import org.gridprint.http.web.Call;
import org.gridprint.http.web.JsonOut;

/**
 * GET /meters, /readings, /windows: read-only answers streamed as JSON from the registry and the stores (readers
 * never hold up ingest: the stores scan on their own connections). Long answers stop at {@code limit} rows and say
 * {@code "truncated": true}.
 */
public final class QueryEndpoints {

    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);

    private final ApiServices services;
    private final HttpApiSettings settings;
    private final ObjectMapper mapper;
    private final Clock clock;

    public QueryEndpoints(ApiServices services, HttpApiSettings settings, ObjectMapper mapper, Clock clock) {
        this.services = services;
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
    }

    public void meters(Call call) throws IOException {
        var registry = services.meters().orElseThrow(() -> ApiException.unavailable("no meter registry "
                + "(org.gridprint.api.MeterRegistry) is running"));
        var site = call.param("site");
        try (var g = JsonOut.start(call, mapper)) {
            g.writeStartObject();
            g.writeArrayFieldStart("meters");
            for (var m : registry.meters()) {
                if (site.isPresent() && !site.get().equals(m.siteId())) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("id", m.id());
                g.writeStringField("name", m.name());
                g.writeStringField("siteId", m.siteId());
                g.writeStringField("location", m.location());
                g.writeStringField("assetType", m.assetType());
                g.writeStringField("phase", m.phase());
                g.writeStringField("department", m.department());
                g.writeStringField("tenant", m.tenant());
                g.writeArrayFieldStart("tags");
                for (var t : m.tags()) {
                    g.writeString(t);
                }
                g.writeEndArray();
                if (m.parentId().isPresent()) {
                    g.writeStringField("parentId", m.parentId().get());
                }
                g.writeNumberField("counterRollover", m.counterRollover());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public void readings(Call call) throws IOException {
        var store = services.readings().orElseThrow(() -> ApiException.unavailable("no reading store "
                + "(org.gridprint.api.store.ReadingStore) is running"));
        var meter = call.required("meter", "a meter id (GET /api/v1/meters lists them)");
        var quantity = call.param("quantity").map(q -> Quantity.parse(q).orElseThrow(() -> ApiException.badRequest(
                "query parameter 'quantity' is '" + q + "'; expected one of " + Quantity.names())))
                .orElse(Quantity.ACTIVE_ENERGY_IMPORT);
        var to = call.time("to", clock.instant());
        var from = call.time("from", to.minus(DEFAULT_SPAN));
        Call.period(from, to);
        int limit = call.limit(settings.maxQueryRows(), settings.maxQueryRows());
        var registry = services.meters();
        if (registry.isPresent() && registry.get().meter(meter).isEmpty()) {
            throw new ApiException(404, "unknown meter id '" + meter + "'; expected a declared meter (GET /api/v1/meters)");
        }
        try (var g = JsonOut.start(call, mapper)) {
            g.writeStartObject();
            g.writeStringField("meter", meter);
            g.writeStringField("quantity", quantity.name());
            g.writeStringField("unit", quantity.canonicalUnit());
            g.writeStringField("from", from.toString());
            g.writeStringField("to", to.toString());
            g.writeArrayFieldStart("readings");
            var count = new int[1];
            store.scan(meter, quantity, from, to, r -> {
                if (count[0] >= limit) {
                    return false;
                }
                count[0]++;
                try {
                    g.writeStartObject();
                    g.writeStringField("timestamp", r.timestamp().toString());
                    g.writeNumberField("value", r.value());
                    g.writeStringField("quality", r.quality().name());
                    g.writeStringField("source", r.source());
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return true;
            });
            g.writeEndArray();
            g.writeNumberField("count", count[0]);
            g.writeBooleanField("truncated", count[0] >= limit);
            g.writeEndObject();
        }
    }

    /**
     * Emission windows (current versions) of both methods unless {@code method} says one, each with its factor
     * version, source and edition when a factor catalog runs.
     */
    public void windows(Call call) throws IOException {
        var store = services.windows().orElseThrow(() -> ApiException.unavailable("no emission window store "
                + "(org.gridprint.api.store.EmissionWindowStore) is running"));
        var to = call.time("to", clock.instant());
        var from = call.time("from", to.minus(DEFAULT_SPAN));
        Call.period(from, to);
        var meters = Set.copyOf(call.params("meter"));
        var site = call.param("site").orElse("");
        var scope = call.enumParam("scope", Scope.class);
        var method = call.enumParam("method", AccountingMethod.class);
        int limit = call.limit(settings.maxQueryRows(), settings.maxQueryRows());
        var catalog = services.factors();
        var factors = new HashMap<Long, Optional<FactorVersion>>();
        try (var g = JsonOut.start(call, mapper)) {
            g.writeStartObject();
            g.writeStringField("from", from.toString());
            g.writeStringField("to", to.toString());
            g.writeArrayFieldStart("windows");
            var count = new int[1];
            store.scanWindows(new WindowQuery(from, to, meters, site, scope, method), w -> {
                if (count[0] >= limit) {
                    return false;
                }
                count[0]++;
                try {
                    var f = w.factorRef() == 0 || catalog.isEmpty() ? Optional.<FactorVersion>empty()
                            : factors.computeIfAbsent(w.factorRef(), ref -> catalog.get().byRef(ref));
                    window(g, w, f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return true;
            });
            g.writeEndArray();
            g.writeNumberField("count", count[0]);
            g.writeBooleanField("truncated", count[0] >= limit);
            g.writeEndObject();
        }
    }

    static void window(JsonGenerator g, EmissionWindow w, Optional<FactorVersion> factor) throws IOException {
        g.writeStartObject();
        g.writeStringField("meter", w.meterId());
        g.writeStringField("site", w.siteId());
        g.writeStringField("quantity", w.quantity().name());
        g.writeStringField("unit", w.quantity().canonicalUnit());
        g.writeStringField("scope", w.scope().name());
        g.writeStringField("method", w.method().name());
        g.writeStringField("start", w.start().toString());
        g.writeStringField("end", w.end().toString());
        // exact decimals from the stored integers (nano units, micrograms): no binary rounding
        g.writeNumberField("amount", java.math.BigDecimal.valueOf(w.amountNano(), 9).stripTrailingZeros());
        g.writeNumberField("kgCo2e", java.math.BigDecimal.valueOf(w.co2eMicrograms(), 9).stripTrailingZeros());
        g.writeStringField("quality", w.quality().name());
        g.writeArrayFieldStart("flags");
        for (var f : w.flags().stream().map(Enum::name).sorted().toList()) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeBooleanField("counted", w.counted());
        g.writeNumberField("version", w.version());
        g.writeStringField("computedAt", w.computedAt().toString());
        g.writeNumberField("factorRef", w.factorRef());
        if (factor.isPresent()) {
            var f = factor.get();
            g.writeObjectFieldStart("factor");
            g.writeStringField("id", f.id());
            g.writeStringField("kind", f.kind().name());
            g.writeStringField("region", f.region());
            g.writeStringField("publishedValue", f.publishedValue().toPlainString());
            g.writeStringField("publishedUnit", f.publishedUnit());
            g.writeStringField("gramsPerUnit", f.gramsPerUnit().toPlainString());
            g.writeStringField("perUnit", f.perUnit());
            g.writeStringField("gwpSet", f.gwpSet());
            g.writeStringField("source", f.source());
            g.writeStringField("edition", f.edition());
            g.writeStringField("provider", f.provider());
            g.writeEndObject();
        }
        if (w.instrumentRef() != 0) {
            g.writeNumberField("instrumentRef", w.instrumentRef());
            g.writeNumberField("covered", java.math.BigDecimal.valueOf(w.coveredNano(), 9).stripTrailingZeros());
        }
        g.writeEndObject();
    }
}
