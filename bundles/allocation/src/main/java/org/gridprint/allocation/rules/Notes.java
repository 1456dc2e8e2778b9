package org.gridprint.allocation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gridprint.api.allocation.AllocationShare;

/** What ended up unallocated and why, for the basis of {@link AllocationShare#UNALLOCATED}. */
final class Notes {

    private final Map<String, long[]> negative = new TreeMap<>();
    private final Map<String, long[]> zeroWeights = new TreeMap<>();
    boolean noRemainderRule;

    void negative(String main, long nano) {
        var v = negative.computeIfAbsent(main, m -> new long[2]);
        v[0]++;
        v[1] += nano;
    }

    void zeroWeights(String rule, long nano) {
        var v = zeroWeights.computeIfAbsent(rule, m -> new long[2]);
        v[0]++;
        v[1] += nano;
    }

    boolean any() {
        return !negative.isEmpty() || !zeroWeights.isEmpty() || noRemainderRule;
    }

    String unallocatedBasis(Plan plan) {
        var parts = new ArrayList<String>();
        if (noRemainderRule) {
            parts.add("remainder of " + Allocator.list(List.copyOf(plan.mains.keySet())) + " (no remainder rule)");
        }
        var untagged = plan.submetersOf.get(AllocationShare.UNALLOCATED);
        if (untagged != null) {
            parts.add("no " + plan.rules.dimension() + ": " + Allocator.list(untagged));
        }
        zeroWeights.forEach((rule, v) -> parts.add(rule + ": " + v[0] + " windows without weights ("
                + Allocator.kWh(v[1]) + " kWh)"));
        negative.forEach((main, v) -> parts.add("negative remainder of " + main + " in " + v[0] + " windows (-"
                + Allocator.kWh(v[1]) + " kWh: submeters above the main, see gridprint:audit)"));
        return String.join("; ", parts);
    }
}
