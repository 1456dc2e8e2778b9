package org.gridprint.allocation.audit;

import java.util.Arrays;

/** One meter's counted windows of one method in one chunk: starts (epoch ms, ascending), amounts, CO2e. */
final class DaySeries {

    long[] starts = new long[128];
    long[] amounts = new long[128];
    long[] co2e = new long[128];
    int n;

    void add(long start, long amount, long micrograms) {
        if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
            amounts = Arrays.copyOf(amounts, n * 2);
            co2e = Arrays.copyOf(co2e, n * 2);
        }
        if (n > 0 && start <= starts[n - 1]) {
            // the store streams each series by start; anything else is sorted in once
            starts[n] = start;
            amounts[n] = amount;
            co2e[n] = micrograms;
            n++;
            sort();
            return;
        }
        starts[n] = start;
        amounts[n] = amount;
        co2e[n] = micrograms;
        n++;
    }

    private void sort() {
        var idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(starts[a], starts[b]));
        var s = new long[starts.length];
        var a = new long[starts.length];
        var c = new long[starts.length];
        for (int i = 0; i < n; i++) {
            s[i] = starts[idx[i]];
            a[i] = amounts[idx[i]];
            c[i] = co2e[idx[i]];
        }
        starts = s;
        amounts = a;
        co2e = c;
    }

    /** Index of the window starting at {@code start}, or -1. */
    int find(long start) {
        int i = Arrays.binarySearch(starts, 0, n, start);
        return i >= 0 ? i : -1;
    }
}
