package org.gridprint.carbon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * The engine's work queue: meter ids waiting for the worker, each with the earliest instant from which its windows
 * must be computed again (a late reading), {@link Long#MAX_VALUE} when it only continues. A meter queued again
 * before the worker took it is held once with the earlier of the two instants (coalescing), so the queue never
 * holds more than the meters; at most one drain is scheduled on the
 * executor at a time and it takes everything queued in batches until the queue is empty.
 *
 * <p><b>Failures.</b> A run that throws anything ({@link Error}s included) never ends the worker thread nor loses
 * meters: the meters of the batch the run had not started are put back in the queue (ahead of newer ones) and the
 * drain goes on with them and with whatever was queued meanwhile. The meter the run was on when it threw is not
 * put back (it would fail again at once); it is logged and computed again on its next request. A run that throws
 * before starting any meter (a fault outside the meters) puts the whole batch back and ends the drain, so a
 * persistent fault cannot spin; if meters are waiting then, the next request schedules a drain again.
 */
final class CoalescingQueue {

    /** One worker run over a batch of meters; calls {@code starting} with each meter before working on it. */
    @FunctionalInterface
    interface BatchRunner {
        void run(List<Queued> batch, Consumer<String> starting);
    }

    /** A queued meter and the earliest reading time to recompute from ({@link Long#MAX_VALUE}: none). */
    record Queued(String meterId, long fromMs) {
    }

    private static final Logger LOG = CarbonEngineImpl.LOG;

    private final Object lock = new Object();
    private final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
    private final BatchRunner runBatch;
    private boolean drainScheduled;
    private volatile Executor executor;
    private ExecutorService ownedExecutor;
    private volatile boolean stopping;

    /**
     * @param runBatch one worker run over the meters taken from the queue
     * @param executor runs the drains; null until {@link #startOwnThread} (then requests only queue)
     */
    CoalescingQueue(BatchRunner runBatch, Executor executor) {
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
                    LOG.warn("carbon engine worker still busy {} s after stop; it ends after its current store call",
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
        request(meterIds, Long.MAX_VALUE);
    }

    /** Queues meters to be recomputed from {@code fromMs} (the earlier instant wins for a meter already queued). */
    void request(Collection<String> meterIds, long fromMs) {
        Executor target = null;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            for (var id : meterIds) {
                pending.merge(id, fromMs, Math::min);
            }
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
                LOG.warn("carbon engine worker refused work (stopping?): {} meters stay queued", meterIds.size());
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
        var endedNormally = false;
        try {
            // bounded: every pass takes the queue; a failed pass either consumed at least one meter or ends the drain
            while (takeAndRun()) {
                // next pass
            }
            endedNormally = true;
        } catch (Throwable t) {
            LOG.error("carbon engine worker: queue bookkeeping failed: {}", t.toString(), t);
        } finally {
            if (!endedNormally) {
                synchronized (lock) {
                    drainScheduled = false;
                }
            }
        }
    }

    /**
     * Takes everything queued and runs it once.
     *
     * @return true to go on with the next pass, false when the drain ended (queue empty, stopping, or a run that
     *         failed before starting any meter)
     */
    private boolean takeAndRun() {
        List<Queued> batch;
        synchronized (lock) {
            if (pending.isEmpty() || stopping) {
                drainScheduled = false;
                return false;
            }
            batch = new ArrayList<>(pending.size());
            pending.forEach((id, from) -> batch.add(new Queued(id, from)));
            pending.clear();
        }
        var started = new LinkedHashSet<String>();
        try {
            runBatch.run(batch, started::add);
            return true;
        } catch (Throwable t) {
            return putBack(batch, started, t);
        }
    }

    /** After a failed run: the unstarted meters go back to the front of the queue. Returns whether to go on. */
    private boolean putBack(List<Queued> batch, Set<String> started, Throwable failure) {
        var unstarted = new ArrayList<Queued>(batch.size());
        for (var q : batch) {
            if (!started.contains(q.meterId())) {
                unstarted.add(q);
            }
        }
        var failedOn = started.isEmpty() ? null : started.stream().reduce((a, b) -> b).orElseThrow();
        synchronized (lock) {
            if (!stopping) {
                var merged = new LinkedHashMap<String, Long>();
                unstarted.forEach(q -> merged.merge(q.meterId(), q.fromMs(), Math::min));
                pending.forEach((id, from) -> merged.merge(id, from, Math::min));
                pending.clear();
                pending.putAll(merged);
            }
            if (failedOn == null) {
                drainScheduled = false;
            }
        }
        if (failedOn == null) {
            LOG.error("carbon engine worker run failed before its first meter: {}; its {} meters stay queued for the next"
                    + " request", failure.toString(), batch.size(), failure);
            return false;
        }
        LOG.error("carbon engine worker run failed on meter '{}': {}; that meter is computed again on its next request,"
                + " the {} meters not yet computed were put back in the queue", failedOn, failure.toString(),
                unstarted.size(), failure);
        return true;
    }
}
