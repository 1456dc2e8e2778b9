package org.gridprint.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridprint.api.Alarm;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Real parts for the MQTT tests: a Derby store, the core ingest service, recorded alarms and events. */
final class Harness implements AutoCloseable {

    static final String M1 = "hq/b1/main";
    static final String M2 = "hq/b1/ahu-1";

    final DerbyStore store;
    final IngestServiceImpl ingest;
    final Events events = new Events();
    final List<Alarm> linkAlarms = new ArrayList<>();
    final EventAlarmConditions conditions;

    Harness(Path dir) {
        store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults());
        var meters = MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"), Meter.of(M2, "hq")));
        store.registerMeter(Meter.of(M1, "hq"));
        store.registerMeter(Meter.of(M2, "hq"));
        ingest = new IngestServiceImpl(store, meters, Clock.systemUTC(), events);
        conditions = new EventAlarmConditions("mqtt/test", "test", Clock.systemUTC(), a -> {
            synchronized (linkAlarms) {
                linkAlarms.add(a);
            }
        });
    }

    BrokerLink link(BrokerSettings s) {
        var messages = new MessageIngest(new PayloadParser(s.maxMessageBytes()), ingest, conditions, s.source());
        return new BrokerLink(s, messages, conditions, Clock.systemUTC());
    }

    List<Alarm> alarms(String state) {
        synchronized (linkAlarms) {
            return linkAlarms.stream().filter(a -> state.equals(a.details().get(EventKeys.ALARM_STATE))).toList();
        }
    }

    static Map<String, Object> config(String id, String uri) {
        var m = new HashMap<String, Object>();
        m.put("id", id);
        m.put("serverUri", uri);
        m.put("reconnectInitialMillis", "50");
        m.put("reconnectMaxMillis", "400");
        m.put("keepAliveSeconds", "5");
        return m;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for " + what);
    }

    static MqttClient client(String uri, String clientId) throws MqttException {
        var c = new MqttClient(uri, clientId, new MemoryPersistence());
        var o = new MqttConnectOptions();
        o.setCleanSession(true);
        // Paho frees an in-flight slot only after publish() returned: a test publishing in a loop met
        // "Too many publishes in progress (32202)" at the default of 10 (CI, StoreRefusalRedeliveryTest)
        o.setMaxInflight(1000);
        c.connect(o);
        return c;
    }

    static void publish(MqttClient c, String topic, String json) throws MqttException {
        c.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() {
        store.close();
    }

    /** EventAdmin that records what is posted. */
    static final class Events implements EventAdmin {
        private final List<Event> posted = new ArrayList<>();

        @Override
        public synchronized void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public synchronized void sendEvent(Event event) {
            posted.add(event);
        }

        synchronized List<Event> on(String topic) {
            return posted.stream().filter(e -> e.getTopic().equals(topic)).toList();
        }
    }
}
