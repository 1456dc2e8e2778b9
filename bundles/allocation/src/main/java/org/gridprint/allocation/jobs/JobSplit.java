package org.gridprint.allocation.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.gridprint.allocation.rounding.LargestRemainder;

/**
 * Splits one machine's windows between its jobs and its idle time. Pure.
 * <p>
 * <b>Rule.</b> Each window {@code [s, e)} is cut at every job start and stop inside it into segments. A segment in
 * which no job runs is idle time; a segment in which {@code n} jobs run gives each of them {@code 1/n} of its duration
 * (overlapping jobs share the overlapping time equally). The window's energy, location-based CO2e and market-based
 * CO2e are then each split in proportion to these times with {@link LargestRemainder#split} at the nano-kWh and the
 * microgram, parts ordered by job id with idle last (equal remainders go to the lower index). Jobs + idle therefore
 * add up to every window, and so to the machine, exactly.
 */
final class JobSplit {

    /** One window of the machine: energy (nano-kWh) and both Scope 2 methods' CO2e (µg). */
    record Slot(Instant start, Instant end, long energyNano, long locationMicrograms, long marketMicrograms) {
    }

    /** A job's time on the machine: {@code [start, end)}. */
    record Span(String jobId, Instant start, Instant end) {
    }

    /** A job's (or the idle time's) share. */
    static final class Share {
        long energyNano;
        long locationMicrograms;
        long marketMicrograms;
        long sharedMillis;
        int windows;

        void add(long e, long l, long m) {
            energyNano += e;
            locationMicrograms += l;
            marketMicrograms += m;
        }
    }

    /** Per job id (by job id) and the idle part. */
    record Result(Map<String, Share> jobs, Share idle) {
    }

    /** Largest common multiplier of segment times (a segment of n jobs weighs duration x L / n). */
    private static final long MAX_MULTIPLIER = 1_000_000_000L;

    private JobSplit() {
    }

    static Result split(List<Slot> slots, List<Span> spans) {
        var sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Span::jobId));
        var jobs = new LinkedHashMap<String, Share>();
        for (var s : sorted) {
            jobs.put(s.jobId(), new Share());
        }
        var idle = new Share();
        for (var slot : slots) {
            splitWindow(slot, sorted, jobs, idle);
        }
        return new Result(jobs, idle);
    }

    private static void splitWindow(Slot slot, List<Span> spans, Map<String, Share> shares, Share idle) {
        long ws = slot.start().toEpochMilli();
        long we = slot.end().toEpochMilli();
        var inWindow = new ArrayList<Span>();
        var cuts = new TreeSet<Long>();
        cuts.add(ws);
        cuts.add(we);
        for (var s : spans) {
            long a = s.start().toEpochMilli();
            long b = s.end().toEpochMilli();
            if (a < we && b > ws) {
                inWindow.add(s);
                if (a > ws) {
                    cuts.add(a);
                }
                if (b < we) {
                    cuts.add(b);
                }
            }
        }
        int n = inWindow.size();
        long[] segStart = cuts.stream().mapToLong(Long::longValue).toArray();
        // which jobs run in each segment, and the common multiplier of their counts
        var running = new ArrayList<List<Integer>>();
        long multiplier = 1;
        for (int k = 0; k + 1 < segStart.length; k++) {
            long a = segStart[k];
            long b = segStart[k + 1];
            var on = new ArrayList<Integer>();
            for (int j = 0; j < n; j++) {
                var s = inWindow.get(j);
                if (s.start().toEpochMilli() < b && s.end().toEpochMilli() > a) {
                    on.add(j);
                }
            }
            running.add(on);
            if (on.size() > 1) {
                multiplier = lcm(multiplier, on.size());
            }
        }
        long[] weights = new long[n + 1];
        for (int k = 0; k < running.size(); k++) {
            long d = segStart[k + 1] - segStart[k];
            var on = running.get(k);
            if (on.isEmpty()) {
                weights[n] += d * multiplier;
            } else {
                for (int j : on) {
                    weights[j] += d * multiplier / on.size();
                    if (on.size() > 1) {
                        shares.get(inWindow.get(j).jobId()).sharedMillis += d;
                    }
                }
            }
        }
        long[] e = LargestRemainder.split(slot.energyNano(), weights);
        long[] l = LargestRemainder.split(slot.locationMicrograms(), weights);
        long[] m = LargestRemainder.split(slot.marketMicrograms(), weights);
        for (int j = 0; j < n; j++) {
            var share = shares.get(inWindow.get(j).jobId());
            share.add(e[j], l[j], m[j]);
            share.windows++;
        }
        idle.add(e[n], l[n], m[n]);
        if (weights[n] > 0) {
            idle.windows++;
        }
    }

    /** Least common multiple, capped at {@link #MAX_MULTIPLIER} (beyond it the weights are floors: sums stay exact). */
    private static long lcm(long a, long b) {
        long g = gcd(a, b);
        long l = a / g * b;
        return Math.min(l, MAX_MULTIPLIER);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
