package org.gridprint.driver.toolkit;

import java.util.ArrayDeque;
import java.util.List;

import org.gridprint.api.driver.RetryBuffer;

/** {@link RetryBuffer} as a bounded FIFO; the oldest items go first when full. A capacity of 0 keeps nothing. */
public final class BoundedRetryBuffer<T> implements RetryBuffer<T> {

    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private long dropped;

    public BoundedRetryBuffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized int keep(List<T> newItems) {
        items.addAll(newItems);
        int over = Math.max(0, items.size() - capacity);
        for (int i = 0; i < over; i++) {
            items.pollFirst();
        }
        dropped += over;
        return over;
    }

    @Override
    public synchronized List<T> items() {
        return List.copyOf(items);
    }

    @Override
    public synchronized void clear() {
        items.clear();
    }

    @Override
    public synchronized int size() {
        return items.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }
}
