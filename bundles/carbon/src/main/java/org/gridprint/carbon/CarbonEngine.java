package org.gridprint.carbon;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The carbon engine inside this bundle: turns stored counter readings into stored emission windows. The
 * RecalculationService and PlausibilityService use it; other bundles read the results from the
 * {@link org.gridprint.api.store.EmissionWindowStore}.
 */
public interface CarbonEngine {

    /** Queues meters for the worker (coalesced). Returns at once. */
    void requestRecompute(Collection<String> meterIds);

    /** Queues meters whose readings from {@code from} on changed (late readings): their touched windows are redone. */
    void requestRecompute(Collection<String> meterIds, Instant from);

    /** Computes one meter now on the calling thread, continuing from its last window; posts COMPUTED. */
    MeterRun recompute(String meterId);

    /**
     * Recomputes the windows of the meters (of a site, or all) starting in {@code [from, to)} with {@code reason} on
     * the calling thread, through the same code path as the worker (one meter at a time, never concurrently with
     * it). Posts COMPUTED.
     */
    List<MeterRun> recalculate(Instant from, Instant to, Optional<String> siteId, String reason);
}
