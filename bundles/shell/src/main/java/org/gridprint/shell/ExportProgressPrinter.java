package org.gridprint.shell;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.gridprint.api.export.ExportListener;

/**
 * The progress lines of {@code gridprint:export}: nothing for an export shorter than {@link #QUIET}, then a line
 * at most every {@link #EVERY} ("exporting: 120000 rows, 12 of 100 meters, 4s — Ctrl-C cancels"). Plain lines, so
 * they read the same in a log of the session, over SSH and in a terminal.
 */
final class ExportProgressPrinter implements ExportListener {

    static final Duration QUIET = Duration.ofSeconds(2);
    static final Duration EVERY = Duration.ofSeconds(5);

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastLine = Long.MIN_VALUE;

    ExportProgressPrinter(Consumer<String> out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public synchronized void progress(long rows, int meters, int metersTotal) {
        var now = nanoTime.getAsLong();
        var elapsed = now - start;
        if (elapsed < QUIET.toNanos() || (lastLine != Long.MIN_VALUE && now - lastLine < EVERY.toNanos())) {
            return;
        }
        lastLine = now;
        out.accept("exporting: " + rows + " rows, " + meters + " of " + metersTotal + " meters, "
                + Durations.format(Duration.ofNanos(elapsed)) + " — Ctrl-C cancels");
    }
}
