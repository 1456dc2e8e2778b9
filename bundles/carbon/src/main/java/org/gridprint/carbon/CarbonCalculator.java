package org.gridprint.carbon;

import java.util.Collection;

/**
 * Turns stored energy-counter readings into stored location-based Scope 2 emission records. Private to this
 * bundle (the api's {@code EmissionStore} is how other bundles read the results).
 */
public interface CarbonCalculator {

    /** Queues meters for the worker thread (coalesced: a meter already queued is not queued twice). Returns at once. */
    void requestRecompute(Collection<String> meterIds);

    /**
     * Computes one meter now, on the calling thread, from the end of its last stored interval, and posts
     * {@code gridprint/emissions/COMPUTED} when new records were stored. Never throws for a bad meter: the
     * outcome says what happened.
     */
    MeterRun recompute(String meterId);
}
