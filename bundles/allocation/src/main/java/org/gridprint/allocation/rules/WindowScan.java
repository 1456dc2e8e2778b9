package org.gridprint.allocation.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.WindowQuery;

/**
 * The one streamed read of a period: the SCOPE_2 {@code ACTIVE_ENERGY_IMPORT} windows of the plan's meters, in meter
 * groups read in parallel (each its own {@code scanWindows}, reader connection and sums, added together after), into
 * per-slot bucket sums; windows the store's totals leave out (unaccepted SUSPECT_SPIKE) are counted, not summed. Also
 * collects the factor and instrument refs of the windows. No window is held.
 */
final class WindowScan {

    private WindowScan() {
    }

    /** Streams the windows of the plan's meters into per-slot sums; {@code counts}: [counted, excluded]. */
    static Slots scan(Plan plan, EmissionWindowStore store, Instant from, Instant to, int threads,
            Executor executor, long[] counts) {
        var ids = new ArrayList<>(new TreeSet<>(plan.meterBuckets.keySet()));
        int groups = Math.max(1, Math.min(threads, ids.size()));
        var parts = new ArrayList<Set<String>>();
        for (int g = 0; g < groups; g++) {
            parts.add(new HashSet<>());
        }
        for (int i = 0; i < ids.size(); i++) {
            parts.get(i % groups).add(ids.get(i));
        }
        var futures = new ArrayList<CompletableFuture<Slots>>();
        long[][] groupCounts = new long[groups][2];
        for (int g = 1; g < groups; g++) {
            int gi = g;
            futures.add(CompletableFuture.supplyAsync(() -> scanGroup(plan, store, from, to, parts.get(gi),
                    groupCounts[gi]), executor));
        }
        var slots = groups == 0 || ids.isEmpty() ? new Slots(plan.buckets.size())
                : scanGroup(plan, store, from, to, parts.get(0), groupCounts[0]);
        for (var f : futures) {
            try {
                slots.addAll(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        for (var c : groupCounts) {
            counts[0] += c[0];
            counts[1] += c[1];
        }
        return slots;
    }

    private static Slots scanGroup(Plan plan, EmissionWindowStore store, Instant from, Instant to, Set<String> ids,
            long[] counts) {
        var slots = new Slots(plan.buckets.size());
        if (ids.isEmpty()) {
            return slots;
        }
        var query = new WindowQuery(from, to, ids, plan.rules.siteId(), Optional.of(Scope.SCOPE_2), Optional.empty());
        String[] lastId = {null};
        long[] lastRefs = {-1, -1, -1};
        int[][] lastBuckets = {null};
        store.scanWindows(query, w -> {
            if (w.quantity() != Quantity.ACTIVE_ENERGY_IMPORT) {
                return true;
            }
            int[] buckets;
            if (w.meterId() == lastId[0]) {
                buckets = lastBuckets[0];
            } else {
                buckets = plan.meterBuckets.get(w.meterId());
                lastId[0] = w.meterId();
                lastBuckets[0] = buckets;
            }
            if (buckets == null) {
                return true;
            }
            if (!w.counted()) {
                counts[1]++;
                return true;
            }
            counts[0]++;
            int slot = slots.slot(w.start().toEpochMilli(), w.end().toEpochMilli());
            boolean location = w.method() == AccountingMethod.LOCATION_BASED;
            boolean market = w.method() == AccountingMethod.MARKET_BASED;
            if (location && w.factorRef() != lastRefs[0]) {
                lastRefs[0] = w.factorRef();
                if (w.factorRef() > 0) {
                    slots.locationFactors.add(w.factorRef());
                }
            } else if (market) {
                if (w.factorRef() != lastRefs[1]) {
                    lastRefs[1] = w.factorRef();
                    if (w.factorRef() > 0) {
                        slots.marketFactors.add(w.factorRef());
                    }
                }
                if (w.instrumentRef() != lastRefs[2]) {
                    lastRefs[2] = w.instrumentRef();
                    if (w.instrumentRef() > 0) {
                        slots.instruments.add(w.instrumentRef());
                    }
                }
            }
            for (int b : buckets) {
                if (location) {
                    slots.add(b, slot, Slots.ENERGY, w.amountNano());
                    slots.add(b, slot, Slots.LOCATION, w.co2eMicrograms());
                } else if (market) {
                    slots.add(b, slot, Slots.MARKET, w.co2eMicrograms());
                    slots.add(b, slot, Slots.COVERED, w.coveredNano());
                }
            }
            return true;
        });
        return slots;
    }

}
