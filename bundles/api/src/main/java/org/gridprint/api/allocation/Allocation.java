package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A period's allocation: the whole (rounded to the Wh and the gram), one share per target adding up to it exactly,
 * each target's exact per-window parts, and the rule version it was computed with.
 *
 * @param ruleRef     the {@link org.gridprint.api.store.RecordRegister} ref of the rule version used
 * @param ruleVersion that rule's version number
 * @param version     1 for the first computation of the period, +1 per recalculation
 */
public record Allocation(AllocationRequest request, long totalEnergyWh, long totalLocationCo2eGrams,
        long totalMarketCo2eGrams, long totalRecWh, List<AllocationShare> shares, List<TargetWindow> windows,
        long ruleRef, int ruleVersion, int version, Instant computedAt) {

    public Allocation {
        Objects.requireNonNull(request, "request");
        shares = List.copyOf(shares);
        windows = windows == null ? List.of() : List.copyOf(windows);
        Objects.requireNonNull(computedAt, "computedAt");
    }
}
