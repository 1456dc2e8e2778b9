package org.gridprint.http.query;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.http.web.ApiException;
import org.gridprint.http.web.Call;
import org.gridprint.http.web.JsonOut;

/**
 * GET /alarms: the active conditions ({@code state=active}, default) or the recent events ({@code state=recent},
 * newest first), filtered by {@code meter}, {@code kind}, {@code limit}.
 */
public final class AlarmsGet {

    private final AlarmBook book;
    private final ObjectMapper mapper;

    public AlarmsGet(AlarmBook book, ObjectMapper mapper) {
        this.book = book;
        this.mapper = mapper;
    }

    public void handle(Call call) throws IOException {
        var state = call.param("state").orElse("active").toLowerCase(Locale.ROOT);
        if (!state.equals("active") && !state.equals("recent")) {
            throw ApiException.badRequest("query parameter 'state' is '" + state + "'; expected active or recent");
        }
        var meter = call.param("meter");
        var kind = call.param("kind").map(k -> k.toUpperCase(Locale.ROOT));
        int limit = call.limit(200, AlarmBook.RECENT);
        try (var g = JsonOut.start(call, mapper)) {
            g.writeStartObject();
            g.writeStringField("state", state);
            g.writeArrayFieldStart("alarms");
            int n = 0;
            for (var e : state.equals("active") ? book.active() : book.recent()) {
                if ((meter.isPresent() && !e.meterIds().contains(meter.get()))
                        || (kind.isPresent() && !kind.get().equals(e.kind()))) {
                    continue;
                }
                if (n++ >= limit) {
                    break;
                }
                g.writeStartObject();
                g.writeStringField("kind", e.kind());
                g.writeStringField("state", e.state().isEmpty() ? "EVENT" : e.state());
                g.writeStringField("at", e.timestamp().toString());
                g.writeStringField("source", e.source());
                if (!e.deviceId().isEmpty()) {
                    g.writeStringField("device", e.deviceId());
                }
                g.writeArrayFieldStart("meters");
                for (var m : e.meterIds()) {
                    g.writeString(m);
                }
                g.writeEndArray();
                if (e.count() > 0) {
                    g.writeNumberField("count", e.count());
                }
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
