package org.gridprint.http.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.gridprint.http.ingest.IngestReport;

/** Counters since the component started: answers by status and reading items by outcome. Thread-safe. */
public final class ApiTotals implements IngestReport.Counter {

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder items = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder conflict = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder replays = new LongAdder();

    public void status(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void replay() {
        replays.increment();
    }

    @Override
    public void count(IngestReport.Counts c) {
        items.add(c.items());
        stored.add(c.stored());
        duplicate.add(c.duplicate());
        conflict.add(c.conflict());
        refused.add(c.refused());
    }

    /** Answers by status, sorted. */
    public Map<Integer, Long> byStatus() {
        var out = new TreeMap<Integer, Long>();
        byStatus.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public Map<String, Long> readings() {
        var out = new java.util.LinkedHashMap<String, Long>();
        out.put("items", items.sum());
        out.put("stored", stored.sum());
        out.put("duplicate", duplicate.sum());
        out.put("conflict", conflict.sum());
        out.put("refused", refused.sum());
        out.put("idempotentReplays", replays.sum());
        return out;
    }
}
