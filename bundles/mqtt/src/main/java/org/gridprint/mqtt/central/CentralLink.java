package org.gridprint.mqtt.central;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import org.gridprint.api.IngestService;
import org.gridprint.api.driver.AlarmConditions;
import org.gridprint.driver.toolkit.Backoff;
import org.gridprint.driver.toolkit.tls.TlsErrors;
import org.gridprint.driver.toolkit.tls.TlsSocketFactories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central's MQTT link for edge forwarding (QoS 1, persistent session): subscribes {@code <prefix>+/batch},
 * stores each batch through {@link IngestService#submit} (idempotent: a resent batch is counted as duplicates) and
 * publishes the acknowledgement on {@code <prefix><edge>/ack} only after that call returned, i.e. after the central
 * store's durable commit. When ingest throws (store unavailable) the message is not acknowledged to the broker either:
 * Paho drops the connection and the broker redelivers it after the reconnect. A batch that cannot be decoded is
 * counted and held as one INVALID_READING condition per edge (one alarm, cleared by the edge's next good batch).
 */
public final class CentralLink implements MqttCallbackExtended, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CentralLink.class);
    private static final String LINK = "central-link";

    private final CentralSettings settings;
    private final IngestService ingest;
    private final AlarmConditions alarms;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private volatile Instant lastBatch;
    private volatile boolean closed;
    private volatile String lastError = "";

    public CentralLink(CentralSettings settings, IngestService ingest, AlarmConditions alarms, Clock clock) {
        this.settings = settings;
        this.ingest = ingest;
        this.alarms = alarms;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectInitialMillis(), settings.reconnectMaxMillis());
        this.options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(10);
        options.setMaxInflight(1000);
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.clone()));
        settings.tls().ifPresent(files -> {
            // trust from caFile, the client certificate, TLS 1.3 preferred; the broker's host name is verified
            options.setSocketFactory(TlsSocketFactories.build(files));
            options.setHttpsHostnameVerificationEnabled(true);
        });
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(CentralSettings.PID + ": client cannot be created for serverUri '"
                    + settings.serverUri() + "': " + e.getMessage());
        }
        client.setCallback(this);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-edge-central");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        executor.execute(this::attempt);
    }

    private void attempt() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(15_000);
            var token = client.subscribe(settings.topicPrefix() + "+/batch", 1);
            token.waitForCompletion(15_000);
            if (token.getGrantedQos()[0] == 0x80) {
                throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            }
            connects.incrementAndGet();
            backoff.succeeded();
            alarms.clear(LINK);
            LOG.info("edge central connected to {} as {}, receiving {}+/batch", settings.serverUri(),
                    settings.clientId(), settings.topicPrefix());
        } catch (MqttException | RuntimeException e) {
            lastError = explain(e);
            long wait = backoff.failed(clock.millis());
            alarms.raise(LINK, AlarmKind.DEVICE_ERROR, "edge central: MQTT broker " + settings.serverUri()
                    + " cannot be reached: " + lastError + "; edges keep their batches in their outboxes; retrying "
                    + "with back-off up to " + settings.reconnectMaxMillis() + " ms", List.of());
            if (client.isConnected()) {
                try {
                    client.disconnect().waitForCompletion(2_000);
                } catch (MqttException ignored) {
                    // reconnect follows
                }
            }
            executor.schedule(this::attempt, Math.max(1, wait), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        var rest = topic.substring(settings.topicPrefix().length());
        if (!rest.endsWith("/batch") || rest.length() <= "/batch".length()) {
            return;
        }
        var edge = rest.substring(0, rest.length() - "/batch".length());
        EdgeBatch batch;
        try {
            batch = EdgeWire.decodeBatch(edge, message.getPayload());
        } catch (IllegalArgumentException e) {
            bad.incrementAndGet();
            alarms.raise("edge-" + edge, AlarmKind.INVALID_READING, "edge central: a batch from edge " + edge
                    + " was refused: " + e.getMessage(), List.of());
            return;
        }
        // throws when the store cannot take it: Paho then drops the connection, the broker redelivers the message
        var result = ingest.submit("edge/" + edge, batch.readings());
        batches.incrementAndGet();
        accepted.addAndGet(result.accepted());
        duplicates.addAndGet(result.duplicates());
        long refusedHere = result.invalid() + result.conflicts();
        refused.addAndGet(refusedHere);
        lastBatch = clock.instant();
        alarms.clear("edge-" + edge);
        var ack = new EdgeAck(edge, batch.first(), batch.sequence(), result.accepted(), result.duplicates(),
                refusedHere);
        try {
            client.publish(settings.topicPrefix() + edge + "/ack", EdgeWire.encodeAck(ack), 1, false);
            acks.incrementAndGet();
        } catch (MqttException e) {
            // stored, not acknowledged: the edge re-sends after its timeout and gets duplicates acknowledged
            LOG.debug("edge central: acknowledgement of edge {} batch {} not published: {}", edge, batch.sequence(),
                    LinkErrors.describe(e));
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (closed) {
            return;
        }
        lastError = explain(cause);
        alarms.raise(LINK, AlarmKind.DEVICE_ERROR, "edge central: connection to " + settings.serverUri() + " lost: "
                + lastError + "; reconnecting with back-off", List.of());
        // the back-off belongs to the link's thread (Backoff is not thread-safe)
        executor.execute(() -> executor.schedule(this::attempt, Math.max(1, backoff.failed(clock.millis())),
                TimeUnit.MILLISECONDS));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // the link counts a connect once its subscription is in place (attempt)
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // acknowledgements are fire-and-forget at QoS 1: a lost one makes the edge re-send (duplicates)
    }

    /** A failure in the words of the configuration: TLS ones name the field to look at. */
    private String explain(Throwable e) {
        return TlsErrors.describe(e, settings.serverUri(),
                settings.tls().map(t -> t.hasClientCertificate()).orElse(false))
                .orElseGet(() -> LinkErrors.describe(e));
    }

    public boolean connected() {
        return client.isConnected() && connects.get() > 0;
    }

    public CentralStatus status() {
        return new CentralStatus(settings.serverUri(), client.isConnected(), connects.get(), batches.get(),
                accepted.get(), duplicates.get(), refused.get(), acks.get(), bad.get(), Optional.ofNullable(lastBatch),
                lastError);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.debug("edge central: disconnect: {}", LinkErrors.describe(e));
        }
        try {
            client.close();
        } catch (MqttException e) {
            LOG.debug("edge central: close: {}", LinkErrors.describe(e));
        }
    }
}
