package org.gridprint.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An alarm as posted on {@code gridprint/alarms/<KIND>}: one value builds the event's properties, so every
 * bundle and third-party driver raises alarms with the same keys ({@link EventKeys}). Plain Java on purpose: turn
 * it into an EventAdmin event with {@code new Event(alarm.topic(), alarm.toEventProperties())}.
 *
 * @param kind      what happened; the topic's last segment
 * @param source    who raised it (an ingest source, a configuration PID, {@code modbus/<device>}), if known
 * @param message   for the operator: what happened and what to do
 * @param timestamp when it happened
 * @param meterIds  the meters concerned, may be empty
 * @param deviceId  the device concerned, if any
 * @param details   further properties, keyed like {@link EventKeys} (e.g. COUNT, FROM, TO, METER_ID); values must
 *                  be types EventAdmin carries (String, Long, Integer, String[] ...); must not repeat the keys
 *                  the other components produce
 */
public record Alarm(AlarmKind kind, Optional<String> source, String message, Instant timestamp, List<String> meterIds,
        Optional<String> deviceId, Map<String, Object> details) {

    /** The keys {@link #toEventProperties()} takes from the components other than {@code details}. */
    public static final Set<String> STANDARD_KEYS = Set.of(EventKeys.ALARM_KIND, EventKeys.SOURCE, EventKeys.MESSAGE,
            EventKeys.TIMESTAMP, EventKeys.METER_IDS, EventKeys.DEVICE_ID);

    public Alarm {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timestamp, "timestamp");
        source = source == null ? Optional.empty() : source;
        meterIds = meterIds == null ? List.of() : List.copyOf(meterIds);
        deviceId = deviceId == null ? Optional.empty() : deviceId;
        details = details == null ? Map.of() : Map.copyOf(details);
        for (var key : details.keySet()) {
            if (STANDARD_KEYS.contains(key)) {
                throw new IllegalArgumentException("alarm detail '" + key + "' repeats a standard alarm key; "
                        + "set it through the record component instead");
            }
        }
    }

    /** An alarm without source, meters, device or details; add them with the {@code with...} methods. */
    public static Alarm of(AlarmKind kind, String message, Instant timestamp) {
        return new Alarm(kind, Optional.empty(), message, timestamp, List.of(), Optional.empty(), Map.of());
    }

    public Alarm withSource(String newSource) {
        return new Alarm(kind, Optional.ofNullable(newSource), message, timestamp, meterIds, deviceId, details);
    }

    public Alarm withMeterIds(List<String> newMeterIds) {
        return new Alarm(kind, source, message, timestamp, newMeterIds, deviceId, details);
    }

    public Alarm withDeviceId(String newDeviceId) {
        return new Alarm(kind, source, message, timestamp, meterIds, Optional.ofNullable(newDeviceId), details);
    }

    /** This alarm with one more detail property (replacing a detail of the same key). */
    public Alarm with(String key, Object value) {
        var more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new Alarm(kind, source, message, timestamp, meterIds, deviceId, more);
    }

    /** {@code gridprint/alarms/<KIND>}, see {@link Topics#alarm(AlarmKind)}. */
    public String topic() {
        return Topics.alarm(kind);
    }

    /**
     * The event properties: the details, then {@code kind} (the kind's name), {@code message}, {@code timestamp}
     * (epoch milliseconds, Long), {@code meterIds} (String[], empty when none), and {@code source} and
     * {@code deviceId} when present. A new modifiable map on every call.
     */
    public Map<String, Object> toEventProperties() {
        var props = new LinkedHashMap<String, Object>(details);
        props.put(EventKeys.ALARM_KIND, kind.name());
        source.ifPresent(s -> props.put(EventKeys.SOURCE, s));
        deviceId.ifPresent(d -> props.put(EventKeys.DEVICE_ID, d));
        props.put(EventKeys.MESSAGE, message);
        props.put(EventKeys.TIMESTAMP, timestamp.toEpochMilli());
        props.put(EventKeys.METER_IDS, meterIds.toArray(String[]::new));
        return props;
    }
}
