package org.gridprint.carbon.window;

import java.math.BigInteger;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.WindowFlag;

/**
 * Splits one meter's cumulative counter into accounting windows, exactly: the energy of each counter interval
 * {@code (t[i-1], t[i]]} is spread over the windows it overlaps pro rata by time, and the windows of a run of
 * intervals add up to the counter difference <em>exactly</em> (to the nano-unit).
 *
 * <p><b>How it stays exact.</b> Inside an interval of energy {@code e} and duration {@code d} starting at {@code a},
 * the energy booked up to a window boundary {@code b} is {@code share(b) = round(e × (b − a) / d)} (an integer,
 * half-up, computed exactly in 64/128-bit integers); a window gets {@code share(its end) − share(its start)} of
 * every interval it overlaps. The shares of one interval telescope to {@code e}, the energies of the intervals
 * telescope to the counter difference, so no rounding accumulates. A window's amount depends only on the readings
 * around it, never on where a run started: recomputing from any earlier reading gives the same windows (that is
 * what makes recalculation deterministic).
 *
 * <p><b>Counter rules</b> (as the first version's interval calculator): {@code end >= start}: energy = end − start.
 * {@code end < start} with a rollover value R &gt; 0, start in the upper half, end in the lower half and
 * {@code R − start + end <= R/4}: a wrap, energy = R − start + end, flag {@link #ROLLOVER}. Another drop to at most
 * 10 % of the start value: a reset to zero, energy = end, flag {@link #COUNTER_RESET}, quality at least SUSPECT.
 * Any other drop (jitter, glitch): energy 0, flag {@link #COUNTER_RESET} (and {@link #COUNTER_DROP} to the observer),
 * quality at least SUSPECT; the next interval starts from the lower value.
 *
 * <p><b>Plausibility.</b> An interval whose implied power ({@code energy / duration}) exceeds {@code maxPowerPerHour}
 * (canonical unit per hour: kW for kWh counters) makes every window it touches {@link #SUSPECT_SPIKE} with quality at
 * least SUSPECT; an interval longer than {@code gapMs} makes them {@link #GAP_SPANNED}.
 *
 * <p><b>Closed windows only.</b> A window is passed on when a reading at or after its end has been fed. Windows are
 * aligned to multiples of {@code windowMs} since the epoch (UTC hours for 60 min, half hours for 30 min). Windows
 * starting before {@code fromMs} or at/after {@code toMs} are computed but not passed on (a run restarted from the
 * reading at or before a window start gives that window complete).
 *
 * <p><b>Use</b> (single-threaded; reusable; allocation-free while feeding):
 * <pre>{@code
 * var splitter = new WindowSplitter(3_600_000L, 0, 0, 0);      // hourly, no rollover, no gap/spike limits
 * splitter.start(fromMs, Long.MAX_VALUE, (s, e, nano, flags, q, first, last) -> ..., null);
 * splitter.feed(timesMs, counterNano, quality, 0, n);            // any number of chunks, in time order
 * }</pre>
 * Readings that are not after the previous one, BAD ({@code quality == 3}) or negative are skipped (counted in
 * {@link #skipped()}). Counter values are nano-units: {@code kWh × 10^9} as a long (see {@link Nano#of(double)}).
 */
public final class WindowSplitter {

    /** Window flag bit: an interval behind the window is longer than the gap threshold. */
    public static final int GAP_SPANNED = 1 << WindowFlag.GAP_SPANNED.ordinal();
    /** Window flag bit: an interval behind the window implies more than the maximum power. */
    public static final int SUSPECT_SPIKE = 1 << WindowFlag.SUSPECT_SPIKE.ordinal();
    /** Window flag bit: the counter rolled over inside an interval behind the window. */
    public static final int ROLLOVER = 1 << WindowFlag.ROLLOVER.ordinal();
    /** Window flag bit: the counter was reset or dropped inside an interval behind the window. */
    public static final int COUNTER_RESET = 1 << WindowFlag.COUNTER_RESET.ordinal();
    /** Observer-only bit: the interval was a counter drop (energy 0), not a reset. Never in window flags. */
    public static final int COUNTER_DROP = 1 << 30;

