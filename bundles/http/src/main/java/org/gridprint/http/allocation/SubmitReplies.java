package org.gridprint.http.allocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.SubmitReport;
import org.gridprint.http.web.Reply;

/**
 * The answer to POST /jobs, /utility-bills and /meter-logs from the service's {@link SubmitReport} and the items
 * this API refused before the service saw them: counts, and one error per refused item (index, or line of a file,
 * the item, the field and the reason). 200 when nothing was refused, else 400 (the other items are kept).
 */
final class SubmitReplies {

    private SubmitReplies() {
    }

    /**
     * @param report     the service's report on the items it was given
     * @param goodIndex  for JSON bodies: the body index of each item given to the service (null for files: the
     *                   service numbers file lines itself)
     * @param refused    errors of items refused before the service
     */
    static Reply reply(ObjectMapper mapper, SubmitReport report, int[] goodIndex, List<ItemError> refused, int items) {
        var errors = new ArrayList<ItemError>(refused);
        for (var e : report.errors()) {
            if (goodIndex != null && e.index() >= 0 && e.index() < goodIndex.length) {
                var index = goodIndex[e.index()];
                errors.add(new ItemError(index, e.item().isEmpty() ? "item " + index : e.item(), e.field(), e.reason()));
            } else {
                errors.add(e);
            }
        }
        errors.sort(Comparator.comparingInt(ItemError::index));
        int total = items >= 0 ? items : report.accepted() + report.duplicates() + errors.size();
        var out = new ByteArrayOutputStream();
        try (var g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("items", total);
            g.writeNumberField("accepted", report.accepted());
            g.writeNumberField("duplicate", report.duplicates());
            g.writeNumberField("refused", errors.size());
            g.writeEndObject();
            g.writeArrayFieldStart("errors");
            for (var e : errors) {
                g.writeStartObject();
                g.writeNumberField(goodIndex == null ? "line" : "index", e.index());
                g.writeStringField("item", e.item());
                g.writeStringField("field", e.field());
                g.writeStringField("reason", e.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("result", errors.isEmpty() ? "ok" : "refused items");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Reply.json(errors.isEmpty() ? 200 : 400, out.toByteArray());
    }
}
