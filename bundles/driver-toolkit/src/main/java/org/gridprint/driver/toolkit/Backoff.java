package org.gridprint.driver.toolkit;

/**
 * Capped exponential back-off counted in poll cycles (or any unit): after the k-th failure in a row the next
 * attempt waits {@code min(initial × 2^(k-1), max)}; a success resets it. Not thread-safe.
 */
public final class Backoff {

    private final long initial;
    private final long max;
    private int failures;
    private long waitUntil = Long.MIN_VALUE;

    public Backoff(long initial, long max) {
        if (initial < 0 || max < initial) {
            throw new IllegalArgumentException("expected 0 <= initial <= max, was " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** A failure at {@code now}: returns the wait before the next attempt. */
    public long failed(long now) {
        failures++;
        long wait = initial;
        for (int i = 1; i < failures && wait < max; i++) {
            wait = Math.min(max, wait * 2);
        }
        wait = Math.min(wait, max);
        waitUntil = now + wait;
        return wait;
    }

    public void succeeded() {
        failures = 0;
        waitUntil = Long.MIN_VALUE;
    }

    /** True when an attempt may be made at {@code now}. */
    public boolean ready(long now) {
        return now >= waitUntil;
    }

    public int failuresInARow() {
        return failures;
    }

    public long waitUntil() {
        return waitUntil;
    }
}
