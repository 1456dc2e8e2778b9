package org.gridprint.allocation.jobs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.gridprint.allocation.bills.RecordText;
import org.gridprint.api.allocation.Job;

/**
 * A job's register text (register {@value #REGISTER}, key = job id): {@code format=1}, job, machine, product, start,
 * stop (absent while running), quantity (plain decimal), and the sources of its start and stop stamps. A START
 * stamp writes version 1; its STOP writes version 2.
 */
final class JobText {

    static final String REGISTER = "job";

    /** A job with where its stamps came from. */
    record StoredJob(Job job, String startSource, String stopSource, int version, long ref) {
    }

    private JobText() {
    }

    static String format(Job job, String startSource, String stopSource) {
        var m = new LinkedHashMap<String, String>();
        m.put("format", "1");
        m.put("job", job.jobId());
        m.put("machine", job.machine());
        m.put("product", job.product());
        m.put("start", job.start().toString());
        job.stop().ifPresent(s -> m.put("stop", s.toString()));
        m.put("quantity", quantity(job.quantity()));
        m.put("startSource", startSource);
        if (job.stop().isPresent()) {
            m.put("stopSource", stopSource);
        }
        return RecordText.format(m);
    }

    static String quantity(double q) {
        return BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    }

    static StoredJob parse(String text, String key, int version, long ref) {
        var m = RecordText.parse(text);
        try {
            var stop = m.containsKey("stop") ? Optional.of(Instant.parse(m.get("stop"))) : Optional.<Instant>empty();
            var job = new Job(need(m.get("job")), need(m.get("machine")), m.getOrDefault("product", ""),
                    Instant.parse(need(m.get("start"))), stop, Double.parseDouble(m.getOrDefault("quantity", "0")));
            return new StoredJob(job, m.getOrDefault("startSource", ""), m.getOrDefault("stopSource", ""), version,
                    ref);
        } catch (RuntimeException e) {
            throw new IllegalStateException("register " + REGISTER + ", key '" + key + "': not a job text ("
                    + e.getMessage() + "); run gridprint:verify", e);
        }
    }

    private static String need(String v) {
        if (v == null) {
            throw new IllegalArgumentException("a field is missing");
        }
        return v;
    }
}
