package org.gridprint.bench;

import org.gridprint.carbon.window.Co2eRate;
import org.gridprint.carbon.window.WindowConsumer;
import org.gridprint.carbon.window.WindowSplitter;

/**
 * Phase (a) of CarbonBench on one thread: for each of its meters, the year's readings through the engine's
 * {@link WindowSplitter} (hourly windows) and each window priced location-based (the hourly intensity) and
 * market-based (renewable certificates of the meter's site drawn once in processing order at 0 g/kWh, the rest at the
 * residual mix). Streams: one meter's readings at a time in reused arrays, no window held.
 */
final class CarbonPricingRun implements WindowConsumer {

    private final Co2eRate[] location;
    private final Co2eRate residual;
    /** Certificates left per site, nano-kWh (this thread's sites only: sites never span threads). */
    private final long[] recNano;
    private final long[] times = new long[CarbonYear.INTERVALS + 1];
    private final long[] counters = new long[CarbonYear.INTERVALS + 1];
    private final WindowSplitter splitter = new WindowSplitter(CarbonYear.HOUR_MS, 0, 2 * CarbonYear.STEP_MS, 1_000);

    private int site;
    long windows;
    long intervals;
    long amountNano;
    long locationMicrograms;
    long marketMicrograms;
    long coveredNano;
    long mismatches;

    CarbonPricingRun(Co2eRate[] location, Co2eRate residual, long[] recNano) {
        this.location = location;
        this.residual = residual;
        this.recNano = recNano;
    }

    /** Runs one meter; checks that its windows add up to the counter difference exactly. */
    void meter(int meter, int siteIndex) {
        site = siteIndex;
        CarbonYear.readings(meter, times, counters);
        long before = amountNano;
        splitter.start(CarbonYear.START_MS, CarbonYear.END_MS, this, null);
        splitter.feed(times, counters, null, 0, times.length);
        intervals += times.length - 1;
        if (amountNano - before != expected()) {
            mismatches++;
        }
    }

    /**
     * What the windows of [START, END) must add up to: the counter difference from the first reading to END, the
     * last interval's share up to END rounded half-up (the splitter's rule), computed here independently.
     */
    private long expected() {
        int k = 0;
        while (k + 1 < times.length && times[k + 1] <= CarbonYear.END_MS) {
            k++;
        }
        long whole = counters[k] - counters[0];
        if (times[k] == CarbonYear.END_MS || k + 1 >= times.length) {
            return whole;
        }
        long e = counters[k + 1] - counters[k];
        long d = times[k + 1] - times[k];
        long x = CarbonYear.END_MS - times[k];
        return whole + Math.floorDiv(2 * e * x + d, 2 * d);
    }

    @Override
    public void window(long startMs, long endMs, long amount, int flags, int quality, long firstReadingMs,
            long lastReadingMs) {
        windows++;
        amountNano += amount;
        int hour = (int) ((startMs - CarbonYear.START_MS) / CarbonYear.HOUR_MS);
        locationMicrograms += location[hour].micrograms(amount);
        long covered = Math.min(amount, recNano[site]);
        recNano[site] -= covered;
        coveredNano += covered;
        marketMicrograms += residual.micrograms(amount - covered);
    }
}
