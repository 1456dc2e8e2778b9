package org.gridprint.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.Reading;
import org.gridprint.api.driver.AlarmConditions;

/**
 * Ingest messages → {@link IngestService#submit} batches with source {@code mqtt/<id>}: {@link #prepare} parses a
 * message (on the MQTT callback thread), {@link #store} submits the readings of one or several prepared messages as
 * one batch and splits the outcomes back per message. Items the payload parser
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
     * A parsed message waiting to be stored: its good readings (in message order) and the reasons of the items the
     * parser refused.
     */
    public record Prepared(String topic, List<Reading> readings, List<String> refused) {
        public Prepared {
            readings = List.copyOf(readings);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Handles one message: {@link #prepare} then {@link #store}. Throws only when ingest throws (store unavailable):
     * the message is then not acknowledged and the broker redelivers it after the reconnect.
     */
    public MessageReport handle(String topic, byte[] payload) {
        return store(List.of(prepare(topic, payload))).get(0);
    }

    /**
     * Parses one message and keeps the topic's INVALID_READING condition (raised by a refused item, cleared by a
     * clean message). Nothing is stored; never throws for bad input.
     */
    public Prepared prepare(String topic, byte[] payload) {
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
        return new Prepared(topic, good, reasons);
    }

    /**
     * Stores the readings of several prepared messages as ONE {@link IngestService#submit} batch (one durable
     * commit) and splits the outcomes back: one report per message, in the order given. The readings of an earlier
     * message come first in the batch, so a later message's reading for the same meter, quantity and timestamp is a
     * duplicate or a conflict exactly as if the messages had been submitted one by one. If ingest refuses the
     * combined batch as the caller's fault (IllegalArgumentException, e.g. larger than ingest's maxBatchSize), each
     * message is submitted alone; a single message ingest refuses that way is reported refused whole with the reason
     * (it would be refused again if redelivered). Throws IllegalStateException (store unavailable) with nothing
     * stored: acknowledge none of the messages.
     */
    public List<MessageReport> store(List<Prepared> group) {
        var batch = new ArrayList<Reading>();
        for (var p : group) {
            batch.addAll(p.readings());
        }
        if (batch.isEmpty()) {
            return group.stream().map(p -> new MessageReport(p.topic(), 0, 0, p.refused())).toList();
        }
        IngestResult result;
        try {
            result = ingest.submit(source, batch);
        } catch (IllegalArgumentException e) {
            if (group.size() > 1) {
                var reports = new ArrayList<MessageReport>(group.size());
                for (var p : group) {
                    reports.addAll(store(List.of(p)));
                }
                return reports;
            }
            var p = group.get(0);
            var reasons = new ArrayList<>(p.refused());
            reasons.add("ingest refused the message's " + p.readings().size() + " reading(s): " + e.getMessage());
            refused.addAndGet(p.readings().size());
            alarms.raise("payload|" + p.topic(), AlarmKind.INVALID_READING, "MQTT message on " + p.topic()
                    + " refused whole: " + e.getMessage(), List.of());
            return List.of(new MessageReport(p.topic(), 0, 0, reasons));
        }
        var outcomes = result.outcomes();
        var reports = new ArrayList<MessageReport>(group.size());
        int offset = 0;
        for (var p : group) {
            long stored = 0;
            long duplicates = 0;
            var reasons = new ArrayList<>(p.refused());
            for (var outcome : outcomes.subList(offset, offset + p.readings().size())) {
                if (outcome instanceof IngestOutcome.Accepted) {
                    stored++;
                } else if (outcome instanceof IngestOutcome.Duplicate) {
                    duplicates++;
                } else if (outcome instanceof IngestOutcome.Invalid i) {
                    reasons.add("meter " + i.reading().meterId() + ": " + i.reason());
                } else if (outcome instanceof IngestOutcome.Conflict c) {
                    reasons.add("meter " + c.reading().meterId() + ": " + c.reason());
                }
            }
            offset += p.readings().size();
            accepted.addAndGet(stored);
            reports.add(new MessageReport(p.topic(), stored, duplicates, reasons));
        }
        return reports;
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
