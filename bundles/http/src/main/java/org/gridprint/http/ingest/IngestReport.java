package org.gridprint.http.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.Reading;
import org.gridprint.http.web.Reply;

/**
 * The answer to POST /readings: one outcome per item in body order ({@code stored}, {@code duplicate},
 * {@code conflict}, {@code refused} with the field and reason), the counts, and the ledger batch. Status 200 when
 * every item was stored or already held, 400 when any item was refused (the good items are stored all the same),
 * 409 when none was refused but some conflict with a stored value (quarantined, never overwritten).
 */
public final class IngestReport {

    /** Counts of one request. */
    public record Counts(int items, int stored, int duplicate, int conflict, int refused) {
    }

    private IngestReport() {
    }

    /**
     * @param items  the parsed items, in body order
     * @param result ingest's result for the good items, in the same order (null when there were none)
     */
    public static Reply reply(ObjectMapper mapper, List<ParsedItem> items, IngestResult result, Counter counter) {
        var outcomes = result == null ? List.<IngestOutcome>of() : result.outcomes();
        int stored = 0;
        int duplicate = 0;
        int conflict = 0;
        int refused = 0;
        var out = new ByteArrayOutputStream(128 + items.size() * 64);
        try (var g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            int next = 0;
            for (var item : items) {
                g.writeStartObject();
                g.writeNumberField("index", item.index());
                if (item.line() > 0) {
                    g.writeNumberField("line", item.line());
                }
                if (!item.meter().isEmpty()) {
                    g.writeStringField("meter", item.meter());
                }
                if (item instanceof ParsedItem.Refused r) {
                    refused++;
                    g.writeStringField("outcome", "refused");
                    if (!r.field().isEmpty()) {
                        g.writeStringField("field", r.field());
                    }
                    g.writeStringField("reason", r.reason());
                } else {
                    var outcome = outcomes.get(next++);
                    var where = ReadingRules.where(item.index(), item.line(), item.meter());
                    if (outcome instanceof IngestOutcome.Accepted) {
                        stored++;
                        g.writeStringField("outcome", "stored");
                    } else if (outcome instanceof IngestOutcome.Duplicate) {
                        duplicate++;
                        g.writeStringField("outcome", "duplicate");
                    } else if (outcome instanceof IngestOutcome.Conflict c) {
                        conflict++;
                        g.writeStringField("outcome", "conflict");
                        g.writeNumberField("storedValue", c.storedValue());
                        g.writeStringField("reason", where + c.reason());
                    } else if (outcome instanceof IngestOutcome.Invalid i) {
                        refused++;
                        g.writeStringField("outcome", "refused");
                        g.writeStringField("field", field(i));
                        g.writeStringField("reason", where + i.reason());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            var counts = new Counts(items.size(), stored, duplicate, conflict, refused);
            g.writeObjectFieldStart("counts");
            g.writeNumberField("items", counts.items());
            g.writeNumberField("stored", counts.stored());
            g.writeNumberField("duplicate", counts.duplicate());
            g.writeNumberField("conflict", counts.conflict());
            g.writeNumberField("refused", counts.refused());
            g.writeEndObject();
            if (result != null && result.ledgerEntry().isPresent()) {
                var e = result.ledgerEntry().get();
                g.writeObjectFieldStart("ledger");
                g.writeNumberField("batch", e.batchId());
                g.writeStringField("hash", e.hash());
                g.writeEndObject();
            }
            int status = refused > 0 ? 400 : conflict > 0 ? 409 : 200;
            g.writeStringField("result", status == 200 ? "ok" : status == 400 ? "refused items" : "conflicts");
            g.writeEndObject();
            g.flush();
            counter.count(counts);
            return Reply.json(status, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field ingest's reason concerns, from its words (ingest names no field itself). */
    static String field(IngestOutcome.Invalid i) {
        var all = i.reason().toLowerCase(java.util.Locale.ROOT);
        var colon = all.indexOf(": ");
        var r = colon < 0 ? all : all.substring(colon + 2);
        if (r.contains("meter id")) {
            return "meter";
        }
        if (r.contains("timestamp")) {
            return "timestamp";
        }
        if (r.contains("source")) {
            return "source";
        }
        return "value";
    }

    /** Where the counts of each request go (the API's totals). */
    @FunctionalInterface
    public interface Counter {
        void count(Counts counts);
    }

    /** The readings of the good items, in body order. */
    public static List<Reading> good(List<ParsedItem> items) {
        var good = new ArrayList<Reading>(items.size());
        for (var item : items) {
            if (item instanceof ParsedItem.Good g) {
                good.add(g.reading());
            }
        }
        return good;
    }
}
