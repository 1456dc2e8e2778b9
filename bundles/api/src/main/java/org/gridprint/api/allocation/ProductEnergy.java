package org.gridprint.api.allocation;

import java.util.Objects;

/**
 * A product's jobs in a report period added up; per unit = energy / quantity (shown only when quantity > 0).
 *
 * @param product     the product ({@code (none)} for jobs stamped without one)
 * @param jobs        jobs of the product in the period
 * @param partialJobs of those, how many the period cuts (started before it, run past it, or still running): their
 *                    energy is the period's part only while their quantity is the whole job's
 * @param quantity    units produced by the product's stopped jobs
 */
public record ProductEnergy(String product, int jobs, int partialJobs, double quantity, long energyNano,
        long locationCo2eMicrograms, long marketCo2eMicrograms) {

    /** The product name of jobs stamped without one. */
    public static final String NONE = "(none)";

    public ProductEnergy {
        Objects.requireNonNull(product, "product");
    }
}
