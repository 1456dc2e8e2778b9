package org.gridprint.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over from the MQTT callback thread (which parses) to the ingest worker (which stores and then
 * acknowledges): at most {@code maxMessages} messages and {@code maxReadings} readings wait (one message always fits
 * into an empty queue). A full queue blocks the callback thread (back-pressure: Paho stops reading the socket, the
 * broker keeps the rest); nothing is ever dropped silently: a message is only refused while the queue
 * {@link #refuse refuses} (its connection is being dropped; the message stays unacknowledged and is redelivered).
 */
final class IngestQueue {

    /** One received message waiting for the worker. */
    sealed interface Pending {
        MqttTransport.Delivery delivery();

        default int readings() {
            return 0;
        }
    }

    /** Readings to store (possibly none: a message whose every item was refused is only acknowledged). */
    record Readings(MessageIngest.Prepared prepared, MqttTransport.Delivery delivery) implements Pending {
        @Override
        public int readings() {
            return prepared.readings().size();
        }
    }

    /** A routed message (job stamps, bills, logs) or one nobody handles: run alone, in order, then acknowledged. */
    record Routed(Runnable work, MqttTransport.Delivery delivery) implements Pending {
    }

    private final int maxMessages;
    private final int maxReadings;
    private final ArrayDeque<Pending> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int readings;
    private boolean refusing;
    private boolean closed;

    IngestQueue(int maxMessages, int maxReadings) {
        this.maxMessages = maxMessages;
        this.maxReadings = maxReadings;
    }

    /**
     * Appends, waiting while the queue is full. Returns false (not queued) while the queue refuses or after
     * {@link #close()}: the message is then not acknowledged.
     */
    boolean put(Pending p) throws InterruptedException {
        lock.lock();
        try {
            while (!refusing && !closed && !items.isEmpty()
                    && (items.size() >= maxMessages || readings + p.readings() > maxReadings)) {
                notFull.await();
            }
            if (refusing || closed) {
                return false;
            }
            items.addLast(p);
            readings += p.readings();
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next group, waiting for the first item: a routed message alone, or consecutive reading messages up to
     * {@code groupMessages} messages and {@code groupReadings} readings (the first always). Empty after
     * {@link #close()}.
     */
    List<Pending> take(int groupMessages, int groupReadings) throws InterruptedException {
        lock.lock();
        try {
            while (items.isEmpty() && !closed) {
                notEmpty.await();
            }
            var group = new ArrayList<Pending>();
            if (closed) {
                return group;
            }
            var first = items.pollFirst();
            group.add(first);
            int n = first.readings();
            if (first instanceof Readings) {
                while (group.size() < groupMessages && items.peekFirst() instanceof Readings next
                        && n + next.readings() <= groupReadings) {
                    items.pollFirst();
                    group.add(next);
                    n += next.readings();
                }
            }
            readings -= n;
            notFull.signalAll();
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** Discards what waits (unacknowledged: redelivered) and refuses new messages until {@link #accept()}. */
    void refuse() {
        lock.lock();
        try {
            refusing = true;
            items.clear();
            readings = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes messages again (a new connection is being made). */
    void accept() {
        lock.lock();
        try {
            refusing = false;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes and refuses everyone for good. */
    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            readings = 0;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }
}
