package org.gridprint.allocation.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.gridprint.api.Meter;
import org.gridprint.api.allocation.AllocationShare;

/**
 * A rule set resolved against the declared meters: which meters are read and into which accumulators (buckets) each
 * meter's windows go. Every meter's energy is counted once: a taken meter (pool or tagged submeter) in its bucket
 * and, when it lies below a main meter, subtracted from that main's remainder.
 */
final class Plan {

    enum Kind { DIRECT, POOL, MAIN, SUB }

    /** An accumulator: DIRECT (a target's submeters), POOL (a keyed rule's pool), MAIN / SUB (a main meter). */
    record Bucket(Kind kind, String target, int rule, String main) {
    }

    final RuleSet rules;
    final List<Bucket> buckets = new ArrayList<>();
    /** meter id → bucket indices its windows are added to. */
    final Map<String, int[]> meterBuckets = new HashMap<>();
    /** Per DIRECT target: the submeters assigned to it (for the basis). */
    final Map<String, List<String>> submetersOf = new TreeMap<>();
    /** Mains (remainder): their MAIN and SUB bucket indices. */
    final Map<String, int[]> mains = new LinkedHashMap<>();
    /** The keyed rule (non-remainder) of each POOL bucket; the remainder rule, if any. */
    final Rule remainderRule;
    /** Taken meters below no main (counted only in their own bucket). */
    final Set<String> outsideMains = new TreeSet<>();

    private Plan(RuleSet rules, Rule remainderRule) {
        this.rules = rules;
        this.remainderRule = remainderRule;
    }

