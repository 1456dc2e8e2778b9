package org.gridprint.export.csv;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an export on a thread of its own while the caller waits, so that interrupting the caller (Ctrl-C in the
 * console) never reaches a store: Derby closes the connection of an interrupted thread, and a store read on the
 * console's thread would take the store down with it. The interrupt cancels the export instead
 * ({@link ExportProgress#cancel()}): it stops at its next row or store read, removes its temp files, and the caller
 * gets a {@link CancellationException}. The caller waits up to {@link #GRACE_NANOS} for that; an export stuck in
 * a store read longer than that is left to stop by itself (it can no longer move its files into place).
 */
final class ExportThread {

    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final Logger LOG = LoggerFactory.getLogger(ExportThread.class);

    private ExportThread() {
    }

    /** Runs {@code body} on a new thread {@code gridprint-export-<n>} and waits for it, as described above. */
    static <T> T run(ExportProgress progress, Callable<T> body) throws IOException {
        var name = "gridprint-export-" + SEQUENCE.incrementAndGet();
        var task = new FutureTask<>(body);
        var worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
        var interrupted = false;
        var deadline = 0L;
        try {
            while (true) {
                try {
                    if (!interrupted || progress.committing()) {
                        return task.get();
                    }
                    var left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn("export thread {} still busy {} s after it was cancelled; it will remove its temp"
                                + " files when its store read returns", name, TimeUnit.NANOSECONDS.toSeconds(GRACE_NANOS));
                        throw progress.cancellation();
                    }
                    return task.get(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        deadline = System.nanoTime() + GRACE_NANOS;
                    }
                    progress.cancel();
                } catch (TimeoutException e) {
                    // the grace period is over: the next turn says so
                }
            }
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("export failed: " + cause, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
