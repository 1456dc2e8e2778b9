package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;

import org.gridprint.allocation.rounding.LargestRemainder;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.TargetWindow;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;

/**
 * Splits a site's Scope 2 electricity windows ({@code ACTIVE_ENERGY_IMPORT}, LOCATION_BASED and MARKET_BASED) over a
 * period with a resolved {@link Plan}:
 * <ol>
 * <li>one streamed scan of the windows of the plan's meters adds each window into its buckets per slot (energy and
 * location CO2e from LOCATION windows, market CO2e and covered energy from MARKET windows);</li>
 * <li>per slot: each main's remainder = main − the taken meters below it, per component, never below 0 (a negative
 * remainder is counted and named in the basis); submeters go to their targets; each keyed rule's pool (and the
 * remainder) is split with the rule's weights of that slot by {@link LargestRemainder#split} at nano-kWh / µg, the
 * same weights for all four components; a slot whose weights are all 0, and the remainder when no rule takes it,
 * stay {@link AllocationShare#UNALLOCATED};</li>
 * <li>each target's exact sums over the period are rounded together by {@link LargestRemainder#round} to the Wh and
 * the gram, so the shares add up to the rounded whole exactly.</li>
 * </ol>
 */
final class Allocator {

    static final long NANO_PER_WH = 1_000_000L;
    static final long MICROGRAMS_PER_GRAM = 1_000_000L;

    private Allocator() {
    }

    static Computation compute(Plan plan, EmissionWindowStore store, ReadingStore readings, Instant from, Instant to,
            ZoneId zone) {
        return compute(plan, store, readings, from, to, zone, null, 1);
    }

    /**
     * As {@link #compute(Plan, EmissionWindowStore, ReadingStore, Instant, Instant, ZoneId)}, the scan split over
     * {@code threads} groups of meters (each its own reader and accumulators, added together after), all but the first
     * on {@code executor}.
     */
    static Computation compute(Plan plan, EmissionWindowStore store, ReadingStore readings, Instant from, Instant to,
            ZoneId zone, Executor executor, int threads) {
        long[] counts = new long[2];
        var slots = WindowScan.scan(plan, store, from, to, executor == null ? 1 : Math.max(1, threads), executor,
                counts);

        int[] order = slots.ordered();
        int n = order.length;
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = slots.start(order[i]);
            ends[i] = slots.end(order[i]);
        }

        // targets, sorted by name (the tie rule of the largest remainder)
        var names = new TreeSet<String>();
        names.add(AllocationShare.UNALLOCATED);
        for (var b : plan.buckets) {
            if (b.kind() == Plan.Kind.DIRECT) {
                names.add(b.target());
            }
        }
        plan.rules.rules().forEach(r -> names.addAll(r.keyTargets()));
        var targets = List.copyOf(names);
        var targetIndex = new HashMap<String, Integer>();
        for (int i = 0; i < targets.size(); i++) {
            targetIndex.put(targets.get(i), i);
        }
        int unallocated = targetIndex.get(AllocationShare.UNALLOCATED);

        var keyed = new ArrayList<KeyedRule>();
        for (int i = 0; i < plan.buckets.size(); i++) {
            var b = plan.buckets.get(i);
            if (b.kind() == Plan.Kind.POOL) {
                keyed.add(new KeyedRule(plan.rules.rules().get(b.rule()), i, readings, starts, ends, zone, targetIndex));
            }
        }
        KeyedRule remainder = plan.remainderRule == null ? null
                : new KeyedRule(plan.remainderRule, -1, readings, starts, ends, zone, targetIndex);

