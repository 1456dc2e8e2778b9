package org.gridprint.allocation.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The accounting windows (slots) of a period as met in the scan, and per bucket four exact sums per slot: energy
 * (nano-kWh, from LOCATION windows), location CO2e (µg), market CO2e (µg), certificate-covered energy (nano-kWh,
 * MARKET windows). Memory: slots × buckets × 4 longs, independent of the number of meters and windows scanned.
 */
final class Slots {

    static final int ENERGY = 0;
    static final int LOCATION = 1;
    static final int MARKET = 2;
    static final int COVERED = 3;
    static final int COMPONENTS = 4;

    private final Map<Long, Integer> index = new HashMap<>();
    private long[] starts = new long[256];
    private long[] ends = new long[256];
    private int count;
    private int last = -1;
    private final long[][] sums;
    /** Factor refs of LOCATION and MARKET windows, instrument refs of MARKET windows (register refs). */
    final java.util.TreeSet<Long> locationFactors = new java.util.TreeSet<>();
    final java.util.TreeSet<Long> marketFactors = new java.util.TreeSet<>();
    final java.util.TreeSet<Long> instruments = new java.util.TreeSet<>();

    Slots(int buckets) {
        sums = new long[buckets][256 * COMPONENTS];
    }

    /** The slot of a window starting at {@code startMs} (created on first sight). */
    int slot(long startMs, long endMs) {
        int next = last + 1;
        if (next < count && starts[next] == startMs) {
            last = next;
            return next;
        }
        Integer i = index.get(startMs);
        if (i == null) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                for (int b = 0; b < sums.length; b++) {
                    sums[b] = Arrays.copyOf(sums[b], count * 2 * COMPONENTS);
                }
            }
            starts[count] = startMs;
            ends[count] = endMs;
            i = count++;
            index.put(startMs, i);
        }
        last = i;
        return i;
    }

    /** Adds every sum of {@code other} (a scan of other meters over the same period) into this one. */
    void addAll(Slots other) {
        locationFactors.addAll(other.locationFactors);
        marketFactors.addAll(other.marketFactors);
        instruments.addAll(other.instruments);
        for (int i = 0; i < other.count; i++) {
            int j = slot(other.starts[i], other.ends[i]);
            for (int b = 0; b < sums.length; b++) {
                for (int c = 0; c < COMPONENTS; c++) {
                    sums[b][j * COMPONENTS + c] += other.sums[b][i * COMPONENTS + c];
                }
            }
        }
    }

    void add(int bucket, int slot, int component, long amount) {
        sums[bucket][slot * COMPONENTS + component] += amount;
    }

    long get(int bucket, int slot, int component) {
        return sums[bucket][slot * COMPONENTS + component];
    }

    int count() {
        return count;
    }

    long start(int slot) {
        return starts[slot];
    }

    long end(int slot) {
        return ends[slot];
    }

    /** Slot indices in start order. */
    int[] ordered() {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
