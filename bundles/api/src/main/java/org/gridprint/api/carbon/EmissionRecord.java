package org.gridprint.api.carbon;

import java.time.Instant;

/**
 * Emissions of one energy interval, with everything needed to recompute them:
 * {@code gramsCo2e = interval.energy() * factor.gramsCo2ePerUnit()}.
 */
public record EmissionRecord(EnergyInterval interval, String siteId, EmissionFactor factor, double gramsCo2e,
        Instant computedAt) {

    public double kgCo2e() {
        return gramsCo2e / 1000.0;
    }
}
