package org.gridprint.http.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per user: {@code burst} requests at once, refilled at {@code perSecond}. A request that finds the
 * bucket empty is refused with the seconds until the next token (for {@code Retry-After}). Thread-safe.
 */
public final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1, were " + perSecond
                    + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one token of {@code user}'s bucket: 0 when granted, else the whole seconds to wait (at least 1). */
    public long acquire(String user) {
        return buckets.computeIfAbsent(user, u -> new Bucket(burst, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(long now) {
            double elapsed = Math.max(0, now - last) / 1e9;
            last = now;
            tokens = Math.min(burst, tokens + elapsed * perSecond);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
