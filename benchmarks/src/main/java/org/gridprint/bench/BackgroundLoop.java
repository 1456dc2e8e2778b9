package org.gridprint.bench;

import java.util.concurrent.Callable;

/**
 * A reader (a full verify, a year-long export) run over and over in its own thread while the load goes on, until
 * {@link #stopAndWait}; the run in progress then finishes (never interrupted: the store must not see a bench
 * interrupt). Counts runs, their time and the last result.
 */
final class BackgroundLoop {

    private final String name;
    private final Callable<String> task;
    private final Thread thread;
    private volatile boolean stop;
    private volatile int runs;
    private volatile long nanos;
    private volatile long longestNanos;
    private volatile String last = "none";
    private volatile String failure;

    BackgroundLoop(String name, Callable<String> task) {
        this.name = name;
        this.task = task;
        this.thread = new Thread(this::loop, "background-" + name);
        thread.setDaemon(true); // never keeps the bench alive after a failure
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (!stop) {
            long t0 = System.nanoTime();
            try {
                last = task.call();
            } catch (Exception | Error e) {
                failure = e.toString();
                return;
            }
            long took = System.nanoTime() - t0;
            nanos += took;
            longestNanos = Math.max(longestNanos, took);
            runs++;
        }
    }

    /** Stops after the current run; waits for it at most {@code maxMillis}. */
    void stopAndWait(long maxMillis) throws InterruptedException {
        stop = true;
        thread.join(maxMillis);
        if (thread.isAlive()) {
            System.out.println("WARNING: background " + name + " still running " + maxMillis / 1000
                    + " s after the phase ended");
        }
    }

    String summary() {
        var base = String.format(java.util.Locale.ROOT, "%s: %d runs, %.1f s each on average, longest %.1f s; last: %s",
                name, runs, runs == 0 ? 0 : nanos / 1e9 / runs, longestNanos / 1e9, last);
        return failure == null ? base : base + "; FAILED: " + failure;
    }

    int runs() {
        return runs;
    }

    String failure() {
        return failure;
    }
}
