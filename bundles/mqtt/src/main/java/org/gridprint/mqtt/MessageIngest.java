package org.gridprint.mqtt;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;
import org.gridprint.api.driver.AlarmConditions;

/**
 * One ingest message → one {@link IngestService#submit} batch with source {@code mqtt/<id>}. Items the payload parser
 * refuses never reach ingest; they raise one INVALID_READING condition per topic (one alarm and one WARN when it
 * starts, cleared by the next message of that topic without a refused item). Readings ingest itself rejects (unknown
 * meter, NaN, future timestamp, conflicts) are alarmed by ingest's own handling. The good items of a message are
 * always submitted.
 */
public final class MessageIngest {

    private final PayloadParser parser;
    private final IngestService ingest;
    private final AlarmConditions alarms;
    private final String source;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public MessageIngest(PayloadParser parser, IngestService ingest, AlarmConditions alarms, String source) {
        this.parser = parser;
        this.ingest = ingest;
        this.alarms = alarms;
        this.source = source;
    }

    /**
     * Handles one message. Throws only when ingest throws (store unavailable): the message is then not
     * acknowledged and the broker redelivers it after the reconnect.
     */
    public MessageReport handle(String topic, byte[] payload) {
        messages.incrementAndGet();
        var reasons = new ArrayList<String>();
        var good = new ArrayList<Reading>();
        var refusedMeters = new ArrayList<String>();
        var parsed = parser.parse(payload, source);
        if (parsed instanceof PayloadParser.Result.Unreadable u) {
            reasons.add(u.reason());
        } else if (parsed instanceof PayloadParser.Result.Items items) {
            for (var item : items.items()) {
                if (item instanceof PayloadItem.Parsed p) {
                    good.add(p.reading());
                } else if (item instanceof PayloadItem.Refused r) {
                    reasons.add(r.reason());
                    if (!r.meter().isEmpty() && refusedMeters.size() < 20 && !refusedMeters.contains(r.meter())) {
                        refusedMeters.add(r.meter());
                    }
                }
            }
        }
        var conditionKey = "payload|" + topic;
        if (reasons.isEmpty()) {
            alarms.clear(conditionKey);
        } else {
            refused.addAndGet(reasons.size());
            alarms.raise(conditionKey, AlarmKind.INVALID_READING, "MQTT message on " + topic + " refused "
                    + reasons.size() + " item(s), first: " + reasons.get(0), refusedMeters);
        }
        long stored = 0;
        long duplicates = 0;
        if (!good.isEmpty()) {
            var result = ingest.submit(source, good);
            stored = result.accepted();
            duplicates = result.duplicates();
            for (var outcome : result.outcomes()) {
                if (outcome instanceof IngestOutcome.Invalid i) {
                    reasons.add("meter " + i.reading().meterId() + ": " + i.reason());
                } else if (outcome instanceof IngestOutcome.Conflict c) {
                    reasons.add("meter " + c.reading().meterId() + ": " + c.reason());
                }
            }
        }
        accepted.addAndGet(stored);
        return new MessageReport(topic, stored, duplicates, reasons);
    }

    public long messages() {
        return messages.get();
    }

    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }
}
