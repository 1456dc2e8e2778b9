package org.gridprint.driver.toolkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.api.driver.PollScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PollScheduler} on one timer thread: at each slot it hands the task to the task's own executor (the timer
 * never runs a poll itself, so a slow device never delays another's slot). While a run is queued or running, the
 * slot is skipped (counted, DEBUG). Slots come from the injected {@link Clock}; the delay to the next slot is
 * recomputed from the clock after every slot, so there is no drift. {@link #close()} ends the timer thread.
 */
public final class WallClockPollScheduler implements PollScheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WallClockPollScheduler.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;

    public WallClockPollScheduler(Clock clock, String threadName) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            var t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Registration schedule(String name, Duration period, Executor executor, SlotTask task) {
        long periodMillis = period.toMillis();
        if (periodMillis <= 0) {
            throw new IllegalArgumentException(name + ": poll period must be positive, was " + period);
        }
        var reg = new Reg(name, periodMillis, executor, task);
        reg.arm(PollSlots.nextAfter(clock.millis(), periodMillis));
        return reg;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private final class Reg implements Registration {
        private final String name;
        private final long period;
        private final Executor executor;
        private final SlotTask task;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicLong skipped = new AtomicLong();
        private volatile boolean cancelled;
        private volatile java.util.concurrent.ScheduledFuture<?> pending;

        Reg(String name, long period, Executor executor, SlotTask task) {
            this.name = name;
            this.period = period;
            this.executor = executor;
            this.task = task;
        }

        void arm(long slot) {
            if (cancelled) {
                return;
            }
            try {
                pending = timer.schedule(() -> fire(slot), Math.max(0, slot - clock.millis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: scheduler closed; no further polls", name);
            }
        }

        private void fire(long slot) {
            if (cancelled) {
                return;
            }
            long now = clock.millis();
            long current = PollSlots.slotOf(now, period);
            long run = Math.max(slot, current);
            try {
                if (busy.compareAndSet(false, true)) {
                    try {
                        executor.execute(() -> runTask(run));
                    } catch (RejectedExecutionException e) {
                        busy.set(false);
                        LOG.debug("{}: executor refused the poll of {}", name, Instant.ofEpochMilli(run));
                    }
                } else {
                    long n = skipped.incrementAndGet();
                    LOG.debug("{}: previous poll still running; skipped slot {} ({} skipped so far)", name,
                            Instant.ofEpochMilli(run), n);
                }
            } finally {
                var next = PollSlots.next(run, clock.millis(), period);
                if (next.clockWentBack()) {
                    LOG.warn("{}: the wall clock went back before the slot just polled ({}); polling again from {}",
                            name, Instant.ofEpochMilli(run), Instant.ofEpochMilli(next.slot()));
                }
                arm(next.slot());
            }
        }

        private void runTask(long slot) {
            try {
                if (!cancelled) {
                    task.poll(Instant.ofEpochMilli(slot));
                }
            } catch (Throwable t) {
                LOG.error("{}: unexpected error in the poll of {}", name, Instant.ofEpochMilli(slot), t);
            } finally {
                busy.set(false);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            var p = pending;
            if (p != null) {
                p.cancel(false);
            }
        }

        @Override
        public long skippedSlots() {
            return skipped.get();
        }
    }
}
