package org.gridprint.mqtt;

import static org.gridprint.mqtt.Harness.M1;
import static org.gridprint.mqtt.Harness.M2;
import static org.gridprint.mqtt.MqttIngestTest.T0;
import static org.gridprint.mqtt.MqttIngestTest.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Topics;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.gridprint.testing.Mosquitto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is acknowledged to the broker before it is stored (manual acknowledgements, several messages per ingest
 * batch): while the store refuses every batch, the messages published meanwhile stay at the broker and are
 * redelivered after each reconnect; once the store takes writes they are all stored exactly once, and the broker
 * has nothing left to deliver (they were acknowledged after the commit). Real mosquitto, real Derby store, the core
 * ingest service; the store's refusal is a delegating ReadingStore that throws like an unavailable store while a
 * switch is on.
 */
class StoreRefusalRedeliveryTest {

    private static final int MESSAGES = 30;

    /** Delegates to the real Derby store; {@code append} throws while {@link #failing} is on, counts what it accepted. */
    static final class SwitchableStore {
        final AtomicBoolean failing = new AtomicBoolean(true);
        final AtomicLong refusedBatches = new AtomicLong();
        final AtomicLong acceptedReadings = new AtomicLong();
        final ReadingStore proxy;

        SwitchableStore(DerbyStore store) {
            proxy = (ReadingStore) Proxy.newProxyInstance(ReadingStore.class.getClassLoader(),
                    new Class<?>[] {ReadingStore.class}, (p, method, args) -> {
                        if (method.getName().equals("append") && failing.get()) {
                            refusedBatches.incrementAndGet();
                            throw new IllegalStateException("Derby store: disk full (test)");
                        }
                        Object result;
                        try {
                            result = method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (result instanceof ReadingStore.StoreResult r) {
                            acceptedReadings.addAndGet(
                                    r.outcomes().stream().filter(IngestOutcome.Accepted.class::isInstance).count());
                        }
                        return result;
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.1.1", "5"})
    void messagesPublishedWhileTheStoreRefusesAreRedeliveredAndStoredExactlyOnce(String protocol, @TempDir Path dir)
            throws Exception {
        try (var broker = Mosquitto.plain(dir).start();
                var derby = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults())) {
            derby.registerMeter(Meter.of(M1, "hq"));
            derby.registerMeter(Meter.of(M2, "hq"));
            var store = new SwitchableStore(derby);
            var events = new Harness.Events();
            var ingest = new IngestServiceImpl(store.proxy,
                    MeterRegistryImpl.of(List.of(Meter.of(M1, "hq"), Meter.of(M2, "hq"))), Clock.systemUTC(), events);
            var alarms = new ArrayList<Alarm>();
            var conditions = new EventAlarmConditions("mqtt/test", "test", Clock.systemUTC(), a -> {
                synchronized (alarms) {
                    alarms.add(a);
                }
            });
            var config = Harness.config("site-a", broker.tcpUri());
            config.put("protocol", protocol);
            config.put("clientId", "gridprint-redelivery");
            var settings = BrokerSettingsParser.parse(config);

            var first = new MessageIngest(new PayloadParser(settings.maxMessageBytes()), ingest, conditions,
                    settings.source());
            try (var link = new BrokerLink(settings, first, conditions, Clock.systemUTC())) {
                link.start();
                Harness.await("subscribed", () -> link.connects() == 1);
                var pub = Harness.client(broker.tcpUri(), "test-publisher");
                for (int i = 0; i < MESSAGES; i++) {
                    var at = T0.plusSeconds(60L * i);
                    Harness.publish(pub, "gridprint/ingest/site-a",
                            "[" + item(M1, "kWh", at, String.valueOf(1000 + i)) + "," + item(M2, "Wh", at,
                                    String.valueOf(500 * i)) + "]");
                }
                pub.disconnect();
                // every message arrived and was refused by the store; each refusal renews the connection and the
                // broker delivers the unacknowledged messages again
                Harness.await("redelivered twice", () -> first.messages() >= 3L * MESSAGES && link.connects() >= 3);
                assertEquals(0, derby.readingCount(), "nothing stored while the store refuses");
                assertTrue(store.refusedBatches.get() >= 3);

                store.failing.set(false);
                Harness.await("all stored", () -> derby.readingCount() == 2L * MESSAGES);
                for (int i = 0; i < MESSAGES; i++) {
                    var at = T0.plusSeconds(60L * i);
                    assertEquals(1000 + i, value(derby, M1, at), 1e-9);
                    assertEquals(0.5 * i, value(derby, M2, at), 1e-9, "500 Wh per step = 0.5 kWh");
                }
                Harness.await("accepted counted", () -> first.accepted() == 2L * MESSAGES);
                assertEquals(2L * MESSAGES, store.acceptedReadings.get(), "each reading accepted exactly once");

                var unavailable = events.on(Topics.alarm(AlarmKind.STORE_UNAVAILABLE));
                assertEquals(List.of(EventKeys.RAISED, EventKeys.CLEARED),
                        unavailable.stream().map(e -> e.getProperty(EventKeys.ALARM_STATE)).toList(),
                        "one alarm when the store refused, one when it took the batch again");
                synchronized (alarms) {
                    assertTrue(alarms.stream().noneMatch(a -> a.kind() == AlarmKind.DEVICE_ERROR),
                            "the link itself is fine: no DEVICE_ERROR for a store refusal: " + alarms);
                }
            }

            // the same session again: every message was acknowledged after it was stored, so the broker holds
            // nothing for us but a marker published now
            var again = new MessageIngest(new PayloadParser(settings.maxMessageBytes()), ingest, conditions,
                    settings.source());
            try (var link = new BrokerLink(settings, again, conditions, Clock.systemUTC())) {
                link.start();
                Harness.await("subscribed again", () -> link.connects() == 1);
                var pub = Harness.client(broker.tcpUri(), "test-publisher");
                var marker = T0.plusSeconds(60L * MESSAGES);
                Harness.publish(pub, "gridprint/ingest/site-a", item(M1, "kWh", marker, "7"));
                pub.disconnect();
                Harness.await("marker stored", () -> derby.readingCount() == 2L * MESSAGES + 1);
                assertEquals(1, again.messages(), "only the marker: nothing was left unacknowledged");
            }
        }
    }

    private static double value(DerbyStore store, String meter, java.time.Instant at) {
        var r = store.readings(meter, Quantity.ACTIVE_ENERGY_IMPORT, at, at.plusMillis(1));
        assertEquals(1, r.size(), "readings of " + meter + " at " + at);
        return r.get(0).value();
    }
}
