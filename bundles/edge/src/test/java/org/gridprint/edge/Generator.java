package org.gridprint.edge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.gridprint.api.IngestService;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * Reads "meters" at a fixed interval like a driver: poll k gives every meter the value k (a cumulative register that
 * rises by one per poll) at t0 + k * interval, submitted through the real IngestService as one batch. Batches ingest
 * refuses (the edge's store is restarting, the outbox is full) stay in a retry buffer, in order, and are submitted
 * again at the next tick.
 */
final class Generator implements AutoCloseable {

    private final List<Meter> meters;
    private final long intervalMillis;
    private final Supplier<IngestService> ingest;
    private final Instant t0;
    private final ArrayDeque<List<Reading>> retry = new ArrayDeque<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    Generator(List<Meter> meters, long intervalMillis, Supplier<IngestService> ingest) {
        this.meters = meters;
        this.intervalMillis = intervalMillis;
        this.ingest = ingest;
        this.t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        this.thread = new Thread(this::run, "test-generator");
        thread.setDaemon(true);
    }

    Generator start() {
        thread.start();
        return this;
    }

    Instant t0() {
        return t0;
    }

    long polls() {
        return polls.get();
    }

    long refusals() {
        return refusals.get();
    }

    synchronized int buffered() {
        return retry.size();
    }

    private void run() {
        long next = System.currentTimeMillis();
        while (!stopped) {
            long k = polls.get();
            var batch = new ArrayList<Reading>(meters.size());
            for (var m : meters) {
                batch.add(new Reading(m.id(), Quantity.ACTIVE_ENERGY_IMPORT, t0.plusMillis(k * intervalMillis), k,
                        Quality.GOOD, "test/generator"));
            }
            synchronized (this) {
                retry.add(batch);
                polls.incrementAndGet();
                submitBuffered();
            }
            next += intervalMillis;
            long wait = next - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Submits the buffered batches in order; stops at the first refusal (kept for the next tick). */
    private void submitBuffered() {
        while (!retry.isEmpty()) {
            var service = ingest.get();
            if (service == null) {
                refusals.incrementAndGet();
                return;
            }
            try {
                service.submit("test/generator", retry.peek());
                retry.poll();
            } catch (RuntimeException e) {
                refusals.incrementAndGet();
                return;
            }
        }
    }

    /** Stops polling and submits what is still buffered (bounded tries). */
    void stopAndFlush() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
        for (int i = 0; i < 100; i++) {
            synchronized (this) {
                submitBuffered();
                if (retry.isEmpty()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(buffered() + " batches could not be submitted");
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
