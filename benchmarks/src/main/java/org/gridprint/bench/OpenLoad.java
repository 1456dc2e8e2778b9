package org.gridprint.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import org.gridprint.api.IngestService;

/**
 * Open loop: {@code threads} threads submit device polls back to back, as fast as the store takes them, to find the
 * highest sustained batch rate. Thread t polls devices t, t + threads, ...; each round moves every device one
 * second on from {@code firstTs}. A warm-up, then the measured window; batches are counted in the window they
 * started in.
 */
final class OpenLoad {

    private OpenLoad() {
    }

    /** @return the measured window's recorder; its {@code slots} is the window in whole seconds */
    static PhaseRecorder run(IngestService ingest, LoadShape shape, int threads, Instant firstTs, Duration warmup,
            Duration measure, Runnable atMeasureStart, Runnable atMeasureEnd) throws InterruptedException {
        var warm = new PhaseRecorder("warm-up");
        var measured = new PhaseRecorder("open loop, " + threads + " threads");
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            var w = new Thread(() -> {
                for (long round = 0; ; round++) {
                    var ts = firstTs.plusSeconds(round);
                    for (int d = first; d < shape.devices(); d += threads) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return;
                        }
                        var rec = t0 >= measureFrom ? measured : warm;
                        var batch = shape.batch(d, ts);
                        try {
                            var result = ingest.submit(shape.source(d), batch);
                            long t1 = System.nanoTime();
                            rec.stored(result, batch.size(), t1 - t0, -1);
                        } catch (RuntimeException e) {
                            rec.failed(e, System.nanoTime() - t0);
                        }
                    }
                }
            }, "open-loop-" + t);
            workers.add(w);
            w.start();
        }
        sleepUntil(measureFrom);
        atMeasureStart.run();
        sleepUntil(end);
        atMeasureEnd.run();
        for (var w : workers) {
            w.join(); // bounded: every worker stops at the first batch it would start after the window
        }
        measured.slots.set(measure.toSeconds());
        return measured;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
