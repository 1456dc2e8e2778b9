package org.gridprint.allocation.costbill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.gridprint.allocation.rounding.LargestRemainder;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationService;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.TargetWindow;

/**
 * Follows the AllocationService contract for one site and dimension: the given target windows whose start lies in
 * the requested period, shares rounded to the Wh and the gram by largest remainder so they add up to the whole;
 * an unknown site or dimension is refused naming what exists; the version and rule version are settable.
 */
final class FakeAllocationService implements AllocationService {

    final String site;
    final String dimension;
    final List<TargetWindow> windows;
    int version = 1;
    final List<AllocationRequest> requests = new ArrayList<>();

    FakeAllocationService(String site, String dimension, List<TargetWindow> windows) {
        this.site = site;
        this.dimension = dimension;
        this.windows = windows;
    }

    @Override
    public Allocation allocate(AllocationRequest r) {
        requests.add(r);
        if (!r.siteId().equals(site) || !r.dimension().equals(dimension)) {
            throw new IllegalArgumentException("no allocation rules for site " + r.siteId() + " and dimension "
                    + r.dimension() + "; rules exist for " + site + "/" + dimension);
        }
        var in = windows.stream().filter(w -> !w.start().isBefore(r.from()) && w.start().isBefore(r.to())).toList();
        var energy = new TreeMap<String, long[]>();
        for (var w : in) {
            var a = energy.computeIfAbsent(w.target(), k -> new long[4]);
            a[0] += w.energyNano();
            a[1] += w.locationCo2eMicrograms();
            a[2] += w.marketCo2eMicrograms();
            a[3] += w.recCoveredNano();
        }
        var targets = new ArrayList<>(energy.keySet());
        var wh = LargestRemainder.round(targets.stream().mapToLong(t -> energy.get(t)[0]).toArray(), 1_000_000L);
        var lg = LargestRemainder.round(targets.stream().mapToLong(t -> energy.get(t)[1]).toArray(), 1_000_000L);
        var mg = LargestRemainder.round(targets.stream().mapToLong(t -> energy.get(t)[2]).toArray(), 1_000_000L);
        var rec = LargestRemainder.round(targets.stream().mapToLong(t -> energy.get(t)[3]).toArray(), 1_000_000L);
        var shares = new ArrayList<AllocationShare>();
        long tw = 0;
        long tl = 0;
        long tm = 0;
        long tr = 0;
        for (int i = 0; i < targets.size(); i++) {
            shares.add(new AllocationShare(targets.get(i), wh[i], lg[i], mg[i], rec[i], "submeter"));
            tw += wh[i];
            tl += lg[i];
            tm += mg[i];
            tr += rec[i];
        }
        return new Allocation(r, tw, tl, tm, tr, shares, in, 42, 3, version, Instant.parse("2026-12-01T00:00:00Z"));
    }
}
