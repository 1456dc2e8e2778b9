package org.gridprint.bench;

import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.gridprint.api.IngestService;

/**
 * Devices polled on wall-clock slots, as the drivers poll: at every whole second each device that is idle hands
 * its poll (one batch at the slot's timestamp) to a pool of {@code threads} submitting threads; a device whose
 * previous poll has not returned when a slot starts skips that slot (a missed slot: those readings are never
 * taken), as the drivers' poll scheduler does. Runs until {@link #close}; what happens is recorded into the
 * {@link PhaseRecorder} current when the slot starts, so phases can be switched while the load goes on, or paused
 * between phases.
 */
final class SlotLoad implements AutoCloseable {

    private final IngestService ingest;
    private final LoadShape shape;
    private final ThreadPoolExecutor pool;
    private final AtomicIntegerArray busy;
    private final Thread scheduler;
    private volatile PhaseRecorder current;
    private volatile boolean running = true;

    SlotLoad(IngestService ingest, LoadShape shape, int threads, PhaseRecorder first) {
        this.ingest = ingest;
        this.shape = shape;
        this.current = first;
        this.busy = new AtomicIntegerArray(shape.devices());
        var n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "load-submit-" + n.incrementAndGet()));
        this.scheduler = new Thread(this::schedule, "load-slots");
        scheduler.setDaemon(true);
    }

    void start() {
        scheduler.start();
    }

    /** From the next slot on, record into {@code next}, or pause (no polls at all) when it is null. */
    PhaseRecorder switchTo(PhaseRecorder next) {
        var previous = current;
        current = next;
        return previous;
    }

    private void schedule() {
        long slot = System.currentTimeMillis() / 1000 * 1000 + 1000;
        while (running) {
            long wait = slot - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return; // close(): the scheduler is this class's own thread, never a store's
                }
                continue;
            }
            var rec = current;
            long now = System.currentTimeMillis();
            if (rec == null) { // paused between phases: no device polls
                slot = now / 1000 * 1000 + 1000;
                continue;
            }
            if (now - slot >= 1000) {
                // this thread itself was held up past whole slots: no device was polled in them
                long skipped = (now - slot) / 1000;
                rec.lateSlots.addAndGet(skipped);
                rec.missedSlots.addAndGet(skipped * shape.devices());
                slot += skipped * 1000;
            }
            long slotNanos = System.nanoTime() - (now - slot) * 1_000_000L;
            var ts = Instant.ofEpochMilli(slot);
            rec.slots.incrementAndGet();
            for (int d = 0; d < shape.devices(); d++) {
                if (busy.compareAndSet(d, 0, 1)) {
                    int device = d;
                    rec.inFlight.incrementAndGet();
                    pool.execute(() -> poll(device, ts, slotNanos, rec));
                } else {
                    rec.missedSlots.incrementAndGet();
                }
            }
            slot += 1000;
        }
    }

    private void poll(int device, Instant ts, long slotNanos, PhaseRecorder rec) {
        try {
            var batch = shape.batch(device, ts);
            long t0 = System.nanoTime();
            try {
                var result = ingest.submit(shape.source(device), batch);
                long t1 = System.nanoTime();
                rec.stored(result, batch.size(), t1 - t0, t1 - slotNanos);
            } catch (RuntimeException e) {
                rec.failed(e, System.nanoTime() - t0);
            }
        } finally {
            busy.set(device, 0);
            rec.inFlight.decrementAndGet();
        }
    }

    /**
     * Stops scheduling and waits (bounded) for the polls in flight. Never interrupts a submitting thread: an
     * interrupt reaching a Derby connection closes it.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        scheduler.interrupt();
        scheduler.join(10_000);
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            System.out.println("WARNING: polls still running 10 minutes after the load stopped; "
                    + pool.getActiveCount() + " threads busy, " + pool.getQueue().size() + " queued");
        }
    }
}
