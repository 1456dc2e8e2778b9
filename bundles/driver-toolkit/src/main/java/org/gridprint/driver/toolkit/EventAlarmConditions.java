package org.gridprint.driver.toolkit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.driver.AlarmConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AlarmConditions} that hands one {@link Alarm} to {@code publisher} (e.g. EventAdmin.postEvent) when a
 * condition starts (detail {@code alarmState=RAISED}) and one when it clears ({@code alarmState=CLEARED}, {@code count} =
 * how often it was seen). Logs one WARN line at the start and one INFO line at the clear; repeats are counted
 * silently. The publisher must not throw (exceptions are caught and logged at DEBUG).
 */
public final class EventAlarmConditions implements AlarmConditions {

    private static final Logger LOG = LoggerFactory.getLogger(EventAlarmConditions.class);

    private final String source;
    private final String deviceId;
    private final Clock clock;
    private final Consumer<Alarm> publisher;
    private final Map<String, Active> active = new LinkedHashMap<>();

    /**
     * @param source   the alarm source, e.g. {@code modbus/panel-3}
     * @param deviceId the device concerned, or null
     */
    public EventAlarmConditions(String source, String deviceId, Clock clock, Consumer<Alarm> publisher) {
        this.source = source;
        this.deviceId = deviceId;
        this.clock = clock;
        this.publisher = publisher;
    }

    @Override
    public boolean raise(String key, AlarmKind kind, String message, List<String> meterIds) {
        Alarm alarm;
        synchronized (this) {
            var current = active.get(key);
            if (current != null) {
                active.put(key, new Active(key, current.kind(), current.message(), current.since(), current.count() + 1,
                        current.meterIds()));
                return false;
            }
            var now = clock.instant();
            active.put(key, new Active(key, kind, message, now, 1, meterIds));
            alarm = build(kind, message, now, meterIds).with(STATE_KEY, org.gridprint.api.EventKeys.RAISED).with(CONDITION_KEY, key);
        }
        LOG.warn("{} alarm {}: {}", kind, source, message);
        publish(alarm);
        return true;
    }

    @Override
    public boolean clear(String key) {
        Alarm alarm;
        Active was;
        synchronized (this) {
            was = active.remove(key);
            if (was == null) {
                return false;
            }
            var now = clock.instant();
            alarm = build(was.kind(), "cleared after " + was.count() + " occurrence(s) since " + was.since() + ": "
                    + was.message(), now, was.meterIds()).with(STATE_KEY, org.gridprint.api.EventKeys.CLEARED).with(CONDITION_KEY, key)
                    .with(EventKeys.COUNT, was.count());
        }
        LOG.info("{} alarm {} cleared after {} occurrence(s): {}", was.kind(), source, was.count(), was.message());
        publish(alarm);
        return true;
    }

    @Override
    public void clearAllExcept(String prefix, Set<String> keep) {
        List<String> keys;
        synchronized (this) {
            keys = new ArrayList<>(active.keySet());
        }
        for (var k : keys) {
            if (k.startsWith(prefix) && !keep.contains(k)) {
                clear(k);
            }
        }
    }

    @Override
    public synchronized boolean isActive(String key) {
        return active.containsKey(key);
    }

    @Override
    public synchronized List<Active> active() {
        return List.copyOf(active.values());
    }

    private Alarm build(AlarmKind kind, String message, Instant at, List<String> meterIds) {
        return Alarm.of(kind, message, at).withSource(source).withDeviceId(deviceId).withMeterIds(meterIds);
    }

    private void publish(Alarm alarm) {
        try {
            publisher.accept(alarm);
        } catch (RuntimeException e) {
            LOG.debug("could not publish alarm {}", alarm, e);
        }
    }
}
