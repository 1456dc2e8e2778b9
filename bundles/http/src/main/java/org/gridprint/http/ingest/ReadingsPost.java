package org.gridprint.http.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.IngestResult;
import org.gridprint.http.ApiServices;
import org.gridprint.http.HttpApiSettings;
import org.gridprint.http.web.ApiException;
import org.gridprint.http.web.Call;
import org.gridprint.http.web.Reply;

/**
 * POST /readings: the body by its Content-Type (JSON array, NDJSON, CSV) into items; the good items into ONE
 * {@link org.gridprint.api.IngestService#submit} with source {@code http/<user>} (shared with the user's concurrent
 * requests: {@link IngestCoalescer}); the per-item report back.
 * Storage is idempotent on (meter, quantity, timestamp): a resubmission stores nothing twice.
 */
public final class ReadingsPost {

    private final ApiServices services;
    private final HttpApiSettings settings;
    private final JsonReadings json;
    private final CsvReadings csv;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final IngestReport.Counter counter;
    private final IngestCoalescer coalescer;

    public ReadingsPost(ApiServices services, HttpApiSettings settings, JsonLimits limits, ObjectMapper mapper,
            Clock clock, IngestReport.Counter counter) {
        this.services = services;
        this.settings = settings;
        this.json = new JsonReadings(limits, settings.maxItems());
        this.csv = new CsvReadings(settings.maxItems());
        this.mapper = mapper;
        this.clock = clock;
        this.counter = counter;
        this.coalescer = new IngestCoalescer(Math.max(settings.maxItems(), 10_000));
    }

    public Reply handle(Call call, byte[] body) {
        var ingest = services.ingest().orElseThrow(() -> ApiException.unavailable("no ingest service "
                + "(org.gridprint.api.IngestService) is running; nothing was stored, send the readings again later"));
        var source = "http/" + call.caller().user();
        Instant latest = clock.instant().plusSeconds(settings.maxFutureSeconds());
        List<ParsedItem> items = switch (call.mediaType()) {
            case "application/json" -> json.array(body, source, latest);
            case "application/x-ndjson", "application/jsonl", "application/json-seq" -> json.ndjson(body, source,
                    latest);
            case "text/csv" -> csv.parse(body, source, latest);
            default -> throw new ApiException(415, "Content-Type '" + call.mediaType() + "' is not "
                    + "accepted for /readings; expected application/json (an array), application/x-ndjson or "
                    + "text/csv");
        };
        var good = IngestReport.good(items);
        IngestResult result = null;
        if (!good.isEmpty()) {
            try {
                result = coalescer.submit(ingest, source, good);
            } catch (IllegalStateException e) {
                throw ApiException.unavailable("the store did not take the readings: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        return IngestReport.reply(mapper, items, result, counter);
    }
}
