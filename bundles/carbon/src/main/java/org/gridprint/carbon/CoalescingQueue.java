package org.gridprint.carbon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * The calculator's work queue: meter ids waiting for the worker. A meter queued again before the worker took it
 * is held once (coalescing), so the queue never holds more than the meters; at most one drain is scheduled on the
 * executor at a time and it takes everything queued in batches until the queue is empty. A run that throws ends
 * that drain only (logged); the meters still queued are taken by the next one.
 */
final class CoalescingQueue {

    private static final Logger LOG = CarbonCalculatorImpl.LOG;

    private final Object lock = new Object();
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final Consumer<List<String>> runBatch;
    private boolean drainScheduled;
    private volatile Executor executor;
    private ExecutorService ownedExecutor;
    private volatile boolean stopping;

    /**
     * @param runBatch one worker run over the meters taken from the queue
     * @param executor runs the drains; null until {@link #startOwnThread} (then requests only queue)
     */
    CoalescingQueue(Consumer<List<String>> runBatch, Executor executor) {
        this.runBatch = runBatch;
        this.executor = executor;
    }

    /** Starts a single daemon worker thread of this name and runs the drains on it. */
    void startOwnThread(String threadName) {
        var owned = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        synchronized (lock) {
            ownedExecutor = owned;
            executor = owned;
            stopping = false;
        }
    }

    /**
     * Drops what is queued, asks the running drain to stop between meters/windows (no interrupt: an interrupted
     * Derby call may close its files; the worker checks {@link #stopping()} instead) and awaits it.
     */
    void stop(Duration await) {
        ExecutorService owned;
        synchronized (lock) {
            stopping = true;
            executor = null;
            owned = ownedExecutor;
            ownedExecutor = null;
            pending.clear();
        }
        if (owned != null) {
            owned.shutdown();
            try {
                if (!owned.awaitTermination(await.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("carbon worker still busy {} s after stop; it ends after its current store call",
                            await.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once {@link #stop} was called: running work ends at the next meter or window. */
    boolean stopping() {
        return stopping;
    }

    /** True when queued meters are handed to an executor. */
    boolean started() {
        return executor != null;
    }

    /** Queues meters and schedules a drain unless one is scheduled already. Returns at once. */
    void request(Collection<String> meterIds) {
        Executor target = null;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            pending.addAll(meterIds);
            if (!drainScheduled && executor != null && !pending.isEmpty()) {
                drainScheduled = true;
                target = executor;
            }
        }
        if (target != null) {
            try {
                target.execute(this::drain);
            } catch (RejectedExecutionException e) {
                synchronized (lock) {
                    drainScheduled = false;
                }
                LOG.warn("carbon worker refused work (stopping?): {} meters stay queued", meterIds.size());
            }
        }
    }

    /** Queued meters not yet taken by the worker. */
    int size() {
        synchronized (lock) {
            return pending.size();
        }
    }

    private void drain() {
        try {
            while (true) {
                List<String> batch;
                synchronized (lock) {
                    if (pending.isEmpty() || stopping) {
                        drainScheduled = false;
                        return;
                    }
                    batch = new ArrayList<>(pending);
                    pending.clear();
                }
                runBatch.accept(batch);
            }
        } catch (Throwable t) {
            synchronized (lock) {
                drainScheduled = false;
            }
            LOG.error("carbon worker run ended by {}; queued meters are taken by the next run", t.toString(), t);
        }
    }
}
