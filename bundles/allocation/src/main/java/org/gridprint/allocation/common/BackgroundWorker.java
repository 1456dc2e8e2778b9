package org.gridprint.allocation.common;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * The one background thread of a component (a named daemon thread, tasks in the order given): {@link #start()} from
 * the component's activate, {@link #stop()} from its deactivate. Until it is started (hand wiring in tests and
 * benchmarks) and after it is stopped, {@link #submit} runs the task on the caller's thread. A task that fails is
 * logged at ERROR on the component's logger and the thread goes on with the next one; a task handed in while the
 * thread stops is dropped (DEBUG).
 */
public final class BackgroundWorker {

    private final String threadName;
    private final Logger log;
    private volatile ScheduledExecutorService executor;

    /** @param log the component's logger: failures are reported in its name */
    public BackgroundWorker(String threadName, Logger log) {
        this.threadName = threadName;
        this.log = log;
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Interrupts the running task, drops the queued ones and waits up to 10 s for the thread to end. */
    public void stop() throws InterruptedException {
        var e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow();
            e.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code task} on the thread, or on the caller's thread when not started; {@code what} names it in logs. */
    public void submit(String what, Runnable task) {
        var e = executor;
        if (e == null) {
            task.run();
            return;
        }
        try {
            e.execute(() -> guarded(what, task));
        } catch (RejectedExecutionException stopping) {
            log.debug("{}: stopping, dropped", what);
        }
    }

    /** Runs {@code task} on the thread after {@code delaySeconds}; nothing when not started. */
    public void schedule(String what, Runnable task, long delaySeconds) {
        var e = executor;
        if (e == null) {
            return;
        }
        try {
            e.schedule(() -> guarded(what, task), delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("{}: stopping, dropped", what);
        }
    }

    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException failure) {
            log.error("{} failed: {}", what, failure.toString(), failure);
        }
    }
}
