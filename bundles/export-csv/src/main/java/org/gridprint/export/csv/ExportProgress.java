package org.gridprint.export.csv;

import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;

import org.gridprint.api.export.ExportListener;

/**
 * Counts what an export has written, tells its {@link ExportListener} at most every {@link #INTERVAL_NANOS}, and
 * notices cancellation: the exporting thread was interrupted (Ctrl-C in the console). Checked between rows, so an
 * export stops within one row (or one store read) of the interrupt.
 */
final class ExportProgress {

    static final long INTERVAL_NANOS = 500_000_000L;

    private final ExportListener listener;
    private final LongSupplier nanoTime;
    private final int metersTotal;
    private long rows;
    private int metersDone;
    private long lastReport;

    ExportProgress(ExportListener listener, int metersTotal, LongSupplier nanoTime) {
        this.listener = listener;
        this.metersTotal = metersTotal;
        this.nanoTime = nanoTime;
        this.lastReport = nanoTime.getAsLong();
    }

    /** One more row written; reports if it is time. */
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

    /** Throws if the exporting thread was interrupted (the interrupt status is kept for the caller). */
    void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("export cancelled after " + rows + " rows");
        }
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
