package org.gridprint.shell;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Keeps the alarms every bundle posts on {@code gridprint/alarms/*} for {@code gridprint:alarms}: the last
 * {@value #RECENT} events, and the conditions that are active now (an alarm with {@code alarmState=RAISED} until its
 * {@code alarmState=CLEARED}, as the driver toolkit posts them). In memory; lost on restart.
 */
@Component(service = {EventHandler.class, AlarmLog.class},
        property = EventConstants.EVENT_TOPIC + "=" + Topics.ALARMS_ALL)
public class AlarmLog implements EventHandler {

    static final int RECENT = 1000;

    /** One alarm event as kept. */
    public record Entry(String kind, String state, Instant timestamp, String source, String deviceId,
            List<String> meterIds, String message, String condition, long count) {
        public Entry {
            meterIds = List.copyOf(meterIds);
        }
    }

    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private final Map<String, Entry> active = new LinkedHashMap<>();

    @Override
    public void handleEvent(Event event) {
        var topic = event.getTopic();
        var kind = str(event.getProperty(EventKeys.ALARM_KIND));
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

    synchronized void add(Entry e) {
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
        java.util.Collections.reverse(out);
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
