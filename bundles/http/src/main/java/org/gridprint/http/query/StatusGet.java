package org.gridprint.http.query;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.http.ApiServices;
import org.gridprint.http.HttpApiSettings;
import org.gridprint.http.web.ApiTotals;
import org.gridprint.http.web.Call;
import org.gridprint.http.web.JsonOut;

/** GET /status: the API's counters since it started, its limits, which services are present, ingest totals. */
public final class StatusGet {

    private final ApiServices services;
    private final HttpApiSettings settings;
    private final ApiTotals totals;
    private final ObjectMapper mapper;

    public StatusGet(ApiServices services, HttpApiSettings settings, ApiTotals totals, ObjectMapper mapper) {
        this.services = services;
        this.settings = settings;
        this.totals = totals;
        this.mapper = mapper;
    }

    public void handle(Call call) throws IOException {
        try (var g = JsonOut.start(call, mapper)) {
            g.writeStartObject();
            g.writeObjectFieldStart("answers");
            for (var e : totals.byStatus().entrySet()) {
                g.writeNumberField(Integer.toString(e.getKey()), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("readings");
            for (var e : totals.readings().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("limits");
            g.writeNumberField("maxBodyBytes", settings.maxBodyBytes());
            g.writeNumberField("maxItems", settings.maxItems());
            g.writeNumberField("requestsPerSecond", settings.requestsPerSecond());
            g.writeNumberField("burst", settings.burst());
            g.writeEndObject();
            g.writeObjectFieldStart("services");
            g.writeBooleanField("ingest", services.ingest().isPresent());
            g.writeBooleanField("meters", services.meters().isPresent());
            g.writeBooleanField("readings", services.readings().isPresent());
            g.writeBooleanField("windows", services.windows().isPresent());
            g.writeBooleanField("factors", services.factors().isPresent());
            g.writeBooleanField("export", services.exporter(ExportGet.FORMAT).isPresent());
            g.writeBooleanField("jobs", services.jobs().isPresent());
            g.writeBooleanField("utilityBills", services.bills().isPresent());
            g.writeBooleanField("tokens", services.tokens().isPresent());
            g.writeEndObject();
            if (services.ingest().isPresent()) {
                var s = services.ingest().get().statistics();
                g.writeObjectFieldStart("ingest");
                g.writeNumberField("batches", s.batches());
                g.writeNumberField("accepted", s.accepted());
                g.writeNumberField("duplicates", s.duplicates());
                g.writeNumberField("conflicts", s.conflicts());
                g.writeNumberField("invalid", s.invalid());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