    private static final int SUSPECT = Quality.SUSPECT.ordinal();
    private static final int BAD = Quality.BAD.ordinal();

    private final long windowMs;
    private final long rollover;
    private final long gapMs;
    private final double maxNanoPerMs;

    private WindowConsumer sink;
    private IntervalObserver observer;
    private long fromMs;
    private long toMs;

    private boolean hasLast;
    private long lastT;
    private long lastC;
    private int lastQ;

    private boolean open;
    private long curStart;
    private long acc;
    private int wFlags;
    private int wQuality;
    private long wFirst;

    private long intervals;
    private long windows;
    private long skipped;

    /**
     * @param windowMs        window length in ms, &gt; 0, dividing a day (e.g. 3,600,000 for hours)
     * @param rolloverNano    the counter's rollover value in nano-units, 0 if unknown
     * @param gapMs           an interval longer than this is GAP_SPANNED; 0: never
     * @param maxPowerPerHour implied power above this (canonical unit per hour, e.g. kW) is a SUSPECT_SPIKE; 0: never
     */
    public WindowSplitter(long windowMs, long rolloverNano, long gapMs, double maxPowerPerHour) {
        if (windowMs <= 0 || 86_400_000L % windowMs != 0) {
            throw new IllegalArgumentException("window length must be > 0 ms and divide a day, was " + windowMs
                    + " ms");
        }
        if (rolloverNano < 0 || gapMs < 0 || !(maxPowerPerHour >= 0) || Double.isInfinite(maxPowerPerHour)) {
            throw new IllegalArgumentException("rollover, gap threshold and maximum power must be finite and >= 0 (0:"
                    + " none), were " + rolloverNano + ", " + gapMs + " ms, " + maxPowerPerHour);
        }
        this.windowMs = windowMs;
        this.rollover = rolloverNano;
        this.gapMs = gapMs;
        // per hour = per 3,600,000 ms; nano-units per ms
        this.maxNanoPerMs = maxPowerPerHour * 1e9 / 3_600_000d;
    }

    /**
     * Starts a run: forgets the previous readings and windows.
     *
     * @param fromMs   windows starting before this are not passed on
     * @param toMs     windows starting at or after this are not passed on ({@link Long#MAX_VALUE}: no limit)
     * @param sink     receives the closed windows
     * @param observer told about every interval, may be null
     */
    public void start(long fromMs, long toMs, WindowConsumer sink, IntervalObserver observer) {
        this.sink = java.util.Objects.requireNonNull(sink, "sink");
        this.observer = observer;
        this.fromMs = fromMs;
        this.toMs = toMs;
        hasLast = false;
        open = false;
        intervals = 0;
        windows = 0;
        skipped = 0;
    }

    /**
     * Feeds readings in time order (continuing from the previous chunk).
     *
     * @param timesMs     epoch milliseconds
     * @param counterNano counter values in nano-units
     * @param quality     {@link Quality} ordinals (null: all GOOD)
     */
    public void feed(long[] timesMs, long[] counterNano, byte[] quality, int offset, int length) {
        final int end = offset + length;
        for (int i = offset; i < end; i++) {
            final long t = timesMs[i];
            final long c = counterNano[i];
            final int q = quality == null ? 0 : quality[i];
            if (q >= BAD || c < 0 || (hasLast && t <= lastT)) {
                skipped++;
                continue;
            }
            if (hasLast) {
                interval(lastT, t, lastC, c, lastQ > q ? lastQ : q);
            }
            hasLast = true;
            lastT = t;
            lastC = c;
            lastQ = q;
        }
    }

    /** Feeds one reading. */
    public void feed(long timeMs, long counterNano, int quality) {
        if (quality >= BAD || counterNano < 0 || (hasLast && timeMs <= lastT)) {
            skipped++;
            return;
        }
        if (hasLast) {
            interval(lastT, timeMs, lastC, counterNano, lastQ > quality ? lastQ : quality);
        }
        hasLast = true;
        lastT = timeMs;
        lastC = counterNano;
        lastQ = quality;
    }

