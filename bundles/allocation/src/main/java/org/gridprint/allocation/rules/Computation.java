package org.gridprint.allocation.rules;

import java.util.List;

import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.allocation.TargetWindow;

/**
 * What one allocation run found: the period's shares (rounded, adding up to the totals exactly), every target's exact
 * per-window parts, and a SHA-256 digest of those parts (a stored period keeps it: the same rules on the same windows
 * give the same digest).
 *
 * @param sourceWindows   emission windows read
 * @param excludedWindows windows left out (unaccepted SUSPECT_SPIKE, as in the store's totals)
 * @param sources         the factor versions and instruments the allocated windows were priced with
 */
public record Computation(List<AllocationShare> shares, List<TargetWindow> windows, long totalEnergyWh,
        long totalLocationCo2eGrams, long totalMarketCo2eGrams, long totalRecWh, String digest, long sourceWindows,
        long excludedWindows, Sources sources) {

    public Computation {
        shares = List.copyOf(shares);
        windows = List.copyOf(windows);
    }
}