        int t = targets.size();
        long[][] sums = new long[t][Slots.COMPONENTS];
        long[] part = new long[t * Slots.COMPONENTS];
        long[] rem = new long[Slots.COMPONENTS];
        long[] pool = new long[Slots.COMPONENTS];
        var windows = new ArrayList<TargetWindow>();
        var digest = sha256();
        var notes = new Notes();
        for (int pos = 0; pos < n; pos++) {
            int slot = order[pos];
            java.util.Arrays.fill(part, 0);
            java.util.Arrays.fill(rem, 0);
            for (var main : plan.mains.entrySet()) {
                int mb = main.getValue()[0];
                int sb = main.getValue()[1];
                long e = slots.get(mb, slot, Slots.ENERGY) - slots.get(sb, slot, Slots.ENERGY);
                if (e < 0) {
                    notes.negative(main.getKey(), -e);
                }
                long re = Math.max(0, e);
                rem[Slots.ENERGY] += re;
                rem[Slots.LOCATION] += Math.max(0, slots.get(mb, slot, Slots.LOCATION) - slots.get(sb, slot, Slots.LOCATION));
                rem[Slots.MARKET] += Math.max(0, slots.get(mb, slot, Slots.MARKET) - slots.get(sb, slot, Slots.MARKET));
                rem[Slots.COVERED] += Math.min(re, Math.max(0, slots.get(mb, slot, Slots.COVERED)
                        - slots.get(sb, slot, Slots.COVERED)));
            }
            for (int b = 0; b < plan.buckets.size(); b++) {
                var bucket = plan.buckets.get(b);
                if (bucket.kind() == Plan.Kind.DIRECT) {
                    int ti = targetIndex.get(bucket.target());
                    for (int c = 0; c < Slots.COMPONENTS; c++) {
                        part[ti * Slots.COMPONENTS + c] += slots.get(b, slot, c);
                    }
                }
            }
            for (var k : keyed) {
                for (int c = 0; c < Slots.COMPONENTS; c++) {
                    pool[c] = slots.get(k.bucket, slot, c);
                }
                k.split(pos, pool, part, unallocated, notes);
            }
            if (remainder != null) {
                remainder.split(pos, rem, part, unallocated, notes);
            } else {
                for (int c = 0; c < Slots.COMPONENTS; c++) {
                    part[unallocated * Slots.COMPONENTS + c] += rem[c];
                }
                if (rem[Slots.ENERGY] > 0) {
                    notes.noRemainderRule = true;
                }
            }
            var start = Instant.ofEpochMilli(starts[pos]);
            var end = Instant.ofEpochMilli(ends[pos]);
            for (int ti = 0; ti < t; ti++) {
                int o = ti * Slots.COMPONENTS;
                if (part[o] == 0 && part[o + 1] == 0 && part[o + 2] == 0 && part[o + 3] == 0) {
                    continue;
                }
                for (int c = 0; c < Slots.COMPONENTS; c++) {
                    sums[ti][c] = Math.addExact(sums[ti][c], part[o + c]);
                }
                var tw = new TargetWindow(targets.get(ti), start, end, part[o], part[o + 1], part[o + 2], part[o + 3]);
                windows.add(tw);
                digest.update((tw.target() + "," + starts[pos] + "," + ends[pos] + "," + part[o] + "," + part[o + 1]
                        + "," + part[o + 2] + "," + part[o + 3] + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        long[][] rounded = new long[Slots.COMPONENTS][];
        for (int c = 0; c < Slots.COMPONENTS; c++) {
            long[] col = new long[t];
            for (int ti = 0; ti < t; ti++) {
                col[ti] = sums[ti][c];
            }
            rounded[c] = LargestRemainder.round(col, c == Slots.ENERGY || c == Slots.COVERED ? NANO_PER_WH
                    : MICROGRAMS_PER_GRAM);
        }
        var shares = new ArrayList<AllocationShare>();
        long[] totals = new long[Slots.COMPONENTS];
        var keyedBasis = new HashMap<String, List<String>>();
        for (var k : keyed) {
            k.basis(keyedBasis);
        }
        if (remainder != null) {
            remainder.basis(keyedBasis);
        }
        for (int ti = 0; ti < t; ti++) {
            var name = targets.get(ti);
            boolean zero = sums[ti][0] == 0 && sums[ti][1] == 0 && sums[ti][2] == 0 && sums[ti][3] == 0;
            if (ti == unallocated && zero && !notes.any()) {
                continue;
            }
            for (int c = 0; c < Slots.COMPONENTS; c++) {
                totals[c] += rounded[c][ti];
            }
            String basis = ti == unallocated ? notes.unallocatedBasis(plan) : basis(plan, name, keyedBasis);
            shares.add(new AllocationShare(name, rounded[Slots.ENERGY][ti], rounded[Slots.LOCATION][ti],
                    rounded[Slots.MARKET][ti], rounded[Slots.COVERED][ti], basis));
        }
        return new Computation(shares, windows, totals[Slots.ENERGY], totals[Slots.LOCATION], totals[Slots.MARKET],
                totals[Slots.COVERED], HexFormat.of().formatHex(digest.digest()), counts[0], counts[1],
                new Sources(slots.locationFactors, slots.marketFactors, slots.instruments));
    }

    private static String basis(Plan plan, String target, Map<String, List<String>> keyedBasis) {
        var parts = new ArrayList<String>();
        var subs = plan.submetersOf.get(target);
        if (subs != null) {
            parts.add("submeter " + list(subs));
        }
        parts.addAll(keyedBasis.getOrDefault(target, List.of()));
        return String.join("; ", parts);
    }

    static String list(List<String> ids) {
        if (ids.size() <= 3) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 3)) + " +" + (ids.size() - 3) + " more";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String kWh(long nano) {
        return BigDecimal.valueOf(nano, 9).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
