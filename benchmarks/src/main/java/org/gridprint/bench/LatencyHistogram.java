package org.gridprint.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-bucket latency histogram in microseconds, safe to record into from many threads: values below 64 µs have
 * their own bucket, larger ones fall into 64 buckets per power of two (at most 1/64 ≈ 1.6 % wide). Quantiles are
 * reported as the upper bound of their bucket, the maximum exactly.
 */
final class LatencyHistogram {

    private static final int SUB = 64;
    private static final int SUB_BITS = 6;
    /** Up to 2^40 µs (12 days). */
    private static final int BUCKETS = SUB + (40 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong maxMicros = new AtomicLong();

    void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts.incrementAndGet(index(micros));
        count.incrementAndGet();
        maxMicros.accumulateAndGet(micros, Math::max);
    }

    long count() {
        return count.get();
    }

    /** The quantile (0..1) in milliseconds, 0 when nothing was recorded. */
    double quantileMillis(double q) {
        long total = count.get();
        if (total == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= target) {
                return Math.min(upperBound(i), maxMicros.get()) / 1000.0;
            }
        }
        return maxMicros.get() / 1000.0;
    }

    double maxMillis() {
        return maxMicros.get() / 1000.0;
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= SUB_BITS
        int mantissa = (int) (micros >>> (exponent - SUB_BITS)) - SUB; // 0..63
        return Math.min(BUCKETS - 1, SUB + (exponent - SUB_BITS) * SUB + mantissa);
    }

    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = (index - SUB) / SUB + SUB_BITS;
        int mantissa = (index - SUB) % SUB;
        return ((long) (SUB + mantissa + 1) << (exponent - SUB_BITS)) - 1;
    }
}