    static Plan resolve(RuleSet set, Collection<Meter> declared) {
        var byId = new HashMap<String, Meter>();
        declared.forEach(m -> byId.put(m.id(), m));
        var site = new TreeMap<String, Meter>();
        declared.stream().filter(m -> m.siteId().equals(set.siteId())).forEach(m -> site.put(m.id(), m));
        Rule remainder = set.rules().stream().filter(r -> r.pool() instanceof Pool.Remainder).findFirst().orElse(null);
        var plan = new Plan(set, remainder);
        String where = set.siteId() + "/" + set.dimension();

        // explicit pools
        var taken = new LinkedHashMap<String, Integer>(); // meter -> bucket
        for (int i = 0; i < set.rules().size(); i++) {
            var r = set.rules().get(i);
            for (var k : r.meterKeys()) {
                if (!byId.containsKey(k.meterId())) {
                    throw new IllegalArgumentException("allocation rule '" + r.name() + "' of " + where + ": "
                            + r.method().keyField() + " meter " + k.meterId() + " (target " + k.target() + ") is not a"
                            + " declared meter; expected an org.gridprint.meter id");
                }
            }
            if (!(r.pool() instanceof Pool.Meters m)) {
                continue;
            }
            int bucket = -1;
            if (r.method() != RuleMethod.SUBMETER) {
                bucket = plan.add(new Bucket(Kind.POOL, "", i, ""));
            }
            for (var id : m.ids()) {
                var meter = site.get(id);
                if (meter == null) {
                    throw new IllegalArgumentException("allocation rule '" + r.name() + "' of " + where + ": pool meter "
                            + id + " is not a declared meter of site " + set.siteId() + (byId.containsKey(id)
                            ? " (it belongs to site " + byId.get(id).siteId() + ")" : "") + "; expected a meter id"
                            + " of the site");
                }
                if (r.method() == RuleMethod.SUBMETER) {
                    var value = MeterValues.value(meter, set.dimension());
                    var target = value.isEmpty() ? AllocationShare.UNALLOCATED : value;
                    taken.put(id, plan.direct(target, id));
                } else {
                    taken.put(id, bucket);
                }
            }
        }
        for (var id : taken.keySet()) {
            var ancestor = ancestorIn(byId, id, taken.keySet());
            if (ancestor != null) {
                throw new IllegalArgumentException("allocation rules of " + where + ": pool meter " + id + " lies below"
                        + " pool meter " + ancestor + " (its energy is inside it and would count twice); expected"
                        + " pools that do not contain each other");
            }
        }
        // mains
        List<String> mainIds;
        if (remainder != null && !((Pool.Remainder) remainder.pool()).mains().isEmpty()) {
            mainIds = ((Pool.Remainder) remainder.pool()).mains();
            for (var id : mainIds) {
                if (!site.containsKey(id)) {
                    throw new IllegalArgumentException("allocation rule '" + remainder.name() + "' of " + where
                            + ": main meter " + id + " is not a declared meter of site " + set.siteId()
                            + "; expected a meter id of the site");
                }
                if (taken.containsKey(id)) {
                    throw new IllegalArgumentException("allocation rule '" + remainder.name() + "' of " + where
                            + ": main meter " + id + " is also in a pool; expected a main that no rule takes");
                }
            }
        } else {
            mainIds = site.values().stream().filter(m -> parentIn(byId, m) == null).map(Meter::id)
                    .filter(id -> !taken.containsKey(id)).toList();
        }
        var mainSet = new HashSet<>(mainIds);
        // tagged submeters
        Rule tagged = set.rules().stream().filter(r -> r.pool() instanceof Pool.Tagged).findFirst().orElse(null);
        if (tagged != null) {
            var candidates = new TreeSet<String>();
            for (var m : site.values()) {
                if (parentIn(byId, m) != null && !taken.containsKey(m.id()) && !mainSet.contains(m.id())
                        && !MeterValues.value(m, set.dimension()).isEmpty()) {
                    candidates.add(m.id());
                }
            }
            var inTaken = new HashSet<>(taken.keySet());
            for (var id : candidates) {
                var above = ancestorIn(byId, id, candidates);
                if (above != null || ancestorIn(byId, id, inTaken) != null) {
                    continue; // inside a taken meter
                }
                for (var poolMeter : inTaken) {
                    if (ancestorIn(byId, poolMeter, Set.of(id)) != null) {
                        throw new IllegalArgumentException("allocation rule '" + tagged.name() + "' of " + where
                                + ": tagged submeter " + id + " (" + set.dimension() + " "
                                + MeterValues.value(site.get(id), set.dimension()) + ") contains pool meter " + poolMeter
                                + " of another rule, whose energy would count twice; expected the submeter rule's"
                                + " meters named in its 'pool', or the tag moved");
                    }
                }
                taken.put(id, plan.direct(MeterValues.value(site.get(id), set.dimension()), id));
            }
        }
        for (var id : mainIds) {
            int mb = plan.add(new Bucket(Kind.MAIN, "", -1, id));
            int sb = plan.add(new Bucket(Kind.SUB, "", -1, id));
            plan.mains.put(id, new int[] {mb, sb});
            plan.meterBuckets.put(id, new int[] {mb});
        }
        for (var e : taken.entrySet()) {
            var main = ancestorIn(byId, e.getKey(), mainSet);
            if (main == null) {
                plan.outsideMains.add(e.getKey());
                plan.meterBuckets.put(e.getKey(), new int[] {e.getValue()});
            } else {
                plan.meterBuckets.put(e.getKey(), new int[] {e.getValue(), plan.mains.get(main)[1]});
            }
        }
        return plan;
    }

    private int add(Bucket b) {
        buckets.add(b);
        return buckets.size() - 1;
    }

    private int direct(String target, String meterId) {
        submetersOf.computeIfAbsent(target, t -> new ArrayList<>()).add(meterId);
        for (int i = 0; i < buckets.size(); i++) {
            var b = buckets.get(i);
            if (b.kind() == Kind.DIRECT && b.target().equals(target)) {
                return i;
            }
        }
        return add(new Bucket(Kind.DIRECT, target, -1, ""));
    }

    /** The meter's declared parent, null when it has none or the parent is not declared. */
    private static Meter parentIn(Map<String, Meter> byId, Meter m) {
        return m.parentId().map(byId::get).orElse(null);
    }

    /** The nearest ancestor of {@code id} in {@code set}, null if none (a cycle ends the walk). */
    static String ancestorIn(Map<String, Meter> byId, String id, Set<String> set) {
        var seen = new HashSet<String>();
        var m = byId.get(id);
        while (m != null && seen.add(m.id())) {
            var p = parentIn(byId, m);
            if (p == null) {
                return null;
            }
            if (set.contains(p.id())) {
                return p.id();
            }
            m = p;
        }
        return null;
    }
}
