package org.gridprint.mqtt;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.SubmitReport;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.api.driver.AlarmConditions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Production-job stamps, utility bills and UPS/PDU meter logs received on the {@link FileTopics} → the allocation
 * services ({@link JobService}, {@link UtilityBillService}; optional: without one, each message is answered with the
 * reason). A JSON body (starting with '[' or '{') is parsed here item by item; any other body is a CSV file handed to
 * the service's CSV reader (bad lines refused by number there). Every message gets a report on
 * {@code <replyTopicPrefix><kind>/<rest of the topic>} (and, for an MQTT 5 message naming a response topic, also to
 * that topic with its correlation data): accepted, duplicates, and one error per refused item; refused
 * items are counted and hold one INVALID_READING condition per topic (raised once, cleared by the next clean message).
 * A store that cannot take writes (IllegalStateException) propagates: the message is not acknowledged and the broker
 * redelivers it after the reconnect, as for readings.
 */
public final class FileMessages {

    private final FileTopics topics;
    private final AllocationJson json;
    private final Supplier<JobService> jobs;
    private final Supplier<UtilityBillService> bills;
    private final Publisher publish;

    /** Publishes a report: topic, body, MQTT 5 correlation data or null. */
    @FunctionalInterface
    interface Publisher {
        void publish(String topic, byte[] body, byte[] correlationData);
    }
    private final AlarmConditions alarms;
    private final String source;
    private final int maxBytes;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    FileMessages(FileTopics topics, int maxBytes, Supplier<JobService> jobs, Supplier<UtilityBillService> bills,
            Publisher publish, AlarmConditions alarms, String source, Clock clock) {
        this.topics = topics;
        this.json = new AllocationJson(maxBytes);
        this.maxBytes = maxBytes;
        this.jobs = jobs;
        this.bills = bills;
        this.publish = publish;
        this.alarms = alarms;
        this.source = source;
        this.clock = clock;
    }

    List<String> filters() {
        return topics.filters();
    }

    /** Handles one message on a files topic and publishes its report. */
    public FileReport handle(String topic, byte[] payload) {
        return handle(topic, payload, null, null);
    }

