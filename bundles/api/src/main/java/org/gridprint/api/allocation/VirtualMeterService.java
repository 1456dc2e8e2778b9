package org.gridprint.api.allocation;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Virtual meters: formulas over other meters' windows ({@code floor3 - tenantA - tenantB}, sums, constant shares
 * {@code 0.4 * chiller}), computed per window for both Scope 2 methods and stored in the emission window store flagged
 * VIRTUAL, recomputed when an input's windows change.
 */
@ProviderType
public interface VirtualMeterService {

    /** Every configured virtual meter, usable or refused, sorted by id. */
    List<VirtualMeter> virtualMeters();

    /**
     * Computes (again) a virtual meter's windows starting in {@code [from, to)} and stores those that changed.
     *
     * @throws IllegalArgumentException an unknown or refused virtual meter (the message says why)
     */
    VirtualRun recompute(String virtualId, Instant from, Instant to);
}
