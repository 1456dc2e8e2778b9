package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.store.ReadingStore;

/**
 * A counter meter's (RUNTIME hours, THERMAL_ENERGY kWh) increase per slot, in 10^-9 of its unit, from its stored
 * readings: each interval's increase is split pro rata by time over the slots it overlaps (the part booked up to a
 * boundary rounded half-up, so the slots of an interval add up to its increase exactly). A counter that goes down (a
 * reset or replacement) adds nothing for that interval; BAD readings are skipped.
 */
final class CounterDeltas {

    /** How far past the period a closing reading is looked for. */
    static final Duration LOOK_AHEAD = Duration.ofDays(7);

    private CounterDeltas() {
    }

    /**
     * @param starts slot starts (ms), ascending
     * @param ends   slot ends (ms), matching {@code starts}
     * @return the increase per slot (same order), nano-units
     */
    static long[] deltas(ReadingStore readings, String meterId, Quantity quantity, long[] starts, long[] ends) {
        long[] out = new long[starts.length];
        if (starts.length == 0) {
            return out;
        }
        var first = Instant.ofEpochMilli(starts[0]);
        long lastEnd = ends[ends.length - 1];
        long[] prev = new long[2];
        boolean[] havePrev = {false};
        readings.latestBefore(meterId, quantity, first).filter(r -> r.quality() != Quality.BAD
                && Double.isFinite(r.value())).ifPresent(r -> {
                    prev[0] = r.timestamp().toEpochMilli();
                    prev[1] = nano(r.value());
                    havePrev[0] = true;
                });
        int[] cursor = {0};
        readings.scan(meterId, quantity, first, Instant.ofEpochMilli(lastEnd).plus(LOOK_AHEAD), r -> {
            if (r.quality() == Quality.BAD || !Double.isFinite(r.value())) {
                return true;
            }
            long t = r.timestamp().toEpochMilli();
            long v = nano(r.value());
            if (havePrev[0] && t > prev[0]) {
                long d = v - prev[1];
                if (d > 0) {
                    cursor[0] = book(prev[0], t, d, starts, ends, out, cursor[0]);
                }
            }
            prev[0] = t;
            prev[1] = v;
            havePrev[0] = true;
            return t < lastEnd;
        });
        return out;
    }

    /** Books an interval {@code [a, b)} with increase {@code d} onto the slots; returns the first slot to try next. */
    static int book(long a, long b, long d, long[] starts, long[] ends, long[] out, int from) {
        int i = from;
        while (i > 0 && ends[i - 1] > a) {
            i--;
        }
        while (i < starts.length && ends[i] <= a) {
            i++;
        }
        int next = i;
        for (; i < starts.length && starts[i] < b; i++) {
            long s = Math.max(starts[i], a);
            long e = Math.min(ends[i], b);
            if (e > s) {
                out[i] += booked(d, e - a, b - a) - booked(d, s - a, b - a);
            }
            next = i;
        }
        return next;
    }

    /** round(d × part / whole), half-up, exact. */
    static long booked(long d, long part, long whole) {
        long hi = Math.multiplyHigh(d, part);
        if (hi == 0 && d * part >= 0) {
            long p = d * part;
            return p / whole + ((p % whole) * 2 >= whole ? 1 : 0);
        }
        var q = BigInteger.valueOf(d).multiply(BigInteger.valueOf(part)).divideAndRemainder(BigInteger.valueOf(whole));
        return q[0].longValueExact() + (q[1].shiftLeft(1).compareTo(BigInteger.valueOf(whole)) >= 0 ? 1 : 0);
    }

    static long nano(double value) {
        return new BigDecimal(Double.toString(value)).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