    private void interval(long a, long b, long ca, long cb, int q) {
        long e;
        int flags = 0;
        if (cb >= ca) {
            e = cb - ca;
        } else if (isWrap(ca, cb)) {
            e = rollover - ca + cb;
            flags = ROLLOVER;
        } else if (cb <= ca / 10) {
            e = cb;
            flags = COUNTER_RESET;
            q = q > SUSPECT ? q : SUSPECT;
        } else {
            e = 0;
            flags = COUNTER_RESET | COUNTER_DROP;
            q = q > SUSPECT ? q : SUSPECT;
        }
        final long d = b - a;
        if (gapMs > 0 && d > gapMs) {
            flags |= GAP_SPANNED;
        }
        if (maxNanoPerMs > 0 && (double) e > maxNanoPerMs * d) {
            flags |= SUSPECT_SPIKE;
            q = q > SUSPECT ? q : SUSPECT;
        }
        intervals++;
        if (observer != null) {
            observer.interval(a, b, ca, cb, e, flags);
        }
        final int wf = flags & ~COUNTER_DROP;
        if (!open) {
            open = true;
            curStart = Math.floorDiv(a, windowMs) * windowMs;
            acc = 0;
            wFlags = 0;
            wQuality = 0;
            wFirst = a;
        }
        long done = 0;
        // bounded: each pass closes one window before b, the last pass books the rest
        while (true) {
            final long we = curStart + windowMs;
            if (b >= we) {
                final long upTo = share(e, we - a, d);
                acc += upTo - done;
                done = upTo;
                wFlags |= wf;
                if (q > wQuality) {
                    wQuality = q;
                }
                emit(we, b);
                curStart = we;
                acc = 0;
                wFlags = 0;
                wQuality = 0;
                if (b == we) {
                    wFirst = b;
                    return;
                }
                wFirst = a;
            } else {
                acc += e - done;
                wFlags |= wf;
                if (q > wQuality) {
                    wQuality = q;
                }
                return;
            }
        }
    }

    private void emit(long we, long lastReading) {
        if (curStart >= fromMs && curStart < toMs) {
            windows++;
            sink.window(curStart, we, acc, wFlags, wQuality, wFirst, lastReading);
        }
    }

    private boolean isWrap(long start, long end) {
        if (rollover <= 0 || start > rollover) {
            return false;
        }
        final long half = rollover / 2;
        return start > half && end < half && rollover - start + end <= rollover / 4;
    }

    /** {@code round(e × x / d)} half-up, exactly; {@code 0 <= x <= d}, {@code e >= 0}. */
    static long share(long e, long x, long d) {
        if (x == d) {
            return e;
        }
        final long p = e * x;
        if (Math.multiplyHigh(e, x) == 0 && p >= 0 && p <= Long.MAX_VALUE - d) {
            return (p + d / 2) / d;
        }
        return BigInteger.valueOf(e).multiply(BigInteger.valueOf(x)).add(BigInteger.valueOf(d / 2))
                .divide(BigInteger.valueOf(d)).longValueExact();
    }

    /** Intervals taken since {@link #start}. */
    public long intervals() {
        return intervals;
    }

    /** Windows passed on since {@link #start}. */
    public long windows() {
        return windows;
    }

    /** Readings skipped since {@link #start} (not after the previous one, BAD, negative). */
    public long skipped() {
        return skipped;
    }

    /** The last reading taken, or {@link Long#MIN_VALUE} if none. */
    public long lastReadingMs() {
        return hasLast ? lastT : Long.MIN_VALUE;
    }

    /** Start of the window not closed yet (the next one to be passed on), or {@link Long#MIN_VALUE} if none. */
    public long openWindowStart() {
        return open ? curStart : Long.MIN_VALUE;
    }

    public long windowMs() {
        return windowMs;
    }
}
