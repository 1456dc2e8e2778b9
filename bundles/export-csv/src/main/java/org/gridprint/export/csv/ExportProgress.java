package org.gridprint.export.csv;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.gridprint.api.export.ExportListener;

/**
 * The state of one running export: what it has written, when its {@link ExportListener} was last told (at most
 * every {@link #INTERVAL_NANOS}), and whether it was cancelled. The rows are written on the export's own thread
 * ({@link ExportThread}); the caller's thread cancels it. Cancellation and the moment the files are moved into
 * place exclude each other: once {@link #cancel()} succeeded nothing is moved, once {@link #beginCommit()}
 * succeeded the export finishes.
 */
final class ExportProgress {

    static final long INTERVAL_NANOS = 500_000_000L;

    private enum State { RUNNING, CANCELLED, COMMITTING }

    private final ExportListener listener;
    private final LongSupplier nanoTime;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final Path target;
    private volatile int metersTotal;
    private volatile long rows;
    private volatile int metersDone;
    private long lastReport;

    ExportProgress(Path target, ExportListener listener, LongSupplier nanoTime) {
        this.target = target;
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.lastReport = nanoTime.getAsLong();
    }

    void metersTotal(int total) {
        metersTotal = total;
    }

    /** One more row written; tells the listener if it is time. */
    void row() {
        rows++;
        if ((rows & 0xff) == 0) { // the clock is read every 256 rows only
            maybeReport();
        }
    }

    /** A meter is done. */
    void meterDone() {
        metersDone++;
        maybeReport();
    }

    /**
     * Asks the export to stop. Returns false when it is already moving its files into place (it will finish).
     */
    boolean cancel() {
        return state.compareAndSet(State.RUNNING, State.CANCELLED) || state.get() == State.CANCELLED;
    }

    boolean cancelled() {
        return state.get() == State.CANCELLED || Thread.currentThread().isInterrupted();
    }

    /** Throws if the export was cancelled (or its thread interrupted); checked between rows and store reads. */
    void checkCancelled() {
        if (cancelled()) {
            throw cancellation();
        }
    }

    /** The point of no return: true when the files may be moved into place, false when cancelled. */
    boolean beginCommit() {
        return !Thread.currentThread().isInterrupted() && state.compareAndSet(State.RUNNING, State.COMMITTING);
    }

    boolean committing() {
        return state.get() == State.COMMITTING;
    }

    CancellationException cancellation() {
        return new CancellationException("export to " + target + " cancelled after " + rows + " rows; nothing was"
                + " written to " + target);
    }

    long rows() {
        return rows;
    }

    int metersDone() {
        return metersDone;
    }

    /** The final figures, told once the rows are written. */
    void finish() {
        listener.progress(rows, metersDone, metersTotal);
    }

    private void maybeReport() {
        var now = nanoTime.getAsLong();
        if (now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            listener.progress(rows, metersDone, metersTotal);
        }
    }
}
