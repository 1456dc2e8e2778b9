package org.gridprint.http.query;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.osgi.service.event.Event;

/**
 * The alarms every bundle posts on {@code gridprint/alarms/*}, as {@code gridprint:alarms} keeps them: the last
 * {@value #RECENT} events, and the conditions active now (RAISED until the matching CLEARED). In memory, since the
 * bundle started. Thread-safe.
 */
public final class AlarmBook {

    static final int RECENT = 1000;

    /** One alarm event. */
    public record Entry(String kind, String state, Instant timestamp, String source, String deviceId,
            List<String> meterIds, String message, String condition, long count) {
        public Entry {
            meterIds = List.copyOf(meterIds);
        }
    }

    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private final Map<String, Entry> active = new LinkedHashMap<>();

    public void add(Event event) {
        var kind = str(event.getProperty(EventKeys.ALARM_KIND));
        var topic = event.getTopic();
        if (kind.isEmpty() && topic.startsWith(Topics.ALARMS_PREFIX)) {
            kind = topic.substring(Topics.ALARMS_PREFIX.length());
        }
        var ts = event.getProperty(EventKeys.TIMESTAMP) instanceof Long l ? Instant.ofEpochMilli(l) : Instant.now();
        var meters = event.getProperty(EventKeys.METER_IDS) instanceof String[] a ? Arrays.asList(a) : List.<String>of();
        var count = event.getProperty(EventKeys.COUNT) instanceof Number n ? n.longValue() : 0L;
        add(new Entry(kind, str(event.getProperty(EventKeys.ALARM_STATE)), ts, str(event.getProperty(EventKeys.SOURCE)),
                str(event.getProperty(EventKeys.DEVICE_ID)), meters, str(event.getProperty(EventKeys.MESSAGE)),
                str(event.getProperty("condition")), count));
    }

    public synchronized void add(Entry e) {
        recent.addLast(e);
        while (recent.size() > RECENT) {
            recent.pollFirst();
        }
        var key = e.source() + "|" + e.deviceId() + "|" + (e.condition().isEmpty() ? e.kind() + "|" + e.message()
                : e.condition());
        if (e.state().equals(EventKeys.CLEARED)) {
            active.remove(key);
        } else if (e.state().equals(EventKeys.RAISED)) {
            active.put(key, e);
        }
    }

    /** Active conditions, oldest first. */
    public synchronized List<Entry> active() {
        return new ArrayList<>(active.values());
    }

    /** Recent events, newest first. */
    public synchronized List<Entry> recent() {
        var out = new ArrayList<>(recent);
        Collections.reverse(out);
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
