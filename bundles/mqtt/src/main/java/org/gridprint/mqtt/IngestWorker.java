package org.gridprint.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that stores what the callback thread parsed: takes a group from the {@link IngestQueue} (up to
 * {@value #GROUP_MESSAGES} messages or {@value #GROUP_READINGS} readings), stores its readings as ONE ingest batch
 * ({@link MessageIngest#store}), and only then acknowledges each message, in arrival order. While it stores, the
 * callback thread parses the next messages. A routed message (job stamps, bills, logs) is handled alone, in its
 * place in the order. When storing (or a route) throws, nothing of the group is acknowledged: the queue is emptied
 * and refuses, and {@code refused} is told so that the link drops the connection; the broker redelivers every
 * unacknowledged message after the reconnect.
 */
final class IngestWorker implements Runnable {

    static final int GROUP_MESSAGES = 500;
    static final int GROUP_READINGS = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);

    private final IngestQueue queue;
    private final MessageIngest ingest;
    private final Consumer<MqttTransport.Delivery> acknowledge;
    private final Consumer<String> refused;
    private volatile boolean stopped;

    /**
     * @param ingest      null when the link has no ingest topics (only routed messages arrive)
     * @param acknowledge sends a message's acknowledgement
     * @param refused     told the reason when a group could not be handled (the link drops the connection)
     */
    IngestWorker(IngestQueue queue, MessageIngest ingest, Consumer<MqttTransport.Delivery> acknowledge,
            Consumer<String> refused) {
        this.queue = queue;
        this.ingest = ingest;
        this.acknowledge = acknowledge;
        this.refused = refused;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            List<IngestQueue.Pending> group;
            try {
                group = queue.take(GROUP_MESSAGES, GROUP_READINGS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (group.isEmpty()) {
                return;
            }
            try {
                handle(group);
            } catch (RuntimeException e) {
                // store unavailable (ingest alarms it once) or a route failed: acknowledge nothing of the group
                queue.refuse();
                LOG.debug("MQTT ingest of {} message(s) failed: {}", group.size(), e.getMessage());
                refused.accept(String.valueOf(e.getMessage()));
                continue;
            }
            for (var p : group) {
                acknowledge.accept(p.delivery());
            }
        }
    }

    private void handle(List<IngestQueue.Pending> group) {
        if (group.get(0) instanceof IngestQueue.Routed r) {
            r.work().run();
            return;
        }
        var prepared = new ArrayList<MessageIngest.Prepared>(group.size());
        for (var p : group) {
            prepared.add(((IngestQueue.Readings) p).prepared());
        }
        ingest.store(prepared);
    }
}
