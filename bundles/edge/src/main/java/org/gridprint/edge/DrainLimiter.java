package org.gridprint.edge;

/**
 * The drain rate limit: a token bucket of {@code perSecond} readings that refills continuously and holds at most one
 * second's worth, so a backlog goes out at the configured rate and never in a burst larger than that. Not
 * thread-safe (the forwarder thread only).
 */
final class DrainLimiter {

    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long last;

    DrainLimiter(int perSecond, long nowMillis) {
        this.perMilli = perSecond / 1000.0;
        this.capacity = perSecond;
        this.tokens = perSecond;
        this.last = nowMillis;
    }

    /**
     * Takes {@code readings} tokens when there are enough and returns 0; else takes nothing and returns the
     * milliseconds until there will be enough (a batch larger than a second's worth waits for a full bucket).
     */
    long take(int readings, long nowMillis) {
        refill(nowMillis);
        double need = Math.min(readings, capacity);
        if (tokens >= need) {
            tokens -= need;
            return 0;
        }
        return (long) Math.ceil((need - tokens) / perMilli);
    }

    private void refill(long nowMillis) {
        if (nowMillis > last) {
            tokens = Math.min(capacity, tokens + (nowMillis - last) * perMilli);
            last = nowMillis;
        }
    }
}
