package org.gridprint.api.allocation;

import java.util.Objects;

/**
 * One target's share of a period, rounded by largest remainder so that the shares of the period add up to the
 * whole exactly: energy to the Wh, CO2e to the gram (both methods), certificates to the Wh.
 *
 * @param target             the dimension's value (e.g. the department {@code Finance}); {@code (unallocated)}
 *                           holds what no rule assigns, never dropped
 * @param energyWh           energy, Wh
 * @param locationCo2eGrams  location-based Scope 2, g CO2e
 * @param marketCo2eGrams    market-based Scope 2, g CO2e
 * @param recWh              energy covered by certificates/contracts, Wh
 * @param basis              how the share was found, in words (e.g. {@code submeter ahu-2}, {@code floor area 1200 m2 of 3000})
 */
public record AllocationShare(String target, long energyWh, long locationCo2eGrams, long marketCo2eGrams, long recWh,
        String basis) {

    public static final String UNALLOCATED = "(unallocated)";

    public AllocationShare {
        Objects.requireNonNull(target, "target");
        basis = basis == null ? "" : basis;
    }
}
