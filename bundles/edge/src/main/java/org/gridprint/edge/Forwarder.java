package org.gridprint.edge;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.driver.AlarmConditions;
import org.gridprint.api.edge.Outbox;
import org.gridprint.driver.toolkit.Backoff;
import org.gridprint.driver.toolkit.tls.TlsErrors;
import org.gridprint.driver.toolkit.tls.TlsSocketFactories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the outbox to the central over MQTT 3.1.1 (Paho, QoS 1, persistent session) on one thread of its own:
 * reads outbox entries in order after the last one sent, publishes them as batches of up to {@code batchReadings}
 * readings on {@code <prefix><edge>/batch} (at most {@code maxInFlight} unacknowledged, at most
 * {@code drainReadingsPerSecond}), and removes entries from the outbox only when the central's acknowledgement for
 * them arrives on {@code <prefix><edge>/ack} (sent by the central after its store committed them; the broker's PUBACK
 * alone removes nothing). A batch not acknowledged within {@code ackTimeout} is sent again with everything after it
 * (go-back-N: the central's idempotency counts the repeats as duplicates), one batch at a time until an acknowledgement
 * comes again (a central that is down is probed, not flooded); after a reconnect everything still queued is sent
 * again from the oldest entry. Reconnects follow a capped exponential back-off (the reconnect rate limit).
 *
 * <p>Alarms (one when a condition starts, one when it clears): FORWARD_UNAVAILABLE while the broker cannot be reached
 * or acknowledgements do not come in time, cleared by the next acknowledgement (or, with nothing to send, by the
 * next connect); OUTBOX_FULL while the outbox is at its capacity or refuses/drops readings.
 */
public final class Forwarder implements MqttCallback, AutoCloseable {

    static final String FORWARD = "forward";
    static final String FULL = "outbox-full";
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final long RATE_WINDOW_MILLIS = 60_000;

    /** A batch sent and not yet acknowledged. */
    private record Sent(long first, long last, int readings, long sentAt) {
    }

    private final EdgeSettings settings;
    private final Outbox outbox;
    private final AlarmConditions alarms;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Backoff backoff;
    private final DrainLimiter limiter;
    private final LinkedBlockingQueue<BatchWire.Ack> acks = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Guards the fields below that the status reads (the forwarder thread writes them). */
    private final Object state = new Object();
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    /** (time, readings) of recent acknowledgements, for the forward rate. */
    private final ArrayDeque<long[]> recentAcks = new ArrayDeque<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong centralDuplicates = new AtomicLong();
    private final AtomicLong centralRefused = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean lostLink;
    private volatile boolean closed;
    private volatile Instant lastAck;
    private volatile long lastAckSequence;
    private volatile String lastError = "";
    // forwarder thread only
    private long cursor;
    private volatile long nextConnectAt;
    private long lastRefused = -1;
    private long lastDropped = -1;
    /**
     * After an acknowledgement timeout only ONE batch is in flight until an acknowledgement arrives: a central that is
     * down is probed, not flooded with the whole window again every timeout (each repeat is a duplicate there).
     */
    private boolean probing;

    public Forwarder(EdgeSettings settings, Outbox outbox, AlarmConditions alarms, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.alarms = alarms;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectInitialMillis(), settings.reconnectMaxMillis());
        this.limiter = new DrainLimiter(settings.drainReadingsPerSecond(), clock.millis());
        this.options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(10);
        options.setMaxInflight(Math.max(10, settings.maxInFlight() * 4));
        settings.username().ifPresent(options::setUserName);
        settings.password().ifPresent(p -> options.setPassword(p.clone()));
        settings.tls().ifPresent(files -> {
            // trust from caFile, the client certificate, TLS 1.3 preferred; the broker's host name is verified
            options.setSocketFactory(TlsSocketFactories.build(files));
            options.setHttpsHostnameVerificationEnabled(true);
        });
        try {
            client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(EdgeSettings.PID + ": field 'serverUri' is '" + settings.serverUri()
                    + "'; the MQTT client cannot use it: " + e.getMessage());
        }
        client.setCallback(this);
        thread = new Thread(this::run, "gridprint-edge-forwarder " + settings.edgeId());
        thread.setDaemon(true);
    }

    public Forwarder start() {
        thread.start();
        return this;
    }

    // ---------------------------------------------------------------- the forwarder thread

    private void run() {
        while (!closed) {
            try {
                step();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // the outbox's store is unavailable (recovering) or closing: try again shortly, one alarm
                lastError = String.valueOf(e.getMessage());
                alarms.raise(FORWARD, AlarmKind.FORWARD_UNAVAILABLE, "edge " + settings.edgeId() + ": the outbox "
                        + "cannot be read or updated: " + lastError + "; retrying", List.of());
                sleep(500);
            }
        }
    }

    private void step() throws InterruptedException {
        long now = clock.millis();
        checkFull();
        if (lostLink) {
            lostLink = false;
            restartFromOldest("the connection was lost");
        }
        if (!connected) {
            if (now < nextConnectAt) {
                takeAcks(Math.min(200, nextConnectAt - now));
                return;
            }
            connect();
            return;
        }
        takeAcks(0);
        timeouts(now);
        long wait = 100;
        int inFlightNow;
        synchronized (state) {
            inFlightNow = inFlight.size();
        }
        if (inFlightNow < (probing ? 1 : settings.maxInFlight())) {
            var entries = outbox.peek(cursor, settings.batchReadings());
            if (entries.isEmpty()) {
                if (inFlightNow == 0) {
                    alarms.clear(FORWARD); // connected and nothing to send: nothing is unavailable
                }
            } else {
                int readings = entries.stream().mapToInt(e -> e.readings().size()).sum();
                long delay = limiter.take(readings, now);
                if (delay == 0) {
                    publish(entries, readings, now);
                    wait = 0;
                } else {
                    wait = Math.min(delay, 200);
                }
            }
        }
        takeAcks(wait);
    }

    private void connect() {
        connectAttempts.incrementAndGet();
        try {
            client.connect(options).waitForCompletion(15_000);
            var token = client.subscribe(settings.ackTopic(), 1);
            token.waitForCompletion(15_000);
            if (token.getGrantedQos()[0] == 0x80) {
                throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            }
            backoff.succeeded();
            connected = true;
            lostLink = false;
            restartFromOldest(null);
            LOG.info("edge {} forwarding to {} as {} ({})", settings.edgeId(), settings.serverUri(),
                    settings.clientId(), settings.batchTopic());
        } catch (MqttException | RuntimeException e) {
            lastError = explain(e);
            // the reconnect rate limit: capped exponential back-off, never faster than reconnectInitialMillis
            long wait = Math.max(backoff.failed(clock.millis()), settings.reconnectInitialMillis());
            nextConnectAt = clock.millis() + wait;
            alarms.raise(FORWARD, AlarmKind.FORWARD_UNAVAILABLE, "edge " + settings.edgeId() + ": the broker "
                    + settings.serverUri() + " cannot be reached: " + lastError + "; readings wait in the outbox, "
                    + "reconnecting with back-off up to " + settings.reconnectMaxMillis() + " ms", List.of());
            try {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(2_000);
                }
            } catch (MqttException ignored) {
                // the next attempt starts over
            }
        }
    }

    private void publish(List<org.gridprint.api.edge.OutboxEntry> entries, int readings, long now) {
        var payload = BatchWire.encode(settings.edgeId(), entries);
        long first = entries.get(0).id();
        long last = entries.get(entries.size() - 1).id();
        try {
            client.publish(settings.batchTopic(), payload, 1, false);
        } catch (MqttException e) {
            // not handed to Paho (e.g. the link just dropped): sent again from the oldest entry after the reconnect
            lastError = explain(e);
            LOG.debug("edge {}: batch {}..{} not published: {}", settings.edgeId(), first, last, lastError);
            return;
        }
        synchronized (state) {
            inFlight.add(new Sent(first, last, readings, now));
        }
        cursor = last;
        sent.incrementAndGet();
    }

    /** Waits up to {@code waitMillis} for acknowledgements and applies every one that arrived. */
    private void takeAcks(long waitMillis) throws InterruptedException {
        var ack = waitMillis > 0 ? acks.poll(waitMillis, TimeUnit.MILLISECONDS) : acks.poll();
        while (ack != null) {
            apply(ack);
            ack = acks.poll();
        }
    }

    private void apply(BatchWire.Ack ack) {
        outbox.acknowledge(ack.first(), ack.sequence()); // durable: the entries leave the outbox
        long now = clock.millis();
        int readings = 0;
        synchronized (state) {
            var it = inFlight.iterator();
            while (it.hasNext()) {
                var s = it.next();
                if (s.first() >= ack.first() && s.last() <= ack.sequence()) {
                    readings += s.readings();
                    it.remove();
                }
            }
            readings = readings == 0 ? (int) (ack.accepted() + ack.duplicates() + ack.refused()) : readings;
            recentAcks.add(new long[] {now, readings});
            while (!recentAcks.isEmpty() && recentAcks.peek()[0] < now - RATE_WINDOW_MILLIS) {
                recentAcks.poll();
            }
        }
        acknowledged.addAndGet(readings);
        centralDuplicates.addAndGet(ack.duplicates());
        centralRefused.addAndGet(ack.refused());
        lastAck = Instant.ofEpochMilli(now);
        lastAckSequence = Math.max(lastAckSequence, ack.sequence());
        probing = false;
        alarms.clear(FORWARD);
    }

    private void timeouts(long now) {
        Sent oldest;
        synchronized (state) {
            oldest = inFlight.peek();
        }
        if (oldest != null && now - oldest.sentAt() >= settings.ackTimeoutMillis()) {
            alarms.raise(FORWARD, AlarmKind.FORWARD_UNAVAILABLE, "edge " + settings.edgeId() + ": the central did "
                    + "not acknowledge batch " + oldest.first() + ".." + oldest.last() + " within "
                    + settings.ackTimeoutMillis() + " ms (central down or its store unavailable); readings wait in "
                    + "the outbox and are sent again", List.of());
            restartFromOldest("no acknowledgement in time");
            probing = true;
        }
    }

    /** Forgets what is in flight and sends again from the oldest queued entry (acknowledged ones are gone). */
    private void restartFromOldest(String why) {
        int n;
        synchronized (state) {
            n = inFlight.size();
            inFlight.clear();
        }
        cursor = 0;
        if (why != null && n > 0) {
            resent.addAndGet(n);
            LOG.debug("edge {}: {} batches in flight are sent again: {}", settings.edgeId(), n, why);
        }
    }

    private void checkFull() {
        var st = outbox.outboxStatus();
        boolean newRefusals = lastRefused >= 0 && st.refusedBatches() > lastRefused;
        boolean newDrops = lastDropped >= 0 && st.droppedReadings() > lastDropped;
        lastRefused = st.refusedBatches();
        lastDropped = st.droppedReadings();
        if (!st.enabled()) {
            return;
        }
        if (st.readings() >= st.capacity() || newRefusals || newDrops) {
            alarms.raise(FULL, AlarmKind.OUTBOX_FULL, "edge " + settings.edgeId() + ": the outbox is full ("
                    + st.readings() + " of " + st.capacity() + " readings, policy " + st.policy().configName() + ")"
                    + (st.policy() == org.gridprint.api.edge.OutboxPolicy.REFUSE_NEW
                            ? ": new batches are refused, drivers keep them in their retry buffers"
                            : ": the oldest readings are dropped, never forwarded"), List.of());
        } else {
            alarms.clear(FULL);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    // ---------------------------------------------------------------- Paho's threads

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            var ack = BatchWire.decodeAck(message.getPayload());
            if (ack.edge().equals(settings.edgeId())) {
                acks.add(ack);
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("edge {}: ignored a message on {}: {}", settings.edgeId(), topic, e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        connected = false;
        lostLink = true;
        lastError = explain(cause);
        // the forwarder thread reconnects, not before reconnectInitialMillis (then with its back-off)
        nextConnectAt = clock.millis() + settings.reconnectInitialMillis();
        if (!closed) {
            alarms.raise(FORWARD, AlarmKind.FORWARD_UNAVAILABLE, "edge " + settings.edgeId() + ": the connection to "
                    + settings.serverUri() + " was lost: " + lastError + "; readings wait in the outbox", List.of());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // the broker's PUBACK removes nothing: only the central's acknowledgement does
    }

    // ---------------------------------------------------------------- status and close

    public ForwardStatus status() {
        long now = clock.millis();
        int inFlightNow;
        double rate;
        synchronized (state) {
            inFlightNow = inFlight.size();
            long sum = 0;
            long oldest = now;
            for (var a : recentAcks) {
                if (a[0] >= now - RATE_WINDOW_MILLIS) {
                    sum += a[1];
                    oldest = Math.min(oldest, a[0]);
                }
            }
            long span = Math.max(1000, Math.min(RATE_WINDOW_MILLIS, now - oldest + 1000));
            rate = sum * 1000.0 / span;
        }
        return new ForwardStatus(settings.edgeId(), settings.serverUri(), outbox.outboxStatus(), connected,
                inFlightNow, Optional.ofNullable(lastAck), lastAckSequence, rate, sent.get(), resent.get(),
                acknowledged.get(), centralDuplicates.get(), centralRefused.get(), connectAttempts.get(), lastError);
    }

    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.debug("edge {}: disconnect: {}", settings.edgeId(), describe(e));
        }
        try {
            client.close();
        } catch (MqttException e) {
            LOG.debug("edge {}: close: {}", settings.edgeId(), describe(e));
        }
    }

    /** A failure in the words of the configuration: TLS ones name the field to look at. */
    private String explain(Throwable e) {
        return TlsErrors.describe(e, settings.serverUri(),
                settings.tls().map(t -> t.hasClientCertificate()).orElse(false)).orElseGet(() -> describe(e));
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "connection closed";
        }
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused (no broker listening)";
            }
        }
        if (e instanceof MqttException m) {
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost";
                case MqttException.REASON_CODE_NOT_AUTHORIZED, MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                        "not authorised by the broker (user name / password)";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
                case MqttException.REASON_CODE_SUBSCRIBE_FAILED -> "the broker refused the subscription";
                default -> "MQTT error " + m.getReasonCode() + ": " + m.getMessage();
            };
        }
        return String.valueOf(e.getMessage());
    }
}
