package org.gridprint.mqtt;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.driver.AlarmConditions;
import org.gridprint.driver.toolkit.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 3.1.1 connection (Paho {@link MqttAsyncClient}): connects, subscribes the ingest topic filters, hands
 * messages to {@link MessageIngest}, publishes. When the link is down it reconnects with capped exponential back-off
 * ({@code reconnectInitialMillis} doubling up to {@code reconnectMaxMillis}) and holds ONE DEVICE_ERROR condition:
 * raised when the link is lost (or the first connect fails), cleared when it is back; retries are only counted.
 * Publications made while the link is down wait in a bounded queue (oldest dropped and counted when full) and are
 * sent after the reconnect.
 */
public final class BrokerLink implements MqttCallbackExtended, AutoCloseable {

    static final String LINK_CONDITION = "link";
    static final int OUTBOX_CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

    private final BrokerSettings settings;
    private final MessageIngest ingest;
    private final AlarmConditions alarms;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean closed;
    private volatile String lastError = "";

    private record Outgoing(String topic, byte[] payload) {
    }

    /** @param ingest null when the connection only publishes */
    public BrokerLink(BrokerSettings settings, MessageIngest ingest, AlarmConditions alarms, Clock clock) {
        this.settings = settings;
        this.ingest = ingest;
        this.alarms = alarms;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectInitialMillis(), settings.reconnectMaxMillis());
        this.options = options(settings);
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(BrokerSettings.PID + " '" + settings.id() + "': client cannot be "
                    + "created for serverUri '" + settings.serverUri() + "' and clientId '" + settings.clientId()
                    + "': " + e.getMessage());
        }
        client.setCallback(this);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-mqtt-" + settings.id());
            t.setDaemon(true);
            return t;
        });
    }

    private static MqttConnectOptions options(BrokerSettings s) {
        var o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(s.cleanSession());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(s.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setMaxInflight(1000);
        s.username().ifPresent(o::setUserName);
        s.password().ifPresent(p -> o.setPassword(p.clone()));
        if (s.tls()) {
            o.setSocketFactory(TlsContexts.socketFactory(s));
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    /** Starts connecting in the background. */
    public void start() {
        executor.execute(this::attempt);
    }

    private void attempt() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(15_000);
            subscribe();
            connects.incrementAndGet();
            backoff.succeeded();
            alarms.clear(LINK_CONDITION);
            LOG.info("MQTT {} connected to {} as {}", settings.id(), settings.serverUri(), settings.clientId());
            flush();
        } catch (MqttException | RuntimeException e) {
            lastError = MqttErrors.describe(e);
            var wait = backoff.failed(clock.millis());
            alarms.raise(LINK_CONDITION, AlarmKind.DEVICE_ERROR, "MQTT broker " + settings.serverUri() + " ("
                    + settings.id() + ") cannot be reached: " + lastError + "; retrying with back-off up to "
                    + settings.reconnectMaxMillis() + " ms", List.of());
            if (client.isConnected()) {
                disconnectQuietly();
            }
            schedule(wait);
        }
    }

    private void subscribe() throws MqttException {
        if (ingest == null || settings.ingestTopics().isEmpty()) {
            return;
        }
        var topics = settings.ingestTopics().toArray(String[]::new);
        var qos = new int[topics.length];
        java.util.Arrays.fill(qos, settings.qos());
        var token = client.subscribe(topics, qos);
        token.waitForCompletion(15_000);
        for (var granted : token.getGrantedQos()) {
            if (granted == 0x80) {
                throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            }
        }
    }

    private void schedule(long waitMillis) {
        if (!closed) {
            executor.schedule(this::attempt, waitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void disconnectQuietly() {
        try {
            client.disconnect(0).waitForCompletion(2000);
        } catch (MqttException e) {
            LOG.debug("MQTT {} disconnect: {}", settings.id(), e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (closed) {
            return;
        }
        lastError = MqttErrors.describe(cause);
        alarms.raise(LINK_CONDITION, AlarmKind.DEVICE_ERROR, "MQTT link to " + settings.serverUri() + " ("
                + settings.id() + ") lost: " + lastError + "; reconnecting with back-off up to "
                + settings.reconnectMaxMillis() + " ms", List.of());
        executor.execute(() -> schedule(backoff.failed(clock.millis())));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // the connect attempt itself clears the alarm and flushes, after the subscriptions are in place
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (ingest == null) {
            return;
        }
        // an exception (store unavailable) propagates: Paho drops the connection without acknowledging, and the
        // broker redelivers the message after the reconnect
        ingest.handle(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        published.incrementAndGet();
    }

    /** Publishes with the configured QoS, not retained; queued while the link is down. */
    public void publish(String topic, byte[] payload) {
        synchronized (outbox) {
            if (!outbox.isEmpty() || !client.isConnected()) {
                enqueue(new Outgoing(topic, payload));
                return;
            }
        }
        try {
            client.publish(topic, payload, settings.qos(), false);
        } catch (MqttException e) {
            synchronized (outbox) {
                enqueue(new Outgoing(topic, payload));
            }
        }
    }

    private void enqueue(Outgoing o) {
        if (outbox.size() >= OUTBOX_CAPACITY) {
            outbox.removeFirst();
            dropped.incrementAndGet();
        }
        outbox.addLast(o);
    }

    private void flush() {
        while (client.isConnected()) {
            Outgoing next;
            synchronized (outbox) {
                next = outbox.peekFirst();
                if (next == null) {
                    return;
                }
            }
            try {
                client.publish(next.topic(), next.payload(), settings.qos(), false);
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    sleepBriefly();
                    continue;
                }
                return;
            }
            synchronized (outbox) {
                outbox.pollFirst();
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Successful connects (each counted once its subscriptions are in place). */
    public long connects() {
        return connects.get();
    }

    public LinkStatus status() {
        int queued;
        synchronized (outbox) {
            queued = outbox.size();
        }
        return new LinkStatus(settings.id(), settings.serverUri(), client.isConnected(), connects.get(),
                backoff.failuresInARow(), lastError, queued, published.get(), dropped.get(),
                ingest == null ? 0 : ingest.messages(), ingest == null ? 0 : ingest.accepted(),
                ingest == null ? 0 : ingest.refused());
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client.isConnected()) {
            disconnectQuietly();
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT {} close: {}", settings.id(), e.getMessage());
        }
        alarms.clearAllExcept("", Set.of());
    }
}
