package org.gridprint.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.gridprint.api.IngestResult;

/** What happened to the batches of one phase: counts and latencies, recorded from many threads. */
final class PhaseRecorder {

    final String name;
    final LatencyHistogram submit = new LatencyHistogram();
    /** From the slot's start (when the driver would poll) to the return of submit: queueing + submit. */
    final LatencyHistogram completion = new LatencyHistogram();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong ledgered = new AtomicLong();
    final AtomicLong readings = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong missedSlots = new AtomicLong();
    final AtomicLong lateSlots = new AtomicLong();
    /** Slots (seconds) started in this phase, or for an open-loop phase its length in whole seconds. */
    final AtomicLong slots = new AtomicLong();
    /** Polls of this phase handed to the pool that have not returned yet. */
    final AtomicLong inFlight = new AtomicLong();
    final AtomicReference<String> firstFailure = new AtomicReference<>();

    PhaseRecorder(String name) {
        this.name = name;
    }

    void stored(IngestResult result, int batchSize, long submitNanos, long completionNanos) {
        batches.incrementAndGet();
        readings.addAndGet(batchSize);
        accepted.addAndGet(result.accepted());
        duplicates.addAndGet(result.duplicates());
        if (result.ledgerEntry().isPresent()) {
            ledgered.incrementAndGet();
        }
        submit.recordNanos(submitNanos);
        if (completionNanos >= 0) {
            completion.recordNanos(completionNanos);
        }
    }

    /**
     * Waits (at most {@code maxMillis}) until every poll of this phase has returned, so that a phase's slow polls
     * are not still waiting when the next phase starts; returns false if some are still in flight.
     */
    boolean awaitIdle(long maxMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + maxMillis;
        while (inFlight.get() > 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        return inFlight.get() == 0;
    }

    void failed(RuntimeException e, long submitNanos) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, e.toString());
        submit.recordNanos(submitNanos);
    }
}
