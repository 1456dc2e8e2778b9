package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.allocation.rounding.LargestRemainder;
import org.gridprint.api.Quantity;
import org.gridprint.api.store.ReadingStore;

/** A keyed rule at work over one period: its weights per slot and the split of its pool. */
final class KeyedRule {

    final Rule rule;
    final int bucket;
    private final List<String> keyTargets;
    private final int[] global;
    private final long[] constant;
    private final long[][] perSlot;
    private final List<OccupancyKey> occupancy;
    private final long[] peopleScaled;
    private final int[] occupancyTarget;
    private final long[] starts;
    private final long[] ends;
    private final ZoneId zone;
    private final double[] weightSums;
    private final int peopleScale;

    KeyedRule(Rule rule, int bucket, ReadingStore readings, long[] starts, long[] ends, ZoneId zone,
            Map<String, Integer> targetIndex) {
        this.rule = rule;
        this.bucket = bucket;
        this.starts = starts;
        this.ends = ends;
        this.zone = zone;
        keyTargets = rule.keyTargets();
        global = new int[keyTargets.size()];
        var local = new HashMap<String, Integer>();
        for (int i = 0; i < keyTargets.size(); i++) {
            global[i] = targetIndex.get(keyTargets.get(i));
            local.put(keyTargets.get(i), i);
        }
        weightSums = new double[keyTargets.size()];
        switch (rule.method()) {
            case FIXED, AREA, HEADCOUNT -> {
                int scale = rule.staticKeys().stream().mapToInt(k -> Math.max(0, k.value().scale())).max().orElse(0);
                constant = new long[keyTargets.size()];
                for (var k : rule.staticKeys()) {
                    constant[local.get(k.target())] = k.value().setScale(scale, RoundingMode.UNNECESSARY)
                            .unscaledValue().longValueExact();
                }
                perSlot = null;
                occupancy = List.of();
                peopleScaled = null;
                occupancyTarget = null;
                peopleScale = 0;
            }
            case OCCUPANCY -> {
                constant = null;
                perSlot = null;
                occupancy = rule.occupancy();
                peopleScale = occupancy.stream().mapToInt(k -> Math.max(0, k.people().scale())).max().orElse(0);
                peopleScaled = new long[occupancy.size()];
                occupancyTarget = new int[occupancy.size()];
                for (int i = 0; i < occupancy.size(); i++) {
                    peopleScaled[i] = occupancy.get(i).people().setScale(peopleScale, RoundingMode.UNNECESSARY)
                            .unscaledValue().longValueExact();
                    occupancyTarget[i] = local.get(occupancy.get(i).target());
                }
            }
            case RUNTIME, THERMAL -> {
                constant = null;
                occupancy = List.of();
                peopleScaled = null;
                occupancyTarget = null;
                peopleScale = 0;
                perSlot = new long[keyTargets.size()][];
                var quantity = rule.method() == RuleMethod.RUNTIME ? Quantity.RUNTIME : Quantity.THERMAL_ENERGY;
                for (var k : rule.meterKeys()) {
                    long[] d = CounterDeltas.deltas(readings, k.meterId(), quantity, starts, ends);
                    int li = local.get(k.target());
                    if (perSlot[li] == null) {
                        perSlot[li] = d;
                    } else {
                        for (int s = 0; s < d.length; s++) {
                            perSlot[li][s] = Math.addExact(perSlot[li][s], d[s]);
                        }
                    }
                }
                for (int li = 0; li < perSlot.length; li++) {
                    if (perSlot[li] == null) {
                        perSlot[li] = new long[starts.length];
                    }
                }
            }
            default -> throw new IllegalArgumentException("rule " + rule.name() + ": method " + rule.method()
                    + " has no keys");
        }
    }

    private long[] weights(int pos) {
        if (constant != null) {
            return constant;
        }
        long[] w = new long[keyTargets.size()];
        if (perSlot != null) {
            for (int i = 0; i < w.length; i++) {
                w[i] = perSlot[i][pos];
            }
            return w;
        }
        var from = Instant.ofEpochMilli(starts[pos]);
        var to = Instant.ofEpochMilli(ends[pos]);
        for (int i = 0; i < occupancy.size(); i++) {
            long seconds = occupancy.get(i).secondsInside(from, to, zone);
            w[occupancyTarget[i]] = Math.addExact(w[occupancyTarget[i]], Math.multiplyExact(peopleScaled[i], seconds));
        }
        return w;
    }

    /** Splits {@code pool} (4 components) of slot {@code pos} into {@code part} (target-major, 4 per target). */
    void split(int pos, long[] pool, long[] part, int unallocated, Notes notes) {
        long[] w = weights(pos);
        long sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum |= w[i];
            weightSums[i] += w[i];
        }
        boolean empty = pool[0] == 0 && pool[1] == 0 && pool[2] == 0 && pool[3] == 0;
        if (empty) {
            return;
        }
        if (sum == 0) {
            for (int c = 0; c < Slots.COMPONENTS; c++) {
                part[unallocated * Slots.COMPONENTS + c] += pool[c];
            }
            notes.zeroWeights(rule.name(), pool[Slots.ENERGY]);
            return;
        }
        for (int c = 0; c < Slots.COMPONENTS; c++) {
            if (pool[c] == 0) {
                continue;
            }
            long[] parts = LargestRemainder.split(pool[c], w);
            for (int i = 0; i < parts.length; i++) {
                part[global[i] * Slots.COMPONENTS + c] += parts[i];
            }
        }
    }

    /** Adds this rule's basis text per target. */
    void basis(Map<String, List<String>> out) {
        String label = rule.name() + ": ";
        switch (rule.method()) {
            case FIXED, AREA, HEADCOUNT -> {
                BigDecimal total = rule.staticKeys().stream().map(StaticKey::value).reduce(BigDecimal.ZERO,
                        BigDecimal::add);
                for (var k : rule.staticKeys()) {
                    String what = rule.method() == RuleMethod.FIXED ? "fixed " : rule.method() == RuleMethod.AREA
                            ? "area " : "headcount ";
                    String unit = rule.method() == RuleMethod.AREA ? " m2" : "";
                    add(out, k.target(), label + what + k.value().toPlainString() + " of " + total.toPlainString() + unit);
                }
            }
            case OCCUPANCY -> {
                double total = sum();
                for (int i = 0; i < keyTargets.size(); i++) {
                    double hours = weightSums[i] / Math.pow(10, peopleScale) / 3600.0;
                    add(out, keyTargets.get(i), label + "occupancy " + fmt(hours, 1) + " people-h of "
                            + fmt(total / Math.pow(10, peopleScale) / 3600.0, 1));
                }
            }
            case RUNTIME, THERMAL -> {
                double total = sum() / 1e9;
                String unit = rule.method() == RuleMethod.RUNTIME ? " h" : " kWh th";
                for (int i = 0; i < keyTargets.size(); i++) {
                    var target = keyTargets.get(i);
                    var meters = rule.meterKeys().stream().filter(k -> k.target().equals(target))
                            .map(MeterKey::meterId).toList();
                    add(out, target, label + rule.method().configName() + " " + Allocator.list(meters) + " "
                            + fmt(weightSums[i] / 1e9, 3) + " of " + fmt(total, 3) + unit);
                }
            }
            default -> {
            }
        }
    }

    private double sum() {
        double s = 0;
        for (double v : weightSums) {
            s += v;
        }
        return s;
    }

    private static void add(Map<String, List<String>> out, String target, String text) {
        out.computeIfAbsent(target, t -> new ArrayList<>()).add(text);
    }

    static String fmt(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
