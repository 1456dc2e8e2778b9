package org.gridprint.api.allocation;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Splits a site's metered energy and its location- and market-based Scope 2 windows with the site's allocation rules
 * (by submeter, fixed share, floor area, headcount, occupancy, runtime, thermal load). Shares add up to the whole
 * exactly; a stored period keeps the rule version it was computed with unless recalculated on purpose.
 */
@ProviderType
public interface AllocationService {

    /**
     * @throws IllegalArgumentException an unknown site or a dimension the site has no rules for (the message says
     *                                  which and what exists)
     */
    Allocation allocate(AllocationRequest request);
}
