package org.gridprint.mqtt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.gridprint.api.EventKeys;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.WindowQuery;

/**
 * Turns Gridprint events into MQTT publications: {@value Topics#EMISSIONS_COMPUTED} → the current windows of the
 * event's meters whose start lies in [FROM, TO), one message per meter on {@code windowTopicPrefix + meterId};
 * {@code gridprint/alarms/<KIND>} → one message on {@code alarmTopicPrefix + KIND}. An empty prefix switches that
 * kind of publication off.
 */
public final class EventPublisher {

    private final BrokerSettings settings;
    private final BiConsumer<String, byte[]> publish;
    private final Supplier<EmissionWindowStore> windows;
    private final Supplier<RecordRegister> register;

    public EventPublisher(BrokerSettings settings, BiConsumer<String, byte[]> publish,
            Supplier<EmissionWindowStore> windows, Supplier<RecordRegister> register) {
        this.settings = settings;
        this.publish = publish;
        this.windows = windows;
        this.register = register;
    }

    /** @param properties the event's properties */
    public void on(String topic, Map<String, Object> properties) {
        if (Topics.EMISSIONS_COMPUTED.equals(topic)) {
            publishWindows(properties);
        } else if (topic.startsWith(Topics.ALARMS_PREFIX) && !settings.alarmTopicPrefix().isEmpty()) {
            var kind = topic.substring(Topics.ALARMS_PREFIX.length());
            publish.accept(settings.alarmTopicPrefix() + kind, OutboundJson.alarm(properties));
        }
    }

    private void publishWindows(Map<String, Object> properties) {
        var store = windows.get();
        if (settings.windowTopicPrefix().isEmpty() || store == null
                || !(properties.get(EventKeys.FROM) instanceof Long from)
                || !(properties.get(EventKeys.TO) instanceof Long to) || to <= from
                || !(properties.get(EventKeys.METER_IDS) instanceof String[] meters)) {
            return;
        }
        var found = store.windows(new WindowQuery(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
                Set.of(meters), "", Optional.empty(), Optional.empty()));
        var byMeter = new LinkedHashMap<String, List<EmissionWindow>>();
        for (var w : found) {
            byMeter.computeIfAbsent(w.meterId(), k -> new java.util.ArrayList<>()).add(w);
        }
        var records = register.get();
        for (var e : byMeter.entrySet()) {
            publish.accept(settings.windowTopicPrefix() + e.getKey(), OutboundJson.windows(e.getKey(), e.getValue(),
                    ref -> records == null ? Optional.empty() : records.byRef(ref)));
        }
    }
}