    /**
     * Handles one message; the report goes to the reply topic and, when an MQTT 5 message names a response topic,
     * also there with the message's correlation data.
     */
    public FileReport handle(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
        messages.incrementAndGet();
        var rest = topic.substring(topics.prefix().length());
        var slash = rest.indexOf('/');
        var kind = slash < 0 ? rest : rest.substring(0, slash);
        var tail = slash < 0 ? "" : rest.substring(slash + 1);
        FileReport report;
        try {
            report = switch (kind) {
                case FileTopics.JOBS -> jobs(topic, tail, payload);
                case FileTopics.BILLS -> bills(topic, tail, payload);
                case FileTopics.METER_LOGS -> meterLog(topic, tail, payload);
                default -> whole(topic, kind, "unknown kind '" + kind + "'; expected " + topics.prefix()
                        + "jobs, utility-bills or meter-logs");
            };
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            report = whole(topic, kind, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        count(report);
        var body = reply(report);
        publish.publish(topics.replyPrefix() + kind + (tail.isEmpty() ? "" : "/" + tail), body, null);
        if (responseTopic != null && !responseTopic.isEmpty()) {
            publish.publish(responseTopic, body, correlationData);
        }
        return report;
    }

    private FileReport jobs(String topic, String tail, byte[] payload) {
        var service = jobs.get();
        if (service == null) {
            return whole(topic, FileTopics.JOBS, "no job service (feature gridprint-allocation is not running); "
                    + "the stamps are not stored: send them again later");
        }
        var check = size(topic, FileTopics.JOBS, payload);
        if (check != null) {
            return check;
        }
        if (isJson(payload)) {
            var parsed = json.stamps(payload, source);
            var result = parsed.items().isEmpty() ? new SubmitReport(0, 0, List.of()) : service.submit(parsed.items());
            return merge(topic, FileTopics.JOBS, parsed, result);
        }
        var r = service.submitCsv(fileName(tail, "jobs.csv"), new StringReader(text(payload)));
        return new FileReport(topic, FileTopics.JOBS, r.accepted(), r.duplicates(), r.errors());
    }

    private FileReport bills(String topic, String tail, byte[] payload) {
        var service = bills.get();
        if (service == null) {
            return whole(topic, FileTopics.BILLS, "no utility bill service (feature gridprint-allocation is not "
                    + "running); the bills are not stored: send them again later");
        }
        var check = size(topic, FileTopics.BILLS, payload);
        if (check != null) {
            return check;
        }
        var reason = "received over MQTT on " + topic;
        if (isJson(payload)) {
            var parsed = json.bills(payload);
            var result = parsed.items().isEmpty() ? new SubmitReport(0, 0, List.of())
                    : service.submitBills(parsed.items(), reason);
            return merge(topic, FileTopics.BILLS, parsed, result);
        }
        var r = service.submitBillsCsv(fileName(tail, "utility-bills.csv"), new StringReader(text(payload)), reason);
        return new FileReport(topic, FileTopics.BILLS, r.accepted(), r.duplicates(), r.errors());
    }

    private FileReport meterLog(String topic, String tail, byte[] payload) {
        var service = bills.get();
        if (service == null) {
            return whole(topic, FileTopics.METER_LOGS, "no meter log import (feature gridprint-allocation is not "
                    + "running); the log is not stored: send it again later");
        }
        var check = size(topic, FileTopics.METER_LOGS, payload);
        if (check != null) {
            return check;
        }
        if (isJson(payload)) {
            return whole(topic, FileTopics.METER_LOGS, "a meter log is a CSV file (meter,timestamp,quantity,value"
                    + "[,unit]); JSON readings go to the ingest topics");
        }
        var format = "";
        var file = tail;
        var slash = tail.indexOf('/');
        if (slash > 0) {
            format = tail.substring(0, slash);
            file = tail.substring(slash + 1);
        }
        var r = service.importMeterLog(fileName(file, "meter-log.csv"), format, new StringReader(text(payload)));
        return new FileReport(topic, FileTopics.METER_LOGS, r.accepted(), r.duplicates(), r.errors());
    }

    /** The parser's refusals and the service's, each at its position in the message. */
    private static <T> FileReport merge(String topic, String kind, AllocationJson.Parsed<T> parsed, SubmitReport r) {
        var errors = new ArrayList<>(parsed.errors());
        for (var e : r.errors()) {
            var index = e.index() >= 0 && e.index() < parsed.positions().size() ? parsed.positions().get(e.index())
                    : e.index();
            errors.add(new ItemError(index, e.item(), e.field(), e.reason()));
        }
        errors.sort(Comparator.comparingInt(ItemError::index));
        return new FileReport(topic, kind, r.accepted(), r.duplicates(), errors);
    }

    private FileReport size(String topic, String kind, byte[] payload) {
        return payload.length > maxBytes ? whole(topic, kind, "message of " + payload.length + " bytes is larger "
                + "than maxMessageBytes " + maxBytes) : null;
    }

    private static FileReport whole(String topic, String kind, String reason) {
        return new FileReport(topic, kind, 0, 0, List.of(new ItemError(0, "message", "", reason)));
    }

    private static boolean isJson(byte[] payload) {
        for (var b : payload) {
            if (b == '[' || b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB
                    && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    private static String text(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the file is not UTF-8 text");
        }
    }

    private static String fileName(String tail, String fallback) {
        return tail.isEmpty() ? fallback : tail;
    }

    private void count(FileReport report) {
        accepted.addAndGet(report.accepted());
        refused.addAndGet(report.errors().size());
        var condition = "files|" + report.topic();
        if (report.errors().isEmpty()) {
            alarms.clear(condition);
        } else {
            var first = report.errors().get(0);
            alarms.raise(condition, AlarmKind.INVALID_READING, "MQTT " + report.kind() + " message on "
                    + report.topic() + " refused " + report.errors().size() + " item(s), first: " + first.item()
                    + (first.field().isEmpty() ? "" : " (" + first.field() + ")") + ": " + first.reason(), List.of());
        }
    }

    private byte[] reply(FileReport r) {
        var body = new LinkedHashMap<String, Object>();
        body.put("topic", r.topic());
        body.put("kind", r.kind());
        body.put("time", clock.instant().toString());
        body.put("accepted", r.accepted());
        body.put("duplicates", r.duplicates());
        body.put("refused", r.errors().size());
        var errors = new ArrayList<Map<String, Object>>();
        for (var e : r.errors()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("index", e.index());
            m.put("item", e.item());
            m.put("field", e.field());
            m.put("reason", e.reason());
            errors.add(m);
        }
        body.put("errors", errors);
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report JSON", e);
        }
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
