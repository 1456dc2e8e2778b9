package org.gridprint.mqtt;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.driver.AlarmConditions;
import org.gridprint.driver.toolkit.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection, 3.1.1 or 5 ({@code protocol}; Paho's mqttv3 or mqttv5 client behind {@link MqttTransport}):
 * connects, subscribes the ingest topic filters (and those of {@link #route routes}), hands messages to
 * {@link MessageIngest} (or a route's handler), publishes. Messages are acknowledged manually, only after they are
 * stored: Paho's callback thread parses each message into a bounded {@link IngestQueue}; one {@link IngestWorker}
 * thread stores up to {@value IngestWorker#GROUP_MESSAGES} queued messages as ONE ingest batch (one commit) and then
 * acknowledges them in arrival order. If the store refuses, nothing is acknowledged and the link drops and renews
 * its connection (back-off) so that the broker redelivers. When the link is down it reconnects with capped exponential
 * back-off ({@code reconnectInitialMillis} doubling up to {@code reconnectMaxMillis}) and holds ONE DEVICE_ERROR
 * condition:
 * raised when the link is lost (or the first connect fails), cleared when it is back; retries are only counted.
 * Publications made while the link is down wait in a bounded queue (oldest dropped and counted when full) and are
 * sent after the reconnect.
 */
public final class BrokerLink implements MqttTransport.Listener, AutoCloseable {

    static final String LINK_CONDITION = "link";
    static final int OUTBOX_CAPACITY = 10_000;
    /** Received messages waiting to be stored (and then acknowledged): at most this many messages ... */
    static final int QUEUE_MESSAGES = 2_000;
    /** ... and this many readings. */
    static final int QUEUE_READINGS = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

    private final BrokerSettings settings;
    private final MessageIngest ingest;
    private final AlarmConditions alarms;
    private final Clock clock;
    private final MqttTransport client;
    private final ScheduledExecutorService executor;
    private final Backoff backoff;
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final IngestQueue queue = new IngestQueue(QUEUE_MESSAGES, QUEUE_READINGS);
    private final IngestWorker worker;
    private final Thread workerThread;
    private volatile boolean closed;
    /** True while the link drops its connection itself (a store failure): not a lost link, no alarm. */
    private volatile boolean dropping;
    private volatile String lastError = "";

    private record Outgoing(String topic, byte[] payload, byte[] correlationData) {
        Outgoing(String topic, byte[] payload) {
            this(topic, payload, null);
        }
    }

    /** Messages on these filters go to the handler instead of reading ingest (job stamps, bills, logs, ...). */
    private record Route(List<String> filters, RouteHandler handler) {
    }

    /** A routed message's handler; {@code responseTopic} and {@code correlationData} are null unless MQTT 5 sent them.
     */
    @FunctionalInterface
    public interface RouteHandler {
        void handle(String topic, byte[] payload, String responseTopic, byte[] correlationData);
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** @param ingest null when the connection only publishes */
    public BrokerLink(BrokerSettings settings, MessageIngest ingest, AlarmConditions alarms, Clock clock) {
        this.settings = settings;
        this.ingest = ingest;
        this.alarms = alarms;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectInitialMillis(), settings.reconnectMaxMillis());
        this.client = settings.mqtt5() ? new PahoV5Transport(settings, this) : new PahoV3Transport(settings, this);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-mqtt-" + settings.id());
            t.setDaemon(true);
            return t;
        });
        this.worker = new IngestWorker(queue, ingest, client::acknowledge, this::storeRefused);
        this.workerThread = new Thread(worker, "gridprint-mqtt-ingest-" + settings.id());
        this.workerThread.setDaemon(true);
    }

    /**
     * Subscribes {@code filters} too and hands their messages to {@code handler} (before reading ingest: a topic
     * matched by a route never reaches the ingest topics' parser). Call before {@link #start()}. An exception of the
     * handler leaves the message unacknowledged, as for readings.
     */
    public void route(List<String> filters, BiConsumer<String, byte[]> handler) {
        route(filters, (topic, payload, responseTopic, correlation) -> handler.accept(topic, payload));
    }

    /** Like {@link #route(List, BiConsumer)}, the handler also told an MQTT 5 message's response topic. */
    public void route(List<String> filters, RouteHandler handler) {
        routes.add(new Route(List.copyOf(filters), handler));
    }

    /** Starts connecting in the background. */
    public void start() {
        workerThread.start();
        executor.execute(this::attempt);
    }

    private void attempt() {
        if (closed || client.isConnected()) {
            return;
        }
        queue.accept();
        try {
            client.connect(15_000);
            subscribe();
            connects.incrementAndGet();
            backoff.succeeded();
            alarms.clear(LINK_CONDITION);
            LOG.info("MQTT {} connected to {} as {} (MQTT {})", settings.id(), settings.serverUri(),
                    settings.clientId(), settings.protocol());
            flush();
        } catch (MqttTransport.TransportException | RuntimeException e) {
            lastError = e instanceof MqttTransport.TransportException ? e.getMessage() : MqttErrors.describe(e);
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

    private void subscribe() throws MqttTransport.TransportException {
        var filters = new java.util.ArrayList<String>();
        if (ingest != null) {
            filters.addAll(settings.ingestTopics());
        }
        for (var route : routes) {
            filters.addAll(route.filters());
        }
        if (!filters.isEmpty()) {
            client.subscribe(filters, settings.qos(), 15_000);
        }
    }

    private void schedule(long waitMillis) {
        if (!closed) {
            executor.schedule(this::attempt, waitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void disconnectQuietly() {
        client.disconnect(2000);
    }

    /**
     * The worker could not store a group (store unavailable) or a route failed: nothing of it was acknowledged.
     * Drops the connection (no DISCONNECT, like a lost link) and reconnects with the back-off, so that the broker
     * redelivers every unacknowledged message. No link alarm: the link is fine, ingest alarms the store once.
     */
    private void storeRefused(String reason) {
        if (closed) {
            return;
        }
        executor.execute(() -> {
            lastError = "messages not acknowledged, the store refused them: " + reason;
            dropping = true;
            try {
                client.drop(5_000);
            } finally {
                dropping = false;
            }
            schedule(backoff.failed(clock.millis()));
        });
    }

    @Override
    public void connectionLost(String reason) {
        if (closed || dropping) {
            return;
        }
        lastError = reason;
        alarms.raise(LINK_CONDITION, AlarmKind.DEVICE_ERROR, "MQTT link to " + settings.serverUri() + " ("
                + settings.id() + ") lost: " + lastError + "; reconnecting with back-off up to "
                + settings.reconnectMaxMillis() + " ms", List.of());
        executor.execute(() -> schedule(backoff.failed(clock.millis())));
    }

    /**
     * On Paho's callback thread: parses a reading message (or wraps a routed one) and queues it for the worker,
     * which stores and then acknowledges it; blocks while the queue is full. A message the queue refuses (the
     * connection is being dropped) stays unacknowledged: the broker redelivers it.
     */
    @Override
    public void messageArrived(String topic, byte[] payload, String responseTopic, byte[] correlationData,
            MqttTransport.Delivery delivery) throws InterruptedException {
        IngestQueue.Pending pending = null;
        for (var route : routes) {
            for (var filter : route.filters()) {
                if (pending == null && TopicFilters.matches(filter, topic)) {
                    pending = new IngestQueue.Routed(
                            () -> route.handler().handle(topic, payload, responseTopic, correlationData), delivery);
                }
            }
        }
        if (pending == null) {
            pending = ingest == null ? new IngestQueue.Routed(() -> { }, delivery)
                    : new IngestQueue.Readings(ingest.prepare(topic, payload), delivery);
        }
        queue.put(pending);
    }

    @Override
    public void delivered() {
        published.incrementAndGet();
    }

    /** Publishes with the configured QoS, not retained; queued while the link is down. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, null);
    }

    /**
     * Publishes an MQTT 5 response: {@code correlationData} (null: none) goes with it as the request asked; MQTT 3.1.1
     * sends the payload alone. Queued like every publication while the link is down.
     */
    public void publish(String topic, byte[] payload, byte[] correlationData) {
        var outgoing = new Outgoing(topic, payload, correlationData);
        synchronized (outbox) {
            if (!outbox.isEmpty() || !client.isConnected()) {
                enqueue(outgoing);
                return;
            }
        }
        try {
            client.publish(topic, payload, settings.qos(), correlationData);
        } catch (MqttTransport.TransportException e) {
            synchronized (outbox) {
                enqueue(outgoing);
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
                client.publish(next.topic(), next.payload(), settings.qos(), next.correlationData());
            } catch (MqttTransport.TransportException e) {
                if (e.inflightFull()) {
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
        worker.stop();
        queue.close();
        try {
            workerThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (client.isConnected()) {
            disconnectQuietly();
        }
        client.close();
        alarms.clearAllExcept("", Set.of());
    }
}
